using System.Net;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Trellis.Tests.Support;
using Trellis.Web.Features.Auth;
using Xunit.Abstractions;

namespace Trellis.Tests.Security;

/// <summary>
/// Issue 16 point 10: every route of the routing table (pages, API, calendar feeds, and whatever is
/// added later), as anonymous and as every demo account, with a record inside the caller's care team,
/// one outside it and one that exists nowhere. No 5xx; anonymous never gets data from a route that is
/// not public; a role the route's policy does not admit gets 403 (pages: the status page); and outside
/// the care team answers exactly as missing. A route not in <see cref="RouteTable"/> fails until it is
/// classified there.
/// </summary>
[Long]
public class RouteMatrixTests(TrellisFactory app, ITestOutputHelper output) : IClassFixture<TrellisFactory>
{
    private static readonly string[] ScopedToMentalHealth = [Roles.Clinician, Roles.Prescriber, Roles.CaseManager, Roles.Participant];

    public sealed record Route(string Method, string Pattern, bool IsPage, bool AllowsAnonymous, IReadOnlyList<string> Policies)
    {
        public string Key => $"{Method} {Pattern}";
        /// <summary>Bearer-token routes: /api, and /fhir which takes the same tokens.</summary>
        public bool IsApi => Pattern.StartsWith("/api", StringComparison.Ordinal) || Pattern.StartsWith("/fhir", StringComparison.Ordinal);
    }

