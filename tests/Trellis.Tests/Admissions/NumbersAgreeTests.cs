using System.Net.Http.Json;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Trellis.Tests.Support;
using Trellis.Web.Features.Admissions;
using Trellis.Web.Features.Admissions.Authorizations;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Organization;

namespace Trellis.Tests.Admissions;

/// <summary>
/// Issue 13, point 6: every number has one definition and one query, and a label that says what it
/// counts, so pages beside each other agree: the home census, the Admissions card and the board count
/// the same open leads by stage; the figures' two "admitted" numbers say which is which; an
/// authorization's days until its end and its unused authorized days read apart.
/// </summary>
public partial class NumbersAgreeTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    [Theory]
    [InlineData(Roles.IntakeCoordinator)]
    [InlineData(Roles.ProgramDirector)]
    public async Task The_home_census_the_admissions_card_and_the_board_count_the_same_open_leads_by_stage(string role)
    {
        using var pages = await app.PagesAsync(role);
        var (_, home) = await pages.GetAsync("/");
        var (_, board) = await pages.GetAsync("/admissions");
        Dictionary<AdmissionStage, int> expected;
        await using (var s = app.Db())
        {
            // The one definition, counted by hand: leads not yet admitted, referred or closed, by stage (both demo programs: these roles work in both).
            var open = await s.Context.Set<AdmissionCase>().Where(c => c.ClosedAt == null).Select(c => c.Stage).ToListAsync();
            expected = AdmissionStages.Open.ToDictionary(st => st, st => open.Count(x => x == st));
        }
        Assert.True(expected[AdmissionStage.Inquiry] > 0 && expected[AdmissionStage.Screening] > 0, "the demo has leads at inquiry and screening");

        var census = home.QuerySelector("dl[aria-labelledby=census-pipeline]")!;
        foreach (var stage in AdmissionStages.Open)
        {
            var label = PipelineCounts.Label(stage);
            var dt = census.QuerySelectorAll("dt").Single(d => d.TextContent.Trim().Equals(label, StringComparison.OrdinalIgnoreCase));
            Assert.Equal(expected[stage], int.Parse(dt.NextElementSibling!.TextContent.Trim()));
            Assert.Equal(expected[stage], FirstNumber(board.QuerySelector($"#col-{Web.Infrastructure.EnumText.ToApi(stage)} .badge")!.TextContent));
            var card = home.QuerySelectorAll("ul[aria-label='Open leads by stage'] li").SingleOrDefault(li => li.TextContent.Contains(label));
            Assert.Equal(expected[stage], card is null ? 0 : FirstNumber(card.TextContent));
        }
        // The census no longer shows pre-admission chart statuses beside the pipeline: people in the pipeline are counted as leads.
        Assert.DoesNotContain(home.QuerySelector("#census")!.ParentElement!.QuerySelectorAll("dt"), d => d.TextContent.Trim() is "Inquiry" or "Screening");
        Assert.All(home.QuerySelectorAll("dl[aria-label='Participants by status'] dt"), d => Assert.StartsWith("Participants with status", d.TextContent.Trim()));
    }

    [Fact]
    public async Task The_figures_page_shows_the_apis_numbers_each_labelled_with_what_it_counts()
    {
        var api = await app.ApiAsync(Roles.ProgramDirector);
        var f = await Json.ReadAsync(await api.GetAsync("/api/admissions/figures"));
        using var pages = await app.PagesAsync(Roles.ProgramDirector);
        var (_, page) = await pages.GetAsync("/admissions/figures");

        var inquiries = Figure(page, "fig-inquiries");
        var admissions = Figure(page, "fig-admissions");
        Assert.Equal((int)f["inquiries"]!, inquiries["inquiries received"]);
        Assert.Equal((int)f["admitted"]!, inquiries.Single(x => x.Key.StartsWith("of them admitted so far")).Value);
        Assert.Equal((int)f["admittedInPeriod"]!, admissions["admitted in the period, whenever their inquiry came"]);

        // Admissions in the period, counted from the dated steps by hand: admitted steps in the last 90 days (the default period).
        var end = Clinical.Clinic.Today;
        var from = new DateTimeOffset(end.AddDays(-90).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var to = new DateTimeOffset(end.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        await using var s = app.Db();
        var steps = await s.Context.Set<AdmissionStep>().Where(x => x.Stage == AdmissionStage.Admitted).Select(x => x.EnteredAt).ToListAsync();
        Assert.Equal(steps.Count(at => at >= from && at < to), (int)f["admittedInPeriod"]!);
        var received = await s.Context.Set<AdmissionCase>().Select(c => new { c.ReceivedAt, c.Stage }).ToListAsync();
        Assert.Equal(received.Count(c => c.ReceivedAt >= from && c.ReceivedAt < to && c.Stage == AdmissionStage.Admitted), (int)f["admitted"]!);
    }

    [Fact]
    public void An_authorization_says_days_until_it_ends_apart_from_the_authorized_days_left_to_use()
    {
        var today = new DateOnly(2026, 3, 3);
        var row = new AuthorizationRow(Guid.NewGuid(), Guid.NewGuid(), "Test", "Program", "Payer", "M1", "PA-1", LevelOfCare.IntensiveOutpatient,
            AuthorizationUnit.Days, Authorized: 10, Used: 8, StartOn: today.AddDays(-20), EndOn: today.AddDays(2), AuthorizationStatus.Approved, null, 1);
        var reasons = AuthorizationRecords.Reasons(row, today);
        Assert.Equal(["ends in 2 days (Mar 5)", "2 of 10 authorized days unused"], reasons);
        var units = row with { Unit = AuthorizationUnit.Units, Used = 10, EndOn = today.AddDays(40) };
        Assert.Equal(["all 10 authorized units used"], AuthorizationRecords.Reasons(units, today));
    }

    private static Dictionary<string, int> Figure(IHtmlDocument page, string heading) =>
        page.QuerySelectorAll($"[aria-labelledby={heading}] .figure").ToDictionary(
            e => e.TextContent.Replace(e.QuerySelector(".value")!.TextContent, "").Trim(),
            e => FirstNumber(e.QuerySelector(".value")!.TextContent));

    /// <summary>The first whole number in a text; -1 when there is none (a figure shown as "—").</summary>
    private static int FirstNumber(string text) => Number().Match(text) is { Success: true } m ? int.Parse(m.Value) : -1;

    [GeneratedRegex(@"\d+")]
    private static partial Regex Number();
}
