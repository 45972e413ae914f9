using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Trellis.Tests.Clinical;
using Trellis.Tests.Support;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Discharge;
using Trellis.Web.Features.Outcomes;

namespace Trellis.Tests.Outcomes;

/// <summary>A clinic that counts 5 PHQ-9 points as reliable (Trellis:Outcomes:ReliableChange:phq-9 = 5).</summary>
public sealed class FivePointPhq9Factory : TrellisFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Trellis:Outcomes:ReliableChange:phq-9"] = "5" };
}

/// <summary>
/// Issue 10 point 3: a configured threshold is the one every consumer uses: the outcomes API, the Measures and Outcomes
/// tabs, the discharge page, the finalised summary (API and print) and the dashboard. At the threshold (−5) and just
/// short of it (−4), on both databases.
/// </summary>
public class ConfiguredThresholdAppTests(FivePointPhq9Factory app) : IClassFixture<FivePointPhq9Factory>
{
    private static readonly int[] Fourteen = [2, 2, 2, 2, 2, 2, 1, 1, 0];
    private static readonly int[] Nine = [1, 1, 1, 1, 1, 1, 1, 2, 0];
    private static readonly int[] Ten = [2, 1, 1, 1, 1, 1, 1, 2, 0];

    private async Task<Guid> ScoredAsync(int[] latest)
    {
        var p = await Clinic.FreshParticipantAsync(app);
        await Scores.AddAsync(app, p.Id, "phq-9", Fourteen, p.AdmittedOn!.Value);
        await Scores.AddAsync(app, p.Id, "phq-9", latest, Clinic.Today.AddDays(-1));
        return p.Id;
    }

    [Fact]
    public async Task Every_screen_and_the_api_read_the_configured_threshold()
    {
        var at = await ScoredAsync(Nine);    // 14 → 9: −5
        var short4 = await ScoredAsync(Ten); // 14 → 10: −4
        var api = await app.ApiAsync(Roles.Clinician);

        var phq = Assert.Single((await Json.ReadAsync(await api.GetAsync($"/api/participants/{at}/outcomes"))).AsArray())!;
        Assert.Equal((-5, true, true, true), ((int)phq["change"]!, (bool)phq["reliableImprovement"]!, (bool)phq["recovery"]!, (bool)phq["reliableRecovery"]!));
        var shortOf = Assert.Single((await Json.ReadAsync(await api.GetAsync($"/api/participants/{short4}/outcomes"))).AsArray())!;
        Assert.Equal((-4, false, false), ((int)shortOf["change"]!, (bool)shortOf["reliableImprovement"]!, (bool)shortOf["reliableRecovery"]!));

        using var pages = await app.PagesAsync(Roles.Clinician);
        var (_, measures) = await pages.GetAsync($"/participants/{at}/measures");
        Assert.Contains("14 → 9, 5 points lower: reliable improvement (on PHQ-9 a reliable change is 5 points or more)", measures.QuerySelector("#m-phq-9")!.ParentElement!.TextContent);
        var (_, shortMeasures) = await pages.GetAsync($"/participants/{short4}/measures");
        var shortCard = shortMeasures.QuerySelector("#m-phq-9")!.ParentElement!.TextContent;
        Assert.Contains("4 points lower: no reliable change (on PHQ-9 a reliable change is 5 points or more)", shortCard);
        Assert.DoesNotContain("mprove", shortCard);
        var (_, outcomes) = await pages.GetAsync($"/participants/{at}/outcomes");
        Assert.Contains("PHQ-9 5 points", outcomes.Body!.TextContent);
        Assert.DoesNotContain("PHQ-9 6 points", outcomes.Body!.TextContent);

        // The discharge page's preview of the scores as they stand.
        var (_, discharge) = await pages.GetAsync($"/participants/{short4}/discharge");
        var table = discharge.QuerySelector("table.score-comparison")!.TextContent;
        Assert.Contains("No reliable change", table);
        Assert.Contains("a reliable change is 5 points or more", table);
        Assert.Contains("Recovery: no", table);
        Assert.DoesNotContain("mprovement", table);
    }

    [Fact]
    public async Task A_discharge_lost_to_contact_keeps_the_configured_verdict_and_the_dashboard_counts_it()
    {
        var id = await ScoredAsync(Nine);
        var api = await app.ApiAsync(Roles.Clinician);
        var body = new Dictionary<string, object?>
        {
            ["dischargedOn"] = Clinic.Today.ToString("yyyy-MM-dd"), ["reason"] = "lost_to_contact",
            ["reasonDetail"] = "Stopped coming; three calls, a text and a letter went unanswered.",
            ["courseOfTreatment"] = "Attended for three weeks; mood lifted; then stopped coming.",
            ["medicationReconciliation"] = new { sources = "Participant's report", allergiesReviewed = true, noKnownAllergies = true, items = Array.Empty<object>() },
        };
        var response = await api.PostAsJsonAsync($"/api/participants/{id}/discharge", body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var read = await Json.ReadAsync(await api.GetAsync($"/api/participants/{id}/discharge"));
        Assert.Equal("lost_to_contact", (string?)read["reason"]);
        Assert.StartsWith("Lost to contact", (string?)read["reasonText"]);
        var phq = read["scores"]!.AsArray().Single(s => (string?)s!["code"] == "phq-9")!;
        Assert.Equal((5, "Reliable improvement", true, true), ((int)phq["reliableChange"]!, (string?)phq["outcome"], (bool)phq["reliableImprovement"]!, (bool)phq["reliableRecovery"]!));

        using var pages = await app.PagesAsync(Roles.Clinician);
        var (_, print) = await pages.GetAsync($"/participants/{id}/discharge/print");
        var text = print.Body!.TextContent;
        Assert.Contains("Lost to contact", text);
        Assert.Contains("Reliable recovery: yes", text);

        await using var s = app.Db();
        Assert.Equal(DischargeReason.LostToContact, (await s.Context.Set<ParticipantDischarge>().SingleAsync(d => d.ParticipantId == id)).Reason);
        var filter = new DashboardFilter(Clinic.Today.AddDays(-30), Clinic.Today.AddDays(1), null, null);
        var data = await DashboardQueries.LoadAsync(s.Context, filter);
        Assert.Equal(5, data.Thresholds.For("phq-9"));
        var outcome = Assert.Single(DashboardFigures.Outcomes(data, filter), x => x.Stay.ParticipantId == id).Outcome;
        Assert.Equal((true, true), (outcome.ReliableImprovement, outcome.ReliableRecovery == true));
        var ended = DashboardFigures.Ended(data, filter).ToList();
        Assert.Contains(ended, x => x.ParticipantId == id);
        var result = DashboardFigures.Compute(data);
        Assert.True(result["lost-to-contact"].Numerator >= 1);
        Assert.Equal(result["left-against-advice"].Numerator + result["lost-to-contact"].Numerator, result["dropout"].Numerator);
    }
}
