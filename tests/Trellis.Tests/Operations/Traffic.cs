using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Trellis.Tests.Support;

namespace Trellis.Tests.Operations;

/// <summary>One answer the load got: when, from which client, its status (0: no answer at all) and what it said.</summary>
public sealed record Answer(DateTime At, string Client, string Request, int Status, string? ContentType, bool RetryAfter, string Body)
{
    public bool Ok => Status is >= 200 and < 300;
    /// <summary>The client's session was refused: an API 401, or a page sending it to sign in again.</summary>
    public bool SignedOut => Status == 401 || (Status == 302 && Body.Contains("/account/login", StringComparison.Ordinal));
    public override string ToString() => $"{At:HH:mm:ss.fff} {Client} {Request} → {Status} {ContentType} {(RetryAfter ? "Retry-After " : "")}{Body}";
}

/// <summary>
/// Signed-in people working through one address while the test breaks something behind it: API
/// clients (each its own bearer session) creating charts and reading them back, and page clients
/// (each its own cookie session) opening charts. Every answer is kept for the test to judge, and
/// every acknowledged write (201) is remembered.
/// </summary>
public sealed class Traffic(string baseUrl, Guid programId)
{
    public ConcurrentBag<Guid> Written { get; } = [];
    public ConcurrentQueue<Answer> Answers { get; } = new();
    private readonly List<Task> clients = [];
    private readonly CancellationTokenSource stop = new();

    public static HttpClient Client(string baseUrl) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
        { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };

    public async Task AddApiClientsAsync(int count, string email, string password)
    {
        for (var i = 0; i < count; i++)
        {
            var http = Client(baseUrl);
            using var login = await http.PostAsJsonAsync("/api/auth/login", new { email, password });
            Assert.True(login.IsSuccessStatusCode, await login.Content.ReadAsStringAsync());
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (string)(await Json.ReadAsync(login))["accessToken"]!);
            var name = $"api{i}";
            clients.Add(Task.Run(() => ApiLoopAsync(name, http)));
        }
    }

    public async Task AddPageClientsAsync(int count, string email, string password)
    {
        for (var i = 0; i < count; i++)
        {
            var pages = new PageClient(Client(baseUrl));
            await pages.SignInAsync(email, password);
            var name = $"page{i}";
            clients.Add(Task.Run(() => PageLoopAsync(name, pages.Http)));
        }
    }

    private async Task ApiLoopAsync(string name, HttpClient http)
    {
        var mine = new List<Guid>();
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            if (mine.Count == 0 || n % 2 == 0)
            {
                var answer = await SendAsync(name, http, new HttpRequestMessage(HttpMethod.Post, "/api/participants")
                    { Content = JsonContent.Create(Demo.NewParticipant(programId, $"Load{name}x{n}")) });
                if (answer is { Status: 201 } && Guid.TryParse(answer.Body, out var id)) { Written.Add(id); mine.Add(id); }
            }
            else await SendAsync(name, http, new HttpRequestMessage(HttpMethod.Get, $"/api/participants/{mine[n % mine.Count]}"));
        }
    }

    private async Task PageLoopAsync(string name, HttpClient http)
    {
        while (!stop.IsCancellationRequested)
        {
            var charts = Written.ToArray();
            var path = charts.Length == 0 ? "/participants" : $"/participants/{charts[Random.Shared.Next(charts.Length)]}";
            await SendAsync(name, http, new HttpRequestMessage(HttpMethod.Get, path));
        }
    }

    private async Task<Answer?> SendAsync(string client, HttpClient http, HttpRequestMessage request)
    {
        var what = $"{request.Method} {request.RequestUri}";
        Answer answer;
        try
        {
            using var response = await http.SendAsync(request, stop.Token);
            var text = await response.Content.ReadAsStringAsync(stop.Token);
            var body = response.StatusCode switch
            {
                HttpStatusCode.Created => (string?)System.Text.Json.Nodes.JsonNode.Parse(text)?["id"] ?? text,
                HttpStatusCode.Redirect => response.Headers.Location?.ToString() ?? "",
                _ when (int)response.StatusCode >= 400 => text.Length > 4000 ? text[..4000] : text,
                _ => "",
            };
            answer = new Answer(DateTime.UtcNow, client, what, (int)response.StatusCode, response.Content.Headers.ContentType?.MediaType,
                response.Headers.RetryAfter is not null, body);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested) { return null; }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            answer = new Answer(DateTime.UtcNow, client, what, 0, null, false, e.GetType().Name + ": " + e.Message);
        }
        finally { request.Dispose(); }
        Answers.Enqueue(answer);
        return answer;
    }

    /// <summary>Waits until <paramref name="condition"/> holds, or fails the test after <paramref name="seconds"/>.</summary>
    public static async Task WaitForAsync(Func<bool> condition, int seconds, string what)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(seconds); !condition(); await Task.Delay(100))
            Assert.True(DateTime.UtcNow < deadline, $"Waited {seconds} s for {what}.");
    }

    public int OkSince(DateTime at, string? client = null) =>
        Answers.Count(a => a.At >= at && a.Ok && (client is null || a.Client == client));

    public async Task StopAsync()
    {
        await stop.CancelAsync();
        await Task.WhenAll(clients);
    }
}
