using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Trellis.Tests.Support;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Participants;

namespace Trellis.Tests.Foundation;

/// <summary>The app, with a fault below every route at /api/fault and /fault, to see what a crash looks like.</summary>
public sealed class FaultyTrellisFactory : TrellisFactory
{
    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<IStartupFilter, Fault>();

    private sealed class Fault : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            // After the app's own pipeline: only requests no endpoint answered reach it, inside the exception handler.
            app.Use((HttpContext http, Func<Task> next) => http.Request.Path.Value is "/fault" or "/api/fault"
                ? throw new InvalidOperationException("A fault injected by the test.")
                : next());
        };
    }
}

/// <summary>
/// Issue 13, point 1: every page answers in the app's layout with a calm message and a way back, for every
/// role and for visitors: 403 when the page is not for the role, 404 for what does not exist (or is outside
/// the care team), the error page for a crash. The API keeps answering ProblemDetails.
/// </summary>
[Long]
public class StatusPagesTests(FaultyTrellisFactory app) : IClassFixture<FaultyTrellisFactory>
{
    private static void InLayout(IHtmlDocument doc, string url)
    {
        Assert.True(doc.QuerySelector("header.topbar") is not null, $"{url}: not in the app's layout");
        var h1 = doc.QuerySelector("main#main h1");
        Assert.True(h1 is not null && h1.TextContent.Trim().Length > 0, $"{url}: no heading in the page");
    }

    [Fact]
    public async Task Every_page_route_answers_with_a_page_for_every_role_and_for_visitors_never_a_5xx_or_an_empty_body()
    {
        var participant = (await Demo.ParticipantInAsync(app, Demo.MentalHealth, ParticipantStatus.Active)).Id;
        var urls = new List<string>();
        await using (var s = app.Db())
            foreach (var route in PageRoutes.All())
            {
                urls.Add(await PageRoutes.FillAsync(s.Context, route.Template, real: true, participant));
                if (route.Template.Contains('{')) urls.Add(await PageRoutes.FillAsync(s.Context, route.Template, real: false, participant));
            }
        Assert.True(urls.Count > 100, $"only {urls.Count} page routes found");

        // Each identity walks every page in its own browser-like client, all at once.
        var found = await Task.WhenAll(Roles.All.Cast<string?>().Append(null).Select(role => SweepAsync(role, urls.Distinct().ToList())));
        var problems = found.SelectMany(p => p).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private async Task<List<string>> SweepAsync(string? role, List<string> urls)
    {
        var problems = new List<string>();
        using var client = await app.PagesAsync(role);
        var who = role ?? "anonymous";
        foreach (var url in urls)
        {
            // Follow local redirects (to sign-in, after a sign-in page) to the page a browser would show.
            var (response, doc) = await client.GetAsync(url);
            var at = url;
            for (var hops = 0; response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found && hops < 5; hops++)
            {
                at = response.Headers.Location!.IsAbsoluteUri ? response.Headers.Location.PathAndQuery : response.Headers.Location.OriginalString;
                (response, doc) = await client.GetAsync(at);
            }
            if ((int)response.StatusCode >= 500) { problems.Add($"{who} GET {url}: {(int)response.StatusCode}"); continue; }
            var body = doc.QuerySelector("main#main")?.TextContent.Trim() ?? "";
            if (body.Length == 0 || doc.QuerySelector("header.topbar") is null)
                problems.Add($"{who} GET {url} (ended at {at}): {(int)response.StatusCode} with {(body.Length == 0 ? "an empty page" : "no layout")}");
        }
        return problems;
    }

    [Fact]
    public async Task A_page_not_for_your_role_is_a_403_in_the_layout_with_a_way_back()
    {
        using var clinician = await app.PagesAsync(Roles.Clinician);
        foreach (var url in new[] { "/admin/audit", "/admin/security", "/staff/new", "/participants/new", "/admin/programs/new", "/account/access-denied" })
        {
            var (response, doc) = await clinician.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{url}: {(int)response.StatusCode}");
            InLayout(doc, url);
            Assert.Equal("Not allowed", doc.QuerySelector("main h1")!.TextContent.Trim());
            Assert.NotNull(doc.QuerySelector("main a[href='/']"));
        }
        // A page's own refusal says what the role may do instead, and links back to where it belongs.
        var (_, staffNew) = await clinician.GetAsync("/staff/new");
        Assert.Contains("for administrators", staffNew.QuerySelector("main")!.TextContent);
        Assert.NotNull(staffNew.QuerySelector("main a[href='/staff']"));
        // A participant opening a staff page.
        using var participant = await app.PagesAsync(Roles.Participant);
        var (forbidden, page) = await participant.GetAsync("/participants");
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        InLayout(page, "/participants");
    }

    [Fact]
    public async Task Unknown_addresses_and_charts_outside_the_care_team_are_404_pages_alike()
    {
        using var clinician = await app.PagesAsync(Roles.Clinician);
        var (unknown, doc) = await clinician.GetAsync("/no-such-page");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        InLayout(doc, "/no-such-page");
        Assert.Equal("Page not found", doc.QuerySelector("main h1")!.TextContent.Trim());

        var outside = await Demo.ParticipantInAsync(app, Demo.SubstanceUse);
        var missing = Guid.NewGuid();
        foreach (var id in new[] { outside.Id, missing })
        {
            var (response, chart) = await clinician.GetAsync($"/participants/{id}");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            InLayout(chart, "chart");
            Assert.Equal("Participant not found", chart.QuerySelector("main h1")!.TextContent.Trim());
            Assert.NotNull(chart.QuerySelector("main a[href='/participants']"));
            Assert.DoesNotContain(outside.LegalLastName, chart.Body!.TextContent);
        }
        var (task, taskDoc) = await clinician.GetAsync($"/tasks/{missing}");
        Assert.Equal(HttpStatusCode.NotFound, task.StatusCode);
        Assert.Equal("Task not found", taskDoc.QuerySelector("main h1")!.TextContent.Trim());

        using var visitor = await app.PagesAsync(null);
        var (anon, anonDoc) = await visitor.GetAsync("/no-such-page");
        Assert.Equal(HttpStatusCode.NotFound, anon.StatusCode);
        InLayout(anonDoc, "anonymous /no-such-page");
        Assert.NotNull(anonDoc.QuerySelector("main a[href^='/account/login']"));
    }

    [Fact]
    public async Task A_crash_is_the_error_page_for_pages_and_a_problem_for_the_api()
    {
        using var clinician = await app.PagesAsync(Roles.Clinician);
        var (page, doc) = await clinician.GetAsync("/fault");
        Assert.Equal(HttpStatusCode.InternalServerError, page.StatusCode);
        InLayout(doc, "/fault");
        Assert.Equal("Something went wrong", doc.QuerySelector("main h1")!.TextContent.Trim());
        Assert.NotNull(doc.QuerySelector("main a[href='/']"));

        var api = await app.ApiAsync(Roles.Clinician);
        var problem = await Json.ProblemAsync(await api.GetAsync("/api/fault"), 500);
        Assert.Contains("Nothing you had saved", (string?)problem["detail"]);
        await Json.ProblemAsync(await api.GetAsync("/api/no-such-thing"), 404);
        await Json.ProblemAsync(await api.GetAsync("/api/staff/" + Guid.NewGuid()), 404);
        await Json.ProblemAsync(await (await app.ApiAsync(Roles.Participant)).GetAsync("/api/staff"), 403);
    }
}
