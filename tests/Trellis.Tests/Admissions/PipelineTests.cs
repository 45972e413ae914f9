using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Trellis.Tests.Support;
using Trellis.Web.Features.Admissions;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Participants;

namespace Trellis.Tests.Admissions;

/// <summary>The admissions pipeline end to end through the API, on both databases: every stage, the checks on each move, scoping and roles.</summary>
public class PipelineTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    [Fact]
    public async Task A_lead_moves_from_inquiry_through_every_stage_to_admitted_with_each_step_dated_and_owned()
    {
        var api = await app.ApiAsync(Roles.IntakeCoordinator);
        var program = await Demo.ProgramIdAsync(app, Demo.MentalHealth);
        var lead = await Leads.CreateAsync(api, program, "Pipeline");
        var id = (string)lead["id"]!;
        Assert.Equal("inquiry", (string?)lead["stage"]);
        Assert.Equal("referral", (string?)lead["source"]);

        // Beyond inquiry needs a chart.
        var early = await Json.ProblemAsync(await Leads.MoveAsync(api, id, new { stage = "assessment" }), 400);
        Assert.Contains("Open a chart", early["errors"]!["stage"]![0]!.ToString());

        var registered = await Leads.RegisterAsync(api, id, program, "Pipeline");
        Assert.Equal("screening", (string?)registered["stage"]);
        var participantId = (string)registered["participantId"]!;
        Assert.StartsWith("TR", (string?)registered["mrn"]);
        await using (var s = app.Db())
            Assert.Equal(ParticipantStatus.Screening, (await s.Context.Participants.SingleAsync(p => p.Id == Guid.Parse(participantId))).Status);

        var clinician = await Leads.StaffIdAsync(app, Roles.Clinician);
        foreach (var stage in new[] { "assessment", "level_of_care_decision", "authorization" })
        {
            var moved = await Leads.MoveAsync(api, id, new { stage, ownerStaffId = stage == "assessment" ? clinician : (Guid?)null, note = $"On to {stage}." });
            Assert.True(moved.StatusCode == HttpStatusCode.OK, await moved.Content.ReadAsStringAsync());
        }

        // Admission happens on the participant, with a track; it closes the lead as admitted.
        var track = await TrackAsync(program, "Evening");
        var admitted = await api.PostAsJsonAsync($"/api/participants/{participantId}/admission", new { trackId = track, startOn = Today().AddDays(2), primaryClinicianId = clinician });
        var result = await Json.ReadAsync(admitted);
        Assert.True(admitted.StatusCode == HttpStatusCode.OK, result.ToJsonString());
        Assert.Equal("admitted", (string?)result["status"]);

        var final = await Json.ReadAsync(await api.GetAsync($"/api/admissions/leads/{id}"));
        Assert.Equal("admitted", (string?)final["stage"]);
        Assert.NotNull(final["closedAt"]);
        var steps = final["steps"]!.AsArray();
        Assert.Equal(["inquiry", "screening", "assessment", "level_of_care_decision", "authorization", "admitted"], steps.Select(s => (string?)s!["stage"]));
        Assert.All(steps, s => Assert.NotNull(s!["enteredAt"]));
        Assert.All(steps.Skip(1), s => Assert.NotNull(s!["ownerName"]));
        Assert.Equal(clinician.ToString(), (string?)steps[2]!["ownerStaffId"]);

        await using (var s = app.Db())
        {
            var p = await s.Context.Participants.Include(x => x.Enrollments).SingleAsync(x => x.Id == Guid.Parse(participantId));
            Assert.Equal((ParticipantStatus.Admitted, track, clinician), (p.Status, p.TrackId!.Value, p.PrimaryClinicianId!.Value));
            Assert.Single(p.Enrollments, e => e.TrackId == track && e.EndedOn == null);
            Assert.True(await s.Context.Notifications.AnyAsync(n => n.RecipientStaffId == clinician && n.ParticipantId == p.Id && n.Kind == "admission"));
            Assert.True(await s.Context.Tasks.AnyAsync(t => t.ParticipantId == p.Id && t.Kind == Web.Features.Tasks.CareTaskKinds.Admission));
        }
        // Once admitted, the lead does not move again.
        await Json.ProblemAsync(await Leads.MoveAsync(api, id, new { stage = "closed", reason = "test" }), 400);
    }

    [Fact]
    public async Task Referral_needs_where_and_why_and_closes_the_chart_as_not_admitted()
    {
        var api = await app.ApiAsync(Roles.IntakeCoordinator);
        var program = await Demo.ProgramIdAsync(app, Demo.SubstanceUse);
        var id = (string)(await Leads.CreateAsync(api, program, "Referral"))["id"]!;
        var participantId = (string)(await Leads.RegisterAsync(api, id, program, "Referral"))["participantId"]!;

        var problem = await Json.ProblemAsync(await Leads.MoveAsync(api, id, new { stage = "referred" }), 400);
        var keys = problem["errors"]!.AsObject().Select(e => e.Key).ToList();
        Assert.Contains("referredTo", keys);
        Assert.Contains("reason", keys);
        await Json.ProblemAsync(await Leads.MoveAsync(api, id, new { stage = "admitted" }), 400);
        await Json.ProblemAsync(await Leads.MoveAsync(api, id, new { stage = "retired" }), 400);

        var ok = await Leads.MoveAsync(api, id, new { stage = "referred", referredTo = "Riverbend Residential", reason = "Needs medically monitored withdrawal first." });
        var lead = await Json.ReadAsync(ok);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(("referred", "Riverbend Residential"), ((string?)lead["stage"], (string?)lead["referredTo"]));
        Assert.NotNull(lead["closedAt"]);
        await using var s = app.Db();
        Assert.Equal(ParticipantStatus.NotAdmitted, (await s.Context.Participants.SingleAsync(p => p.Id == Guid.Parse(participantId))).Status);
    }

    [Fact]
    public async Task Waitlisting_keeps_the_lead_open_with_the_track_it_waits_for()
    {
        var api = await app.ApiAsync(Roles.IntakeCoordinator);
        var program = await Demo.ProgramIdAsync(app, Demo.MentalHealth);
        var id = (string)(await Leads.CreateAsync(api, program, "Waiting"))["id"]!;
        await Leads.RegisterAsync(api, id, program, "Waiting");
        var otherTrack = await TrackAsync(await Demo.ProgramIdAsync(app, Demo.SubstanceUse), "Evening");
        var wrong = await Json.ProblemAsync(await Leads.MoveAsync(api, id, new { stage = "waitlisted", reason = "Evening full.", waitlistTrackId = otherTrack }), 400);
        Assert.Contains("waitlistTrackId", wrong["errors"]!.AsObject().Select(e => e.Key));
        var track = await TrackAsync(program, "Evening");
        var lead = await Json.ReadAsync(await Leads.MoveAsync(api, id, new { stage = "waitlisted", reason = "Evening full.", waitlistTrackId = track }));
        Assert.Equal("waitlisted", (string?)lead["stage"]);
        Assert.Null(lead["closedAt"]);
        Assert.Equal(track.ToString(), (string?)lead["waitlistTrackId"]);
    }

    [Fact]
    public async Task Registering_a_person_who_already_has_a_chart_is_refused_and_linking_works()
    {
        var api = await app.ApiAsync(Roles.IntakeCoordinator);
        var program = await Demo.ProgramIdAsync(app, Demo.MentalHealth);
        var existing = await Demo.ParticipantInAsync(app, Demo.MentalHealth, ParticipantStatus.Discharged);
        var id = (string)(await Leads.CreateAsync(api, program, existing.LegalLastName))["id"]!;
        var twin = await api.PostAsJsonAsync($"/api/admissions/leads/{id}/register", new
        {
            legalFirstName = existing.LegalFirstName, legalLastName = existing.LegalLastName, dateOfBirth = existing.DateOfBirth, programId = program,
        });
        var problem = await Json.ProblemAsync(twin, 400);
        Assert.Contains(existing.Mrn, problem["errors"]!["existingParticipantId"]![0]!.ToString());

        var linked = await Json.ReadAsync(await api.PostAsJsonAsync($"/api/admissions/leads/{id}/register", new { existingParticipantId = existing.Id, programId = program }));
        Assert.Equal(existing.Id.ToString(), (string?)linked["participantId"]);
        await using var s = app.Db();
        var p = await s.Context.Participants.SingleAsync(x => x.Id == existing.Id);
        Assert.Equal((ParticipantStatus.Screening, (DateOnly?)null), (p.Status, p.DischargedOn));
    }

    [Fact]
    public async Task Put_needs_if_match_and_refuses_a_stale_version()
    {
        var api = await app.ApiAsync(Roles.IntakeCoordinator);
        var id = (string)(await Leads.CreateAsync(api, null, "Etag"))["id"]!;
        var get = await api.GetAsync($"/api/admissions/leads/{id}");
        var etag = get.Headers.ETag!.Tag;
        var body = Leads.Body(null, last: "Etag");
        await Json.ProblemAsync(await api.PutJsonAsync($"/api/admissions/leads/{id}", body, null), 428);
        body["bestTimeToReach"] = "Evenings";
        Assert.Equal(HttpStatusCode.OK, (await api.PutJsonAsync($"/api/admissions/leads/{id}", body, etag)).StatusCode);
        body["bestTimeToReach"] = "Noon";
        await Json.ProblemAsync(await api.PutJsonAsync($"/api/admissions/leads/{id}", body, etag), 412);
        Assert.Equal("Evenings", (string?)(await Json.ReadAsync(await api.GetAsync($"/api/admissions/leads/{id}")))["bestTimeToReach"]);
    }

    [Fact]
    public async Task Bad_lead_input_is_named_field_by_field()
    {
        var api = await app.ApiAsync(Roles.IntakeCoordinator);
        var body = Leads.Body(null);
        body["firstName"] = "";
        body["consentToContact"] = false;
        body["phone"] = null;
        body["email"] = "not-an-email";
        body["lookingFor"] = new string('x', 2001);
        var problem = await Json.ProblemAsync(await api.PostAsJsonAsync("/api/admissions/leads", body), 400);
        var keys = problem["errors"]!.AsObject().Select(e => e.Key.ToLowerInvariant()).ToList();
        foreach (var k in new[] { "firstname", "email", "lookingfor" }) Assert.Contains(keys, x => x.Contains(k));
        body = Leads.Body(Guid.NewGuid());
        await Json.ProblemAsync(await api.PostAsJsonAsync("/api/admissions/leads", body), 400);
        await Json.ProblemAsync(await api.GetAsync("/api/admissions/leads?stage=done"), 400);
        await Json.ProblemAsync(await api.GetAsync($"/api/admissions/leads/{Guid.NewGuid()}"), 404);
        await Json.ProblemAsync(await api.GetAsync("/api/admissions/figures?from=2026-05-01&to=2026-01-01"), 400);
    }

    [Fact]
    public async Task Staff_of_another_program_cannot_see_or_touch_a_lead_404()
    {
        var intake = await app.ApiAsync(Roles.IntakeCoordinator);
        var su = await Demo.ProgramIdAsync(app, Demo.SubstanceUse);
        var suLead = (string)(await Leads.CreateAsync(intake, su, "Scoped"))["id"]!;
        var frontDoor = (string)(await Leads.CreateAsync(intake, null, "FrontDoor"))["id"]!;

        // The demo clinician works in Adult Mental Health only.
        var clinician = await app.ApiAsync(Roles.Clinician);
        await Json.ProblemAsync(await clinician.GetAsync($"/api/admissions/leads/{suLead}"), 404);
        var list = await Json.ReadAsync(await clinician.GetAsync("/api/admissions/leads?search=Scoped"));
        Assert.Empty(list.AsArray());
        Assert.Equal(HttpStatusCode.OK, (await clinician.GetAsync($"/api/admissions/leads/{frontDoor}")).StatusCode);

        var page = await app.PagesAsync(Roles.Clinician);
        var (_, doc) = await page.GetAsync($"/admissions/{suLead}");
        Assert.Contains("Lead not found", doc.QuerySelector("h1")!.TextContent);
    }

    [Theory]
    [InlineData(Roles.CaseManager, "/api/admissions/leads", 403)]
    [InlineData(Roles.Participant, "/api/admissions/leads", 403)]
    [InlineData(Roles.Prescriber, "/api/admissions/figures", 403)]
    public async Task Roles_outside_admissions_are_refused(string role, string url, int status) =>
        await Json.ProblemAsync(await (await app.ApiAsync(role)).GetAsync(url), status);

    [Fact]
    public async Task Clinicians_see_the_pipeline_but_only_intake_moves_it_and_anonymous_gets_401()
    {
        var intake = await app.ApiAsync(Roles.IntakeCoordinator);
        var id = (string)(await Leads.CreateAsync(intake, null, "Roles"))["id"]!;
        var clinician = await app.ApiAsync(Roles.Clinician);
        Assert.Equal(HttpStatusCode.OK, (await clinician.GetAsync("/api/admissions/leads")).StatusCode);
        await Json.ProblemAsync(await Leads.MoveAsync(clinician, id, new { stage = "closed", reason = "x" }), 403);
        await Json.ProblemAsync(await clinician.PostAsJsonAsync("/api/admissions/leads", Leads.Body(null)), 403);
        await Json.ProblemAsync(await app.Anonymous().GetAsync("/api/admissions/leads"), 401);
        var page = await app.PagesAsync(Roles.CaseManager);
        var (denied, deniedPage) = await page.GetAsync("/admissions");
        // A 403 page at the address asked for (issue 13: the redirect went to a page that answered an empty 404).
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Contains("Not allowed", deniedPage.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task Figures_count_conversion_and_time_to_admission_from_the_demo_history()
    {
        var api = await app.ApiAsync(Roles.ProgramDirector);
        var f = await Json.ReadAsync(await api.GetAsync("/api/admissions/figures"));
        Assert.True((int)f["inquiries"]! > 0);
        Assert.True((int)f["admittedInPeriod"]! > 0);
        Assert.True((double)f["medianDaysToAdmission"]! > 0);
        Assert.InRange((double)f["conversion"]!, 0, 1);
        Assert.Equal(6, f["funnel"]!.AsArray().Count);
        Assert.Equal(6, f["timeInStage"]!.AsArray().Count);
    }

    [Fact]
    public async Task The_board_list_and_figures_pages_show_the_demo_pipeline()
    {
        var page = await app.PagesAsync(Roles.IntakeCoordinator);
        var (_, board) = await page.GetAsync("/admissions");
        foreach (var stage in AdmissionStages.Open)
            Assert.True(board.QuerySelectorAll($"#col-{Web.Infrastructure.EnumText.ToApi(stage)}").Length == 1, stage.ToString());
        Assert.NotEmpty(board.QuerySelectorAll(".lead-card.safety"));
        Assert.NotEmpty(board.QuerySelectorAll(".lead-card.overdue"));
        var (_, list) = await page.GetAsync("/admissions/list?stage=waitlisted");
        Assert.Contains("Waitlisted", list.QuerySelector("tbody")!.TextContent);
        var (_, figures) = await page.GetAsync("/admissions/figures");
        Assert.Contains("median time to admission", figures.Body!.TextContent);
        var (_, bad) = await page.GetAsync("/admissions/list?stage=nonsense");
        Assert.Contains("not a stage", bad.Body!.TextContent);
    }

    private async Task<Guid> TrackAsync(Guid program, string name)
    {
        await using var s = app.Db();
        return await s.Context.Tracks.Where(t => t.ProgramId == program && t.Name == name).Select(t => t.Id).SingleAsync();
    }

    private static DateOnly Today() => Clinical.Clinic.Today;
    [Fact]
    public async Task The_register_form_asks_gender_language_and_interpreter_and_the_new_chart_keeps_them()
    {
        var api = await app.ApiAsync(Roles.IntakeCoordinator);
        var program = await Demo.ProgramIdAsync(app, Demo.MentalHealth);
        var last = "Nguyen" + Guid.NewGuid().ToString("N")[..6];
        var id = (string)(await Leads.CreateAsync(api, program, last))["id"]!;
        using var page = await app.PagesAsync(Roles.IntakeCoordinator);
        var form = new Dictionary<string, string?>
        {
            ["Register.LegalFirstName"] = "Thao", ["Register.LegalLastName"] = last, ["Register.DateOfBirth"] = "1979-11-03",
            ["Register.ProgramId"] = program.ToString(), ["Register.PreferredLanguage"] = "", ["Register.InterpreterNeeded"] = "true",
        };
        // The chart's own rule, beside the field, and no chart opened.
        var (refused, doc) = await page.SubmitAsync($"/admissions/{id}", "register", form);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Say which language the interpreter is for.", doc.QuerySelector("#reg-language")!.ParentElement!.QuerySelector(".validation-message")?.TextContent ?? "");
        await using (var s = app.Db())
            Assert.False(await s.Context.Participants.AnyAsync(p => p.LegalLastName == last));

        (form["Register.AdministrativeGender"], form["Register.PreferredLanguage"]) = ("Female", "vi");
        var (opened, _) = await page.SubmitAsync($"/admissions/{id}", "register", form);
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        await using (var s = app.Db())
        {
            var p = await s.Context.Participants.SingleAsync(x => x.LegalLastName == last);
            Assert.Equal((AdministrativeGender.Female, "vi", true), (p.AdministrativeGender, p.PreferredLanguage, p.InterpreterNeeded));
        }
    }

    [Fact]
    public async Task Register_through_the_api_takes_them_with_the_charts_rule()
    {
        var api = await app.ApiAsync(Roles.IntakeCoordinator);
        var program = await Demo.ProgramIdAsync(app, Demo.MentalHealth);
        var last = "Petrova" + Guid.NewGuid().ToString("N")[..6];
        var id = (string)(await Leads.CreateAsync(api, program, last))["id"]!;
        var bad = await Json.ProblemAsync(await api.PostAsJsonAsync($"/api/admissions/leads/{id}/register", new
        {
            legalFirstName = "Irina", legalLastName = last, dateOfBirth = "1991-06-30", programId = program, preferredLanguage = "klingon",
        }), 400);
        Assert.Contains("'klingon' is not a language Trellis knows", bad["errors"]!["preferredLanguage"]![0]!.ToString());
        var ok = await api.PostAsJsonAsync($"/api/admissions/leads/{id}/register", new
        {
            legalFirstName = "Irina", legalLastName = last, dateOfBirth = "1991-06-30", programId = program,
            administrativeGender = "female", preferredLanguage = "RU", interpreterNeeded = true,
        });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        await using var s = app.Db();
        var p = await s.Context.Participants.SingleAsync(x => x.LegalLastName == last);
        Assert.Equal((AdministrativeGender.Female, "ru", true), (p.AdministrativeGender, p.PreferredLanguage, p.InterpreterNeeded));
    }
}
