using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Trellis.Tests.Clinical;
using Trellis.Tests.Support;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Outcomes;

namespace Trellis.Tests.Outcomes;

/// <summary>The contract's endpoints and the dashboard against an independent count of the demo data, on both databases.</summary>
public class OutcomesApiTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    [Fact]
    public async Task Participant_outcomes_follow_the_contract()
    {
        var p = await Clinic.FreshParticipantAsync(app);
        var api = await app.ApiAsync(Roles.Clinician);
        foreach (var answers in new[] { new[] { 2, 2, 2, 2, 2, 2, 2, 2, 0 }, new[] { 1, 1, 1, 1, 0, 0, 0, 0, 0 } }) // 16 → 4
            Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync($"/api/participants/{p.Id}/instruments", new { instrument = "phq-9", answers })).StatusCode);
        var list = (await Json.ReadAsync(await api.GetAsync($"/api/participants/{p.Id}/outcomes"))).AsArray();
        var phq = Assert.Single(list)!;
        Assert.Equal("phq-9", (string?)phq["instrument"]);
        Assert.Equal((16, 4, -12), ((int)phq["baseline"]!["score"]!, (int)phq["latest"]!["score"]!, (int)phq["change"]!));
        Assert.True((bool)phq["reliableImprovement"]!);
        Assert.True((bool)phq["response"]!);
        Assert.True((bool)phq["remission"]!);
        Assert.True((bool)phq["reliableRecovery"]!);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/participants/{Guid.NewGuid()}/outcomes")).StatusCode);
    }

    [Fact]
    public async Task Report_counts_agree_with_an_independent_count_and_small_cells_are_suppressed()
    {
        var admin = await app.ApiAsync(Roles.Administrator);
        await using var s = app.Db();
        var today = await Trellis.Web.Infrastructure.ProgramClock.ClinicTodayAsync(s.Context);
        var from = today.AddDays(-364);
        // Independent count: final discharges in the period, by reason.
        var completed = await s.Context.Set<Trellis.Web.Features.Discharge.ParticipantDischarge>().IgnoreQueryFilters()
            .CountAsync(d => d.IsFinal && d.Reason == Trellis.Web.Features.Discharge.DischargeReason.Completed && d.DischargedOn >= from && d.DischargedOn <= today);
        var json = await Json.ReadAsync(await admin.GetAsync($"/api/reports/discharges-by-reason?from={from:yyyy-MM-dd}&to={today:yyyy-MM-dd}"));
        var row = json["rows"]!.AsArray().Single(r => (string?)r!["group"] == "Completed")!;
        Assert.Equal(completed is >= 1 and <= 10 ? "<11" : completed.ToString(), row["stays count"]!.ToString());

        var csv = await admin.GetAsync($"/api/reports/outcomes?from={from:yyyy-MM-dd}&to={today:yyyy-MM-dd}&format=csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var header = (await csv.Content.ReadAsStringAsync()).Split('\n')[0].Trim().Split(',');
        Assert.All(header.Skip(1), h => Assert.EndsWith("count", h));

        var bad = await Json.ProblemAsync(await admin.GetAsync("/api/reports/outcomes?from=yesterday&programId=x"), 400);
        Assert.NotNull(bad["errors"]!["from"]);
        Assert.NotNull(bad["errors"]!["programId"]);
    }

    [Fact]
    public async Task Due_measures_follow_the_programs_schedule_and_pages_render()
    {
        var p = await Demo.ParticipantInAsync(app, Demo.MentalHealth, Trellis.Web.Features.Participants.ParticipantStatus.Active);
        var api = await app.ApiAsync(Roles.Clinician);
        var due = await api.GetAsync($"/api/participants/{p.Id}/measures/due");
        Assert.Equal(HttpStatusCode.OK, due.StatusCode);
        foreach (var d in (await Json.ReadAsync(due)).AsArray()) Assert.Contains((string?)d!["instrument"], new[] { "phq-9", "gad-7" });

        using var pages = await app.PagesAsync(Roles.ProgramDirector);
        var (dash, doc) = await pages.GetAsync("/outcomes");
        Assert.Equal(HttpStatusCode.OK, dash.StatusCode);
        Assert.Contains("How this is counted", doc.Body!.TextContent);
        var (calm, calmDoc) = await pages.GetAsync("/outcomes?from=soon");
        Assert.Equal(HttpStatusCode.OK, calm.StatusCode);
        Assert.Contains("could not be used", calmDoc.Body!.TextContent);
        var (tab, _) = await pages.GetAsync($"/participants/{p.Id}/outcomes");
        Assert.Equal(HttpStatusCode.OK, tab.StatusCode);
    }
}
