using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Trellis.Tests.Support;
using Trellis.Web.Features.Admissions.Decisions;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Tasks;

namespace Trellis.Tests.Admissions;

/// <summary>
/// Issue 13, point 5: intake sees the decision support and either asks a clinician for the decision (a
/// task with the suggestion attached, and a notification) or, where the program allows it, records it.
/// </summary>
public class LevelOfCareRequestTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    private static DateOnly Today => Clinical.Clinic.Today;

    private async Task<Guid> CandidateAsync(string program, string last)
    {
        var intake = await app.ApiAsync(Roles.IntakeCoordinator);
        var programId = await Demo.ProgramIdAsync(app, program);
        var id = (string)(await Leads.CreateAsync(intake, programId, last))["id"]!;
        return Guid.Parse((string)(await Leads.RegisterAsync(intake, id, programId, last))["participantId"]!);
    }

    private static object Decision(string rationale = "Moderate depression despite weekly therapy; works days, the evening track fits. Needs 9 hours a week.") =>
        new { toLevel = "intensive_outpatient", effectiveOn = Today, rationale, currentLevel = "outpatient" };

    [Fact]
    public async Task Intake_asks_a_chosen_clinician_who_gets_a_task_with_the_suggestion_and_a_notification_and_the_decision_closes_it()
    {
        var participant = await CandidateAsync(Demo.MentalHealth, "Asks");
        var intake = await app.ApiAsync(Roles.IntakeCoordinator);
        var url = $"/api/participants/{participant}/level-of-care/request";
        var clinician = await Leads.StaffIdAsync(app, Roles.Clinician);
        Guid otherProgramClinician;
        await using (var s = app.Db())
            otherProgramClinician = await s.Context.Staff.Where(x => x.Programs.All(a => a.Program!.Name == Demo.SubstanceUse) && x.Programs.Any()
                && x.CredentialType == "CADC").Select(x => x.Id).SingleAsync();

        // Intake may not record the decision in a program that has not allowed it; it asks instead.
        await Json.ProblemAsync(await intake.PostAsJsonAsync($"/api/participants/{participant}/level-of-care", Decision()), 403);
        var wrong = await Json.ProblemAsync(await intake.PostAsJsonAsync(url, new { clinicianStaffId = otherProgramClinician }), 400);
        Assert.Contains("Adult Mental Health", (string?)wrong["errors"]!["clinicianStaffId"]![0]);
        await Json.ProblemAsync(await intake.PostAsJsonAsync(url, new { note = "x" }), 400);
        await Json.ProblemAsync(await (await app.ApiAsync(Roles.CaseManager)).PostAsJsonAsync(url, new { clinicianStaffId = clinician }), 403);

        var asked = await intake.PostAsJsonAsync(url, new { clinicianStaffId = clinician, note = "Works days; prefers evenings.", currentLevel = "outpatient" });
        var request = await Json.ReadAsync(asked);
        Assert.True(asked.StatusCode == HttpStatusCode.Created, request.ToJsonString());
        await Json.ProblemAsync(await intake.PostAsJsonAsync(url, new { clinicianStaffId = clinician }), 409);

        await using (var s = app.Db())
        {
            var task = await s.Context.Tasks.SingleAsync(t => t.ParticipantId == participant && t.Kind == CareTaskKinds.LevelOfCareDecision);
            Assert.Equal((clinician, CareTaskStatus.Open, Today.AddDays(2)), (task.AssignedToStaffId!.Value, task.Status, task.DueOn));
            Assert.Contains("Decision support suggested", task.Detail);
            Assert.Contains("Works days; prefers evenings.", task.Detail);
            var note = await s.Context.Notifications.SingleAsync(n => n.ParticipantId == participant && n.Kind == LevelOfCareRequests.NotificationKind);
            Assert.Equal((clinician, $"/participants/{participant}/level-of-care"), (note.RecipientStaffId, note.Link));
        }

        // The task page links to the level-of-care page, where the clinician records it; that completes the task.
        using var pages = await app.PagesAsync(Roles.Clinician);
        var (_, taskPage) = await pages.GetAsync($"/tasks/{request["taskId"]}");
        Assert.NotNull(taskPage.QuerySelector($"a[href='/participants/{participant}/level-of-care']"));
        var created = await (await app.ApiAsync(Roles.Clinician)).PostAsJsonAsync($"/api/participants/{participant}/level-of-care", Decision());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        await using (var s = app.Db())
        {
            var task = await s.Context.Tasks.SingleAsync(t => t.ParticipantId == participant && t.Kind == CareTaskKinds.LevelOfCareDecision);
            Assert.Equal(CareTaskStatus.Done, task.Status);
            Assert.Contains("Intensive outpatient", task.Outcome);
        }
    }

    [Fact]
    public async Task Intake_records_the_decision_itself_only_where_a_director_turned_the_setting_on()
    {
        var participant = await CandidateAsync(Demo.SubstanceUse, "Records");
        var program = await Demo.ProgramIdAsync(app, Demo.SubstanceUse);
        var intake = await app.ApiAsync(Roles.IntakeCoordinator);
        var director = await app.ApiAsync(Roles.ProgramDirector);
        var settings = $"/api/programs/{program}/level-of-care-settings";

        var defaults = await director.GetAsync(settings);
        Assert.Equal("\"0\"", defaults.Headers.ETag!.Tag);
        Assert.False((bool)(await Json.ReadAsync(defaults))["intakeMayRecordDecision"]!);
        await Json.ProblemAsync(await intake.PostAsJsonAsync($"/api/participants/{participant}/level-of-care", Decision()), 403);
        await Json.ProblemAsync(await intake.PutJsonAsync(settings, new { intakeMayRecordDecision = true }, null), 403);
        await Json.ProblemAsync(await (await app.ApiAsync(Roles.Clinician)).PutJsonAsync(settings, new { intakeMayRecordDecision = true }, null), 403);

        // The defaults are replaced without If-Match; after that a change names its version.
        var on = await director.PutJsonAsync(settings, new { intakeMayRecordDecision = true }, null);
        Assert.Equal(HttpStatusCode.OK, on.StatusCode);
        await Json.ProblemAsync(await director.PutJsonAsync(settings, new { intakeMayRecordDecision = false }, null), 428);
        await Json.ProblemAsync(await director.PutJsonAsync(settings, new { intakeMayRecordDecision = false }, "\"0\""), 412);

        var recorded = await intake.PostAsJsonAsync($"/api/participants/{participant}/level-of-care", Decision());
        Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);
        await using (var s = app.Db())
        {
            var change = await s.Context.LevelOfCareChanges.SingleAsync(l => l.ParticipantId == participant);
            Assert.Equal(await Leads.StaffIdAsync(app, Roles.IntakeCoordinator), change.DecidedByStaffId);
        }
        // The mental health program still has the default: intake asks there.
        var mh = await CandidateAsync(Demo.MentalHealth, "StillAsks");
        await Json.ProblemAsync(await intake.PostAsJsonAsync($"/api/participants/{mh}/level-of-care", Decision()), 403);

        Assert.Equal(HttpStatusCode.OK, (await director.PutJsonAsync(settings, new { intakeMayRecordDecision = false }, on.Headers.ETag!.Tag)).StatusCode);
        var again = await CandidateAsync(Demo.SubstanceUse, "AsksAgain");
        await Json.ProblemAsync(await intake.PostAsJsonAsync($"/api/participants/{again}/level-of-care", Decision()), 403);
    }

    [Fact]
    public async Task On_the_page_intake_asks_a_clinician_and_sees_the_request_and_a_director_changes_the_setting()
    {
        var participant = await CandidateAsync(Demo.MentalHealth, "PageAsks");
        var clinician = await Leads.StaffIdAsync(app, Roles.Clinician);
        using var pages = await app.PagesAsync(Roles.IntakeCoordinator);
        var url = $"/participants/{participant}/level-of-care";
        var (_, before) = await pages.GetAsync(url);
        Assert.Null(PageClient.FindForm(before, "decide"));
        var (refused, page) = await pages.SubmitAsync(url, "request", new Dictionary<string, string?> { ["Request.ClinicianStaffId"] = "" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Choose the clinician who should decide", page.Body!.TextContent);

        var (sent, _) = await pages.SubmitAsync(url, "request", new Dictionary<string, string?> { ["Request.ClinicianStaffId"] = clinician.ToString(), ["Request.Note"] = "Please call her first." });
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var (_, after) = await pages.GetAsync(url);
        Assert.Contains("has a task to record the decision", after.QuerySelector("main > .alert-ok")!.TextContent);
        Assert.Contains("Requested:", after.QuerySelector("#ask")!.ParentElement!.TextContent);
        Assert.Null(PageClient.FindForm(after, "request"));

        using var director = await app.PagesAsync(Roles.ProgramDirector);
        var (_, settings) = await director.GetAsync("/admissions/settings");
        Assert.Contains("A clinician records level-of-care decisions", settings.Body!.TextContent);
        var program = await Demo.ProgramIdAsync(app, Demo.MentalHealth);
        var (changed, _) = await director.SubmitAsync("/admissions/settings", $"settings-{program}", new Dictionary<string, string?>());
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        await using (var s = app.Db())
            Assert.True((await LevelOfCareSettings.ForProgramAsync(s.Context, program)).IntakeMayRecordDecision);
        var (_, now) = await pages.GetAsync(url);
        Assert.NotNull(PageClient.FindForm(now, "decide"));
        await director.SubmitAsync("/admissions/settings", $"settings-{program}", new Dictionary<string, string?>());
        await using (var s = app.Db())
            Assert.False((await LevelOfCareSettings.ForProgramAsync(s.Context, program)).IntakeMayRecordDecision);
    }
}
