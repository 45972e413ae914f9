using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Trellis.Tests.Support;
using Trellis.Web.Features.Admissions;
using Trellis.Web.Features.Admissions.Admission;
using Trellis.Web.Features.Admissions.Decisions;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Participants;
using Trellis.Web.Features.Risk;
using Trellis.Web.Infrastructure;

namespace Trellis.Tests.Admissions;

/// <summary>
/// The one shape in admissions, instruments and risk (issue 14) and their internal words (issue 13,
/// point 10): every refusal names fields by their JSON path, a success message comes from the post and
/// never from a link, what a page shows after admitting is read from the chart, and no internal code
/// reaches a person.
/// </summary>
public partial class AdmissionsShapeTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    [GeneratedRegex(@"^[a-z][A-Za-z0-9]*(\[\d+\])?(\.[a-z][A-Za-z0-9]*(\[\d+\])?)*$")]
    private static partial Regex JsonPath();

    /// <summary>snake_case codes (suicide_risk, level_of_care_decision) and the decision rules' ids.</summary>
    [GeneratedRegex(@"\b[a-z0-9]+_[a-z0-9_]+\b|\b(high-risk|moderate-risk|hours-iop|hours-php|hours-outpatient|step-up|step-down|severe-symptoms|substance-severity|no-information|self-check-unassessed)\b")]
    private static partial Regex InternalCode();

    [Fact]
    public async Task Every_refusal_names_its_fields_by_json_path()
    {
        var intake = await app.ApiAsync(Roles.IntakeCoordinator);
        var clinician = await app.ApiAsync(Roles.Clinician);
        var program = await Demo.ProgramIdAsync(app, Demo.MentalHealth);
        var lead = (string)(await Leads.CreateAsync(intake, program, "Keys"))["id"]!;
        var chart = await Clinical.Clinic.FreshParticipantAsync(app);
        Guid flag;
        await using (var s = app.Db()) flag = await s.Context.Set<RiskFlag>().Where(f => f.ClearedAt == null).Select(f => f.Id).FirstAsync();

        var problems = new List<JsonNode>
        {
            await Json.ProblemAsync(await intake.PostAsJsonAsync("/api/admissions/leads", new { firstName = "", preferredContact = "phone" }), 400),
            await Json.ProblemAsync(await intake.PostAsJsonAsync($"/api/admissions/leads/{lead}/move", new { stage = "referred" }), 400),
            await Json.ProblemAsync(await intake.PostAsJsonAsync($"/api/admissions/leads/{lead}/register", new { legalFirstName = "Wren" }), 400),
            await Json.ProblemAsync(await intake.PostAsJsonAsync($"/api/participants/{chart.Id}/obligations", new { kind = "work", label = "", travelMinutes = 999 }), 400),
            await Json.ProblemAsync(await intake.PostAsJsonAsync($"/api/participants/{chart.Id}/consents", new { kind = "release" }), 400),
            await Json.ProblemAsync(await intake.PostAsJsonAsync($"/api/participants/{chart.Id}/authorizations", new { used = 5 }), 400),
            await Json.ProblemAsync(await intake.PostAsJsonAsync($"/api/participants/{chart.Id}/admission", new { }), 400),
            await Json.ProblemAsync(await intake.PostAsJsonAsync($"/api/participants/{chart.Id}/level-of-care/request", new { }), 400),
            await Json.ProblemAsync(await clinician.PostAsJsonAsync($"/api/participants/{chart.Id}/level-of-care", new { rationale = "short" }), 400),
            await Json.ProblemAsync(await clinician.PostAsJsonAsync($"/api/risk-flags/{flag}/clear", new { reason = "" }), 400),
            await Json.ProblemAsync(await clinician.PostAsJsonAsync($"/api/participants/{chart.Id}/instruments", new { instrument = "phq-9", answers = new[] { 0, 0, 0, 7, 0, 0, 0, 0, 0 } }), 400),
        };
        foreach (var problem in problems)
        {
            var keys = problem["errors"]!.AsObject().Select(e => e.Key).ToList();
            Assert.NotEmpty(keys);
            Assert.All(keys, k => Assert.Matches(JsonPath(), k));
            Assert.False(string.IsNullOrWhiteSpace((string?)problem["detail"]));
        }
    }

    [Fact]
    public async Task A_success_message_comes_from_the_post_once_and_never_from_a_link()
    {
        using var pages = await app.PagesAsync(Roles.IntakeCoordinator);
        var (created, _) = await pages.SubmitAsync("/admissions/new", "lead", new Dictionary<string, string?>
        {
            ["Input.FirstName"] = "Status", ["Input.LastName"] = "Once", ["Input.Phone"] = "(503) 555-0101", ["Input.ConsentToContact"] = "True",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var at = created.Headers.Location!.OriginalString;
        Assert.DoesNotContain("?", at);
        var (_, first) = await pages.GetAsync(at);
        Assert.Contains("Inquiry recorded", first.QuerySelector("main > .alert-ok")!.TextContent);
        var (_, second) = await pages.GetAsync(at);
        Assert.Null(second.QuerySelector("main > .alert-ok"));
        // The old links say nothing any more.
        var (_, forged) = await pages.GetAsync(at + "?done=registered");
        Assert.DoesNotContain("Chart opened", forged.Body!.TextContent);
    }

    [Fact]
    public async Task After_admitting_the_tab_reads_the_first_day_from_the_chart_not_from_the_address()
    {
        var intake = await app.ApiAsync(Roles.IntakeCoordinator);
        var program = await Demo.ProgramIdAsync(app, Demo.MentalHealth);
        var lead = (string)(await Leads.CreateAsync(intake, program, "AdmitPage"))["id"]!;
        var participant = (string)(await Leads.RegisterAsync(intake, lead, program, "AdmitPage"))["participantId"]!;
        var other = (string)(await Leads.RegisterAsync(intake, (string)(await Leads.CreateAsync(intake, program, "NotYet"))["id"]!, program, "NotYet"))["participantId"]!;
        using var pages = await app.PagesAsync(Roles.IntakeCoordinator);

        var (_, forged) = await pages.GetAsync($"/participants/{other}/admission?done=admitted");
        Assert.DoesNotContain("Admitted, first day", forged.Body!.TextContent);

        Guid evening;
        await using (var s = app.Db())
            evening = await s.Context.Tracks.Where(t => t.ProgramId == program && t.Name == "Evening").Select(t => t.Id).SingleAsync();
        var (admitted, _) = await pages.SubmitAsync($"/participants/{participant}/admission", "admit", new Dictionary<string, string?> { ["Input.TrackId"] = evening.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, admitted.StatusCode);
        var (_, tab) = await pages.GetAsync($"/participants/{participant}/admission");
        Assert.Contains("Admitted. The care team was told", tab.QuerySelector("main > .alert-ok")!.TextContent);
        Assert.Contains("Admitted, first day", tab.Body!.TextContent);
        var (_, later) = await pages.GetAsync($"/participants/{participant}/admission");
        Assert.Contains("Admitted, first day", later.Body!.TextContent);
        await using var db = app.Db();
        Assert.Equal(ParticipantStatus.Admitted, (await db.Context.Participants.SingleAsync(p => p.Id == Guid.Parse(participant))).Status);
    }

    [Fact]
    public async Task No_internal_code_reaches_the_people_who_read_these_pages()
    {
        Guid flagged, flag, urgent, other;
        await using (var s = app.Db())
        {
            var open = await s.Context.Set<RiskFlag>().Where(f => f.ClearedAt == null).Select(f => new { f.Id, f.ParticipantId }).FirstAsync();
            (flagged, flag) = (open.ParticipantId, open.Id);
            urgent = await s.Context.Set<AdmissionCase>().Where(c => c.SafetyConcern).Select(c => c.Id).FirstAsync();
            other = await s.Context.Participants.Where(p => p.Status == ParticipantStatus.Screening && p.Program!.IsPart2).Select(p => p.Id).FirstAsync();
        }
        var asClinician = new[]
        {
            $"/participants/{flagged}/measures/give/c-ssrs-screener", $"/participants/{flagged}/measures/give/phq-9", $"/participants/{flagged}/measures",
            $"/participants/{flagged}/level-of-care", $"/participants/{flagged}/risk-flags/{flag}", $"/participants/{flagged}/admission",
        };
        var asIntake = new[]
        {
            "/admissions", "/admissions/list", "/admissions/figures", "/admissions/authorizations", $"/admissions/{urgent}",
            $"/participants/{other}/admission", $"/participants/{other}/authorizations", $"/participants/{other}/level-of-care", "/",
        };
        foreach (var (role, urls) in new[] { (Roles.Clinician, asClinician), (Roles.IntakeCoordinator, asIntake) })
        {
            using var pages = await app.PagesAsync(role);
            foreach (var url in urls)
            {
                var (response, doc) = await pages.GetAsync(url);
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode}");
                var text = doc.QuerySelector("main")!.TextContent;
                var found = InternalCode().Matches(text).Select(m => m.Value).Distinct().ToList();
                Assert.True(found.Count == 0, $"{url} shows {string.Join(", ", found)}");
            }
        }
    }
}

/// <summary>Rules that compare with today read the app's clock, not the machine's.</summary>
[Trait("Category", "Unit")]
public class ValidationClockTests
{
    [Fact]
    public void A_consent_signed_in_the_future_and_a_decision_out_of_its_window_follow_the_given_clock()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2031, 6, 1, 12, 0, 0, TimeSpan.Zero));
        var consent = OrientationRecords.Draft(ConsentKind.Release, "Test Person", new Web.Features.Organization.TreatmentProgram { Name = "P" }, null, new DateOnly(2031, 6, 1));
        consent.RightToRevokeExplained = true;
        consent.Recipient = "Spouse";
        Assert.Null(Validation.Check(consent, clock: clock));
        consent.SignedOn = new DateOnly(2031, 6, 4);
        Assert.Contains("signedOn", Validation.Check(consent, clock: clock)!.Errors!.Keys);

        var decision = new DecisionInput { ToLevel = Web.Features.Organization.LevelOfCare.IntensiveOutpatient, EffectiveOn = new DateOnly(2031, 6, 1), Rationale = "A full sentence of rationale here." };
        Assert.Null(Validation.Check(decision, clock: clock));
        Assert.NotNull(Validation.Check(decision, clock: new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero))));
    }
}
