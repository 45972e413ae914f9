using System.Net;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Trellis.Tests.Support;

namespace Trellis.Tests.Foundation;

/// <summary>
/// A safety net under every feature's API: each /api route the app maps, found from the routing table
/// rather than from a list someone must remember to extend, refuses an anonymous caller with 401 —
/// unless it is marked as public on purpose ([AllowAnonymous]), and those are exactly the ones named here.
/// </summary>
public class AnonymousApiTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    private static readonly string[] PublicOnPurpose =
    [
        "POST /api/auth/login",
        // Self-service password reset (issue 11): 202 whatever the address, rate-limited like sign-in.
        "POST /api/auth/password-reset",
        // Passkey sign-in (issue 11): the options (a challenge, rate-limited) and the answer for a token.
        "POST /api/auth/passkey/options",
        "POST /api/auth/passkey/login",
        "GET /api/instruments",
        "GET /api/instruments/{code}",
        "POST /api/instruments/{code}/score",
    ];

    [Fact]
    public async Task Every_api_route_refuses_an_anonymous_caller_unless_it_is_public_on_purpose()
    {
        var routes = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.TrimStart('/').StartsWith("api/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (Method: m, Endpoint: e)))
            .ToList();
        Assert.True(routes.Count > 100, $"only {routes.Count} API routes found");

        var publicFound = new List<string>();
        var leaks = new List<string>();
        using var client = app.Anonymous();
        foreach (var (method, endpoint) in routes)
        {
            var name = $"{method} /{endpoint.RoutePattern.RawText!.Trim('/')}";
            // The browsable API reference (Scalar) is documentation, public like the OpenAPI document.
            if (name.StartsWith("GET /api/reference", StringComparison.Ordinal)) continue;
            if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null) { publicFound.Add(name); continue; }
            var url = Fill(endpoint.RoutePattern.RawText!);
            using var request = new HttpRequestMessage(new HttpMethod(method), url);
            if (method is "POST" or "PUT" or "PATCH") request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
            using var response = await client.SendAsync(request);
            if (response.StatusCode != HttpStatusCode.Unauthorized) leaks.Add($"{name} answered {(int)response.StatusCode}");
        }
        Assert.Empty(leaks);
        Assert.Equal(string.Join("\n", PublicOnPurpose.Order()), string.Join("\n", publicFound.Distinct().Order()));
    }

    private static string Fill(string template)
    {
        var sb = new StringBuilder();
        var i = 0;
        while (i < template.Length)
        {
            if (template[i] != '{') { sb.Append(template[i++]); continue; }
            var end = template.IndexOf('}', i);
            var spec = template[(i + 1)..end];
            sb.Append(spec.Contains(":int") ? "1" : spec.Contains(":guid") ? Guid.NewGuid().ToString() : "x");
            i = end + 1;
        }
        return "/" + sb.ToString().TrimStart('/');
    }
}
