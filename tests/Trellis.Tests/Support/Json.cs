using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Trellis.Tests.Support;

public static class Json
{
    public static async Task<JsonNode> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        try { return JsonNode.Parse(text) ?? throw new InvalidOperationException("empty body"); }
        catch (JsonException e) { throw new InvalidOperationException($"Not JSON ({(int)response.StatusCode}): {text}", e); }
    }

    /// <summary>Asserts a ProblemDetails answer with the status, and returns it.</summary>
    public static async Task<JsonNode> ProblemAsync(HttpResponseMessage response, int status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"expected {status}, got {(int)response.StatusCode}: {body}");
        Assert.Contains("application/problem+json", response.Content.Headers.ContentType?.ToString() ?? "");
        var node = JsonNode.Parse(body)!;
        Assert.Equal(status, (int)node["status"]!);
        Assert.False(string.IsNullOrWhiteSpace((string?)node["title"]));
        return node;
    }

    /// <summary>A POST that changes an existing record, sent with the If-Match of a GET of <paramref name="readUrl"/> (none when that GET has no ETag).</summary>
    public static async Task<HttpResponseMessage> PostAfterReadAsync(this HttpClient client, string readUrl, string url, object? body)
    {
        using var read = await client.GetAsync(readUrl);
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body ?? new { }) };
        if (read.Headers.ETag is { } etag) request.Headers.TryAddWithoutValidation("If-Match", etag.Tag);
        return await client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> PutJsonAsync(this HttpClient client, string url, object body, string? ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = JsonContent.Create(body) };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return client.SendAsync(request);
    }
}
