using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Trellis.Tests.Support;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Participants;

namespace Trellis.Tests.Admissions;

/// <summary>Admission records: weekly obligations and the tracks that fit them, admission checks, the orientation checklist and Part 2 consents.</summary>
public class AdmissionRecordsTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    private async Task<Participant> CandidateAsync(string program)
    {
        var intake = await app.ApiAsync(Roles.IntakeCoordinator);
        var programId = await Demo.ProgramIdAsync(app, program);
        var last = "Cand" + Guid.NewGuid().ToString("N")[..6];
        var id = (string)(await Leads.CreateAsync(intake, programId, last))["id"]!;
        var participantId = Guid.Parse((string)(await Leads.RegisterAsync(intake, id, programId, last))["participantId"]!);
        await using var s = app.Db();
        return await s.Context.Participants.SingleAsync(p => p.Id == participantId);
    }

    [Fact]
    public async Task Obligations_decide_which_tracks_fit_and_bad_ones_are_refused()
    {
        var p = await CandidateAsync(Demo.MentalHealth);
        var api = await app.ApiAsync(Roles.CaseManager);
        var url = $"/api/participants/{p.Id}/obligations";
        // An evening class Monday and Tuesday clashes with the evening track (Mon/Tue/Thu 18–21), not the morning one.
        var created = await api.PostAsJsonAsync(url, new { kind = "school", label = "Evening class", days = new[] { "monday", "tuesday" }, startTime = "18:30", endTime = "20:30", travelMinutes = 20 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var fit = (await Json.ReadAsync(await api.GetAsync($"/api/participants/{p.Id}/track-fit"))).AsArray();
        var morning = fit.Single(t => (string?)t!["name"] == "Morning")!;
        var evening = fit.Single(t => (string?)t!["name"] == "Evening")!;
        Assert.DoesNotContain("Evening class", string.Join(" ", morning["problems"]!.AsArray().Select(x => (string?)x)));
        Assert.False((bool)evening["fits"]!);
        Assert.Contains("Evening class", string.Join(" ", evening["problems"]!.AsArray().Select(x => (string?)x)));

        var bad = await Json.ProblemAsync(await api.PostAsJsonAsync(url, new { kind = "work", label = "", days = new[] { "funday" }, startTime = "09:00", endTime = "09:00", travelMinutes = 999 }), 400);
        var keys = bad["errors"]!.AsObject().Select(e => e.Key.ToLowerInvariant()).ToList();
        foreach (var k in new[] { "label", "travelminutes" }) Assert.Contains(keys, x => x.Contains(k));
        await Json.ProblemAsync(await api.PostAsJsonAsync(url, new { kind = "work", label = "x", days = new[] { "funday" }, startTime = "09:00", endTime = "10:00" }), 400);
        await Json.ProblemAsync(await api.PostAsJsonAsync(url, new { kind = "work", label = "Same", days = new[] { "monday" }, startTime = "09:00", endTime = "09:00" }), 400);
        await Json.ProblemAsync(await api.PostAsJsonAsync(url, new { kind = "hobby", label = "x", days = new[] { "monday" }, startTime = "09:00", endTime = "10:00" }), 400);

        var list = (await Json.ReadAsync(await api.GetAsync(url))).AsArray();
        var one = Assert.Single(list);
        Assert.Equal(["monday", "tuesday"], one!["days"]!.AsArray().Select(d => (string?)d));
        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"{url}/{one["id"]}")).StatusCode);
        await Json.ProblemAsync(await api.DeleteAsync($"{url}/{one["id"]}"), 404);
        await Json.ProblemAsync(await (await app.ApiAsync(Roles.Prescriber)).PostAsJsonAsync(url, new { kind = "work", label = "x", days = new[] { "monday" }, startTime = "09:00", endTime = "10:00" }), 403);
    }

    [Fact]
    public async Task Admission_refuses_a_full_track_a_foreign_track_a_wrong_care_team_and_an_already_admitted_participant()
    {
        var p = await CandidateAsync(Demo.MentalHealth);
        var intake = await app.ApiAsync(Roles.IntakeCoordinator);
        var url = $"/api/participants/{p.Id}/admission";
        Guid morning, foreign, suClinician;
        await using (var s = app.Db())
        {
            var mh = await s.Context.Programs.SingleAsync(x => x.Name == Demo.MentalHealth);
            var track = await s.Context.Tracks.SingleAsync(t => t.ProgramId == mh.Id && t.Name == "Morning");
            morning = track.Id;
            foreign = await s.Context.Tracks.Where(t => t.ProgramId != mh.Id).Select(t => t.Id).FirstAsync();
            suClinician = await s.Context.Staff.Where(x => x.Programs.All(a => a.Program!.Name == Demo.SubstanceUse) && x.Programs.Any()).Select(x => x.Id).FirstAsync();
            track.Capacity = await Web.Features.Organization.TrackCensus.EnrolledAsync(s.Context).ContinueWith(t => t.Result.GetValueOrDefault(track.Id));
            await s.Context.SaveChangesAsync();
        }
        var start = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1);
        var full = await Json.ProblemAsync(await intake.PostAsJsonAsync(url, new { trackId = morning, startOn = start }), 400);
        Assert.Contains("full", full["errors"]!["trackId"]![0]!.ToString());
        await Json.ProblemAsync(await intake.PostAsJsonAsync(url, new { trackId = foreign, startOn = start }), 400);
        var team = await Json.ProblemAsync(await intake.PostAsJsonAsync(url, new { trackId = await EveningAsync(), startOn = start, primaryClinicianId = suClinician }), 400);
        // Keyed by the JSON path, as every refusal is (it was "PrimaryClinicianId" before the one shape).
        Assert.Contains("primaryClinicianId", team["errors"]!.AsObject().Select(e => e.Key));
        await Json.ProblemAsync(await intake.PostAsJsonAsync(url, new { trackId = await EveningAsync(), startOn = start.AddYears(1) }), 400);
        await Json.ProblemAsync(await intake.PostAsJsonAsync(url, new { startOn = start }), 400);
        await Json.ProblemAsync(await (await app.ApiAsync(Roles.Clinician)).PostAsJsonAsync(url, new { trackId = await EveningAsync(), startOn = start }), 403);

        var ok = await Json.ReadAsync(await intake.PostAsJsonAsync(url, new { trackId = await EveningAsync(), startOn = start }));
        Assert.Contains(ok["warnings"]!.AsArray(), w => ((string?)w)!.Contains("level-of-care"));
        Assert.Contains(ok["warnings"]!.AsArray(), w => ((string?)w)!.Contains("authorization"));
        var again = await Json.ProblemAsync(await intake.PostAsJsonAsync(url, new { trackId = await EveningAsync(), startOn = start }), 400);
        Assert.Contains("already", again["errors"]!["participant"]![0]!.ToString());
    }

    [Fact]
    public async Task The_substance_use_checklist_needs_a_part_2_consent_with_every_required_element()
    {
        var p = await CandidateAsync(Demo.SubstanceUse);
        var api = await app.ApiAsync(Roles.IntakeCoordinator);
        var checklist = (await Json.ReadAsync(await api.GetAsync($"/api/participants/{p.Id}/orientation"))).AsArray();
        Assert.Contains(checklist, i => (string?)i!["item"] == "part2_consent");
        await Json.ProblemAsync(await api.PutAsJsonAsync($"/api/participants/{p.Id}/orientation/part2_consent", new { done = true }), 400);
        var ticked = (await Json.ReadAsync(await api.PutAsJsonAsync($"/api/participants/{p.Id}/orientation/program_rules", new { done = true, note = "Read together" }))).AsArray();
        Assert.True((bool)ticked.Single(i => (string?)i!["item"] == "program_rules")!["done"]!);
        await Json.ProblemAsync(await api.PutAsJsonAsync($"/api/participants/{p.Id}/orientation/nap_time", new { done = true }), 400);

        var missing = await Json.ProblemAsync(await api.PostAsJsonAsync($"/api/participants/{p.Id}/consents", new { kind = "part2", patientName = p.LegalName }), 400);
        var keys = missing["errors"]!.AsObject().Select(e => e.Key.ToLowerInvariant()).ToList();
        foreach (var element in new[] { "disclosingparty", "information", "recipient", "purpose", "signedby", "signedon" })
            Assert.Contains(keys, k => k.Contains(element));
        var noNotice = Consent(p, redisclosure: false);
        var problem = await Json.ProblemAsync(await api.PostAsJsonAsync($"/api/participants/{p.Id}/consents", noNotice), 400);
        Assert.Contains("redisclosureNoticeGiven", problem["errors"]!.AsObject().Select(e => e.Key));
        var noExpiry = Consent(p);
        noExpiry.Remove("expiresOnEvent");
        await Json.ProblemAsync(await api.PostAsJsonAsync($"/api/participants/{p.Id}/consents", noExpiry), 400);

        var created = await Json.ReadAsync(await api.PostAsJsonAsync($"/api/participants/{p.Id}/consents", Consent(p)));
        checklist = (await Json.ReadAsync(await api.GetAsync($"/api/participants/{p.Id}/orientation"))).AsArray();
        Assert.True((bool)checklist.Single(i => (string?)i!["item"] == "part2_consent")!["done"]!);

        var revoked = await Json.ReadAsync(await api.PostAsJsonAsync($"/api/participants/{p.Id}/consents/{created["id"]}/revoke", new { note = "Asked in writing." }));
        Assert.NotNull(revoked["revokedOn"]);
        checklist = (await Json.ReadAsync(await api.GetAsync($"/api/participants/{p.Id}/orientation"))).AsArray();
        Assert.False((bool)checklist.Single(i => (string?)i!["item"] == "part2_consent")!["done"]!);
        await Json.ProblemAsync(await api.PostAsJsonAsync($"/api/participants/{p.Id}/consents/{created["id"]}/revoke", new { }), 400);
    }

    [Fact]
    public async Task A_part_2_consent_is_refused_for_a_mental_health_program_and_its_checklist_has_no_part_2_item()
    {
        var p = await CandidateAsync(Demo.MentalHealth);
        var api = await app.ApiAsync(Roles.IntakeCoordinator);
        await Json.ProblemAsync(await api.PostAsJsonAsync($"/api/participants/{p.Id}/consents", Consent(p)), 400);
        var checklist = (await Json.ReadAsync(await api.GetAsync($"/api/participants/{p.Id}/orientation"))).AsArray();
        Assert.DoesNotContain(checklist, i => (string?)i!["item"] == "part2_consent");
    }

    [Fact]
    public async Task The_admission_tab_welcome_page_and_consent_form_render_for_staff_and_the_welcome_page_for_its_participant()
    {
        var page = await app.PagesAsync(Roles.IntakeCoordinator);
        await using var s = app.Db();
        var active = await s.Context.Participants.Include(p => p.Track).FirstAsync(p => p.Status == ParticipantStatus.Active && p.Program!.IsPart2);
        var (_, tab) = await page.GetAsync($"/participants/{active.Id}/admission");
        Assert.Contains("Orientation checklist", tab.Body!.TextContent);
        Assert.Contains("42 CFR Part 2 consent", tab.Body.TextContent);
        var (_, welcome) = await page.GetAsync($"/participants/{active.Id}/welcome");
        Assert.Contains($"Welcome to Substance Use IOP", welcome.QuerySelector("h1")!.TextContent);
        Assert.Contains("Your first two weeks", welcome.Body!.TextContent);
        Assert.Contains("988", welcome.Body.TextContent);
        var (_, consent) = await page.GetAsync($"/participants/{active.Id}/consents/new?kind=part2");
        Assert.Contains("42 CFR 2.31", consent.Body!.TextContent);

        var participant = await app.PagesAsync(Roles.Participant);
        var own = await s.Context.Users.Where(u => u.Email == "participant@demo.trellis.test").Select(u => u.ParticipantId).SingleAsync();
        var (_, mine) = await participant.GetAsync($"/participants/{own}/welcome");
        Assert.Contains("Welcome to", mine.QuerySelector("h1")!.TextContent);
        var (_, theirs) = await participant.GetAsync($"/participants/{active.Id}/welcome");
        Assert.DoesNotContain("Welcome to", theirs.Body!.TextContent);
    }

    private async Task<Guid> EveningAsync()
    {
        await using var s = app.Db();
        return await s.Context.Tracks.Where(t => t.Program!.Name == Demo.MentalHealth && t.Name == "Evening").Select(t => t.Id).SingleAsync();
    }

    private static Dictionary<string, object?> Consent(Participant p, bool redisclosure = true) => new()
    {
        ["kind"] = "part2", ["patientName"] = p.LegalName, ["disclosingParty"] = "Substance Use IOP",
        ["information"] = "Dates of service, diagnoses and attendance; no counseling notes.", ["recipient"] = "Cascade Health Plan",
        ["purpose"] = "Payment for treatment.", ["expiresOnEvent"] = "One year after treatment ends", ["rightToRevokeExplained"] = true,
        ["redisclosureNoticeGiven"] = redisclosure, ["signedBy"] = p.LegalName, ["signedOn"] = DateOnly.FromDateTime(DateTime.UtcNow),
    };
}
