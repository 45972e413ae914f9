using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Trellis.Tests.Support;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Participants;

namespace Trellis.Tests.Admissions;

/// <summary>Authorizations (with ETags, the attention list and scoping) and level-of-care decisions (suggestion, rationale, history, roles).</summary>
public class AuthorizationsAndDecisionsTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    private static Dictionary<string, object?> Authorization(DateOnly start, int days = 30, int authorized = 15, int used = 0) => new()
    {
        ["payer"] = "Cascade Health Plan", ["memberId"] = "CHP123456789", ["authorizationNumber"] = "PA-555001",
        ["levelOfCare"] = "intensive_outpatient", ["unit"] = "days", ["authorized"] = authorized, ["used"] = used,
        ["startOn"] = start, ["endOn"] = start.AddDays(days - 1), ["status"] = "approved", ["reviewer"] = "J. Reviewer",
    };

    private static DateOnly Today => Clinical.Clinic.Today;

    [Fact]
    public async Task An_authorization_round_trips_with_etags_and_shows_up_when_ending_or_nearly_used()
    {
        // No attendance yet: use is what was entered (attendance counting has its own test).
        var p = await Clinical.Clinic.FreshParticipantAsync(app);
        var api = await app.ApiAsync(Roles.IntakeCoordinator);
        var created = await api.PostAsJsonAsync($"/api/participants/{p.Id}/authorizations", Authorization(Today.AddDays(-20), days: 25, authorized: 10, used: 9));
        var json = await Json.ReadAsync(created);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (string)json["id"]!;
        Assert.Equal(1, (int)json["remaining"]!);

        var attention = (await Json.ReadAsync(await api.GetAsync("/api/authorizations/attention"))).AsArray();
        var row = attention.Single(a => (string?)a!["authorization"]!["id"] == id)!;
        var reasons = row["reasons"]!.AsArray().Select(r => (string?)r).ToList();
        Assert.Contains(reasons, r => r!.StartsWith("ends in"));
        Assert.Contains("1 of 10 authorized days unused", reasons);

        var get = await api.GetAsync($"/api/authorizations/{id}");
        var etag = get.Headers.ETag!.Tag;
        var body = Authorization(Today.AddDays(-20), days: 25, authorized: 10, used: 10);
        await Json.ProblemAsync(await api.PutJsonAsync($"/api/authorizations/{id}", body, null), 428);
        Assert.Equal(HttpStatusCode.OK, (await api.PutJsonAsync($"/api/authorizations/{id}", body, etag)).StatusCode);
        await Json.ProblemAsync(await api.PutJsonAsync($"/api/authorizations/{id}", body, etag), 412);

        // A renewal takes it off the list.
        await api.PostAsJsonAsync($"/api/participants/{p.Id}/authorizations", Authorization(Today.AddDays(5), days: 30));
        attention = (await Json.ReadAsync(await api.GetAsync("/api/authorizations/attention"))).AsArray();
        Assert.DoesNotContain(attention, a => (string?)a!["authorization"]!["id"] == id);
    }

    [Fact]
    public async Task Bad_authorizations_are_refused_field_by_field()
    {
        var p = await Demo.ParticipantInAsync(app, Demo.MentalHealth, ParticipantStatus.Active);
        var api = await app.ApiAsync(Roles.IntakeCoordinator);
        var body = Authorization(Today);
        body["endOn"] = Today.AddDays(-1);
        body["used"] = 50;
        body["payer"] = "";
        body["authorizationNumber"] = null;
        var problem = await Json.ProblemAsync(await api.PostAsJsonAsync($"/api/participants/{p.Id}/authorizations", body), 400);
        var keys = problem["errors"]!.AsObject().Select(e => e.Key.ToLowerInvariant()).ToList();
        foreach (var k in new[] { "payer" }) Assert.Contains(keys, x => x.Contains(k));
        body = Authorization(Today);
        body["endOn"] = Today.AddDays(-1);
        Assert.Contains("endOn", (await Json.ProblemAsync(await api.PostAsJsonAsync($"/api/participants/{p.Id}/authorizations", body), 400))["errors"]!.AsObject().Select(e => e.Key));
        body = Authorization(Today);
        body["authorizationNumber"] = null;
        Assert.Contains("authorizationNumber", (await Json.ProblemAsync(await api.PostAsJsonAsync($"/api/participants/{p.Id}/authorizations", body), 400))["errors"]!.AsObject().Select(e => e.Key));
        body = Authorization(Today);
        body["unit"] = "hours";
        await Json.ProblemAsync(await api.PostAsJsonAsync($"/api/participants/{p.Id}/authorizations", body), 400);
        await Json.ProblemAsync(await api.PostAsJsonAsync($"/api/participants/{Guid.NewGuid()}/authorizations", Authorization(Today)), 404);
        await Json.ProblemAsync(await (await app.ApiAsync(Roles.Clinician)).PostAsJsonAsync($"/api/participants/{p.Id}/authorizations", Authorization(Today)), 403);
    }

    [Fact]
    public async Task Staff_of_another_program_cannot_see_an_authorization_404()
    {
        var su = await Demo.ParticipantInAsync(app, Demo.SubstanceUse, ParticipantStatus.Active);
        var intake = await app.ApiAsync(Roles.IntakeCoordinator);
        var id = (string)(await Json.ReadAsync(await intake.PostAsJsonAsync($"/api/participants/{su.Id}/authorizations", Authorization(Today))))["id"]!;
        // The demo case manager works in Adult Mental Health only.
        var other = await app.ApiAsync(Roles.CaseManager);
        await Json.ProblemAsync(await other.GetAsync($"/api/authorizations/{id}"), 404);
        await Json.ProblemAsync(await other.GetAsync($"/api/participants/{su.Id}/authorizations"), 404);
        await Json.ProblemAsync(await other.PutJsonAsync($"/api/authorizations/{id}", Authorization(Today), "\"1\""), 404);
        var list = (await Json.ReadAsync(await other.GetAsync("/api/authorizations/attention"))).AsArray();
        Assert.DoesNotContain(list, a => (string?)a!["authorization"]!["participantId"] == su.Id.ToString());
        var page = await app.PagesAsync(Roles.CaseManager);
        var (_, doc) = await page.GetAsync($"/authorizations/{id}");
        Assert.Null(doc.QuerySelector("form input[name='Input.Payer']"));
    }

    [Fact]
    public async Task The_suggestion_uses_the_chart_and_the_clinician_records_the_decision_with_its_rationale()
    {
        var intake = await app.ApiAsync(Roles.IntakeCoordinator);
        var program = await Demo.ProgramIdAsync(app, Demo.MentalHealth);
        var id = (string)(await Leads.CreateAsync(intake, program, "Decides"))["id"]!;
        var participantId = (string)(await Leads.RegisterAsync(intake, id, program, "Decides"))["participantId"]!;
        var clinician = await app.ApiAsync(Roles.Clinician);
        await clinician.PostAsJsonAsync($"/api/participants/{participantId}/instruments", new { instrument = "phq-9", answers = new[] { 3, 3, 3, 3, 2, 2, 2, 2, 0 } });

        var view = await Json.ReadAsync(await clinician.GetAsync($"/api/participants/{participantId}/level-of-care?current=outpatient"));
        Assert.Equal("intensive_outpatient", (string?)view["suggestion"]!["level"]);
        var applied = view["suggestion"]!["rules"]!.AsArray().Where(r => (bool)r!["applied"]!).Select(r => (string?)r!["id"]).ToList();
        Assert.Contains("severe-symptoms", applied);
        Assert.Contains("step-up", applied);
        Assert.Equal(20, (int)view["inputs"]!["phq9"]!);
        var php = await Json.ReadAsync(await clinician.GetAsync($"/api/participants/{participantId}/level-of-care?hours=22"));
        Assert.Equal("partial_hospitalization", (string?)php["suggestion"]!["level"]);
        await Json.ProblemAsync(await clinician.GetAsync($"/api/participants/{participantId}/level-of-care?hours=500"), 400);

        var url = $"/api/participants/{participantId}/level-of-care";
        var decision = new { toLevel = "intensive_outpatient", effectiveOn = Today, rationale = "Severe depression despite weekly therapy; works days, evening track fits. Needs 9 hours a week.", currentLevel = "outpatient" };
        await Json.ProblemAsync(await intake.PostAsJsonAsync(url, decision), 403);
        await Json.ProblemAsync(await clinician.PostAsJsonAsync(url, new { toLevel = "intensive_outpatient", effectiveOn = Today, rationale = "ok" }), 400);
        await Json.ProblemAsync(await clinician.PostAsJsonAsync(url, new { toLevel = "intensive_outpatient", effectiveOn = Today.AddYears(1), rationale = decision.rationale }), 400);
        await Json.ProblemAsync(await clinician.PostAsJsonAsync(url, new { toLevel = "spa", effectiveOn = Today, rationale = decision.rationale }), 400);
        var created = await clinician.PostAsJsonAsync(url, decision);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        await using var s = app.Db();
        var history = await s.Context.LevelOfCareChanges.Where(l => l.ParticipantId == Guid.Parse(participantId)).ToListAsync();
        var change = Assert.Single(history);
        Assert.Equal((Web.Features.Organization.LevelOfCare?)Web.Features.Organization.LevelOfCare.Outpatient, change.FromLevel);
        Assert.StartsWith("Severe depression", change.Rationale);
        Assert.Contains("Decision support suggested Intensive outpatient", change.Rationale);
        Assert.NotNull(change.DecidedByStaffId);
    }

    [Fact]
    public async Task The_pure_suggestion_endpoint_shows_every_rule()
    {
        var api = await app.ApiAsync(Roles.CaseManager);
        var json = await Json.ReadAsync(await api.PostAsJsonAsync("/api/level-of-care/suggest", new { population = "adult", risk = "high", phq9 = 8 }));
        Assert.Equal("inpatient", (string?)json["level"]);
        Assert.True(json["rules"]!.AsArray().Count >= 10);
        await Json.ProblemAsync(await api.PostAsJsonAsync("/api/level-of-care/suggest", new { population = "toddler" }), 400);
    }

    [Fact]
    public async Task Use_is_counted_from_attendance_in_the_dates_plus_what_was_entered_by_hand()
    {
        var p = await Clinical.Clinic.FreshParticipantAsync(app);
        // Two groups on one day, one on another, one outside the dates, and an absence.
        await Clinical.Clinic.HeldSessionAsync(app, [p.Id], daysAgo: 3);
        await Clinical.Clinic.HeldSessionAsync(app, [p.Id], daysAgo: 3);
        await Clinical.Clinic.HeldSessionAsync(app, [p.Id], daysAgo: 5);
        await Clinical.Clinic.HeldSessionAsync(app, [p.Id], daysAgo: 40);
        var missed = await Clinical.Clinic.HeldSessionAsync(app, [], daysAgo: 7);
        await using (var s = app.Db())
        {
            s.Context.Attendance.Add(new Web.Features.Scheduling.AttendanceRecord { ParticipantId = p.Id, GroupSessionId = missed, Status = Web.Features.Scheduling.AttendanceStatus.AbsentUnexcused });
            await s.Context.SaveChangesAsync();
        }
        var api = await app.ApiAsync(Roles.IntakeCoordinator);

        var days = Authorization(Today.AddDays(-30), days: 60, authorized: 10, used: 2);
        var byDays = await Json.ReadAsync(await api.PostAsJsonAsync($"/api/participants/{p.Id}/authorizations", days));
        Assert.Equal((2, 2, 4, 6), ((int)byDays["used"]!, (int)byDays["usedFromAttendance"]!, (int)byDays["usedTotal"]!, (int)byDays["remaining"]!));

        var units = Authorization(Today.AddDays(-30), days: 60, authorized: 4, used: 0);
        units["unit"] = "units";
        var byUnits = await Json.ReadAsync(await api.PostAsJsonAsync($"/api/participants/{p.Id}/authorizations", units));
        Assert.Equal((3, 1), ((int)byUnits["usedFromAttendance"]!, (int)byUnits["remaining"]!));
        // Three of four units used is not yet four fifths; one more attended session makes it so.
        var attention = (await Json.ReadAsync(await api.GetAsync("/api/authorizations/attention"))).AsArray();
        Assert.DoesNotContain(attention, a => (string?)a!["authorization"]!["id"] == (string?)byUnits["id"]);
        await Clinical.Clinic.HeldSessionAsync(app, [p.Id], daysAgo: 1);
        attention = (await Json.ReadAsync(await api.GetAsync("/api/authorizations/attention"))).AsArray();
        var row = attention.Single(a => (string?)a!["authorization"]!["id"] == (string?)byUnits["id"])!;
        Assert.Contains("all 4 authorized units used", row["reasons"]!.AsArray().Select(r => (string?)r));

        // The edit page says what attendance counted, beside the field for the rest.
        using var pages = await app.PagesAsync(Roles.IntakeCoordinator);
        var (_, page) = await pages.GetAsync($"/authorizations/{byDays["id"]}");
        Assert.Contains("Attendance here counts 3 days in these dates (5 of 10 used in all)", page.QuerySelector("#used-hint")!.TextContent);
    }
}