    public static List<Route> Routes(IServiceProvider services) => services.GetRequiredService<EndpointDataSource>().Endpoints
        .OfType<RouteEndpoint>()
        .Where(e => !IsFile(e.RoutePattern.RawText ?? ""))
        .SelectMany(e =>
        {
            var page = e.Metadata.GetMetadata<ComponentTypeMetadata>() is not null;
            var methods = page ? ["GET"] : e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            var policies = e.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).OfType<string>().Distinct().ToList();
            var anonymous = e.Metadata.GetMetadata<IAllowAnonymous>() is not null || !e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any();
            return methods.Select(m => new Route(m, "/" + (e.RoutePattern.RawText ?? "").TrimStart('/'), page, anonymous, policies));
        })
        .DistinctBy(r => r.Key).OrderBy(r => r.Key, StringComparer.Ordinal).ToList();

    // Static files (fingerprinted CSS, scripts, favicon) carry no data; the OpenAPI document is a route like any other.
    private static bool IsFile(string pattern) =>
        pattern.StartsWith("_framework", StringComparison.Ordinal) || pattern.StartsWith("_content", StringComparison.Ordinal)
        || (pattern.Split('/')[^1].Contains('.') && !pattern.Contains('{'));

    [Fact]
    public void Every_route_is_classified()
    {
        var routes = Routes(app.Services);
        var missing = routes.Where(r => !RouteTable.Access.ContainsKey(r.Key)).ToList();
        var gone = RouteTable.Access.Keys.Except(routes.Select(r => r.Key)).ToList();
        var wrong = routes.Where(r => RouteTable.Access.TryGetValue(r.Key, out var a) && (a is RouteAccess.Public or RouteAccess.Feed) != r.AllowsAnonymous).ToList();
        Assert.True(missing.Count == 0, "Classify these routes in RouteTable (Public, Feed, SignedIn or NotProbed with a reason):\n"
            + string.Join("\n", missing.Select(r => $"        [\"{r.Key}\"] = {(r.AllowsAnonymous ? "Public" : "SignedIn")},")));
        Assert.True(gone.Count == 0, "These routes are gone; remove them from RouteTable: " + string.Join(", ", gone));
        Assert.True(wrong.Count == 0, "The table and the route disagree on anonymous access: " + string.Join(", ", wrong.Select(r => r.Key)));
    }

    [Fact]
    public async Task Every_route_answers_every_role_as_its_policy_and_scope_allow()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var routes = Routes(app.Services).Where(r => RouteTable.Access.GetValueOrDefault(r.Key) != RouteAccess.NotProbed).ToList();
        var ids = await ScopedIds.LoadAsync(app);
        var mentalHealth = await Demo.ProgramIdAsync(app, Demo.MentalHealth);
        var principals = new List<string?> { null };
        principals.AddRange(Roles.All);
        var api = new Dictionary<string, HttpClient>();
        var pages = new Dictionary<string, PageClient>();
        foreach (var role in Roles.All) { api[role] = await app.ApiAsync(role); pages[role] = await app.PagesAsync(role); }
        var anonymous = app.Anonymous();

        var failures = new List<string>();
        var requests = 0;
        foreach (var route in routes)
        {
            var variants = Variants(route.Pattern, ids, mentalHealth);
            foreach (var principal in principals)
            {
                var client = principal is null ? anonymous : route.IsApi ? api[principal] : pages[principal].Http;
                var answers = new Dictionary<string, (int Status, string Detail)>();
                foreach (var (variant, url) in variants)
                {
                    requests++;
                    HttpResponseMessage response;
                    try { response = await SendAsync(client, route.Method, url); }
                    catch (Exception e) when (e is TaskCanceledException or HttpRequestException)
                    {
                        // A hung or broken response is as much a failure as a 5xx, and the URL is what a reader needs.
                        failures.Add($"no complete answer ({e.GetType().Name}: {e.InnerException?.InnerException?.Message ?? e.Message}): {route.Method} {url} as {principal ?? "anonymous"}");
                        continue;
                    }
                    var status = (int)response.StatusCode;
                    var body = await response.Content.ReadAsStringAsync();
                    answers[variant] = (status, ProblemDetail(body));
                    var who = principal ?? "anonymous";
                    if (status >= 500) failures.Add($"{status}: {route.Method} {url} as {who}");
                    else if (principal is null && RouteTable.Access[route.Key] == RouteAccess.SignedIn && status is >= 200 and < 300)
                        failures.Add($"anonymous got {status} with data: {route.Method} {url}");
                    else if (principal is not null && route.Policies.Any(p => !Permissions.RolesOf(p).Contains(principal)) && status != 403
                        && RouteTable.Access[route.Key] == RouteAccess.SignedIn)
                        failures.Add($"{principal} is not admitted by {string.Join("+", route.Policies)} but got {status} (not 403): {route.Method} {url}");
                    else if (principal is not null && status == 401)
                        failures.Add($"{principal} is signed in but got 401: {route.Method} {url}");
                }
                if (principal is not null && ScopedToMentalHealth.Contains(principal)
                    && answers.TryGetValue("outside", out var outside) && answers.TryGetValue("missing", out var missingAnswer) && outside != missingAnswer)
                    failures.Add($"{principal}: outside the care team answers {outside.Status} '{outside.Detail}', a missing id {missingAnswer.Status} '{missingAnswer.Detail}': {route.Key}");
            }
        }
        output.WriteLine($"{requests} requests over {routes.Count} routes and {principals.Count} principals in {clock.Elapsed.TotalSeconds:F1} s; failures: {failures.Count}");
        Assert.True(failures.Count == 0, $"{failures.Count} failure(s):\n" + string.Join("\n", failures.Take(40)));
    }

    /// <summary>
    /// The URL with a participant-owned record inside Adult Mental Health ("inside"), one in Substance Use
    /// ("outside": out of scope for the Mental Health-only roles) and an id that exists nowhere ("missing").
    /// </summary>
    private static List<(string Variant, string Url)> Variants(string pattern, ScopedIds ids, Guid mentalHealth)
    {
        var segments = pattern.Trim('/').Split('/');
        var idIndexes = Enumerable.Range(0, segments.Length).Where(i => segments[i].StartsWith('{') && IsId(segments[i])).ToList();
        string Fill(Func<int, string> id) => "/" + string.Join('/', segments.Select((s, i) =>
            !s.StartsWith('{') ? s : IsId(s) ? id(i) : RouteTable.ValueFor(i > 0 ? segments[i - 1] : "", s)));
        if (idIndexes.Count == 0) return [("only", Fill(_ => ""))];
        Guid Pick(int i, bool inside)
        {
            var records = ids.For(segments[i - 1]);
            var scoped = records.Where(r => r.ProgramId is not null).ToList();
            var pool = scoped.Count > 0 ? scoped.Where(r => (r.ProgramId == mentalHealth) == inside).ToList() : inside ? records : [];
            return pool.Count > 0 ? pool[0].Id : Guid.NewGuid();
        }
        var variants = new List<(string, string)> { ("inside", Fill(i => Pick(i, true).ToString())), ("missing", Fill(_ => Guid.NewGuid().ToString())) };
        if (idIndexes.Any(i => ids.For(segments[i - 1]).Any(r => r.ProgramId is not null && r.ProgramId != mentalHealth)))
            variants.Add(("outside", Fill(i => Pick(i, false).ToString())));
        return variants;
    }

    private static bool IsId(string parameter) => parameter.Contains(":guid", StringComparison.OrdinalIgnoreCase)
        || parameter.Equals("{id}", StringComparison.OrdinalIgnoreCase) || parameter.EndsWith("Id}", StringComparison.Ordinal);

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string url)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method is "POST" or "PUT" or "PATCH") request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        return client.SendAsync(request);
    }

    private static string ProblemDetail(string body)
    {
        if (!body.StartsWith('{')) return "";
        try { return System.Text.Json.JsonDocument.Parse(body).RootElement.TryGetProperty("detail", out var d) ? d.ToString() : ""; }
        catch (System.Text.Json.JsonException) { return ""; }
    }
}
