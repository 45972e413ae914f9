using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Trellis.Tests.Clinical;
using Trellis.Tests.Support;
using Trellis.Web.Features.Audit;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Participants;
using Trellis.Web.Features.Tasks;

namespace Trellis.Tests.Tasks;

public class TasksApiTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    private static DateOnly Today => Clinical.Clinic.Today;
    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd");

    [Fact]
    public async Task Staff_add_a_task_to_a_chart_and_find_it_in_their_lists_with_owner_and_overdue_flag()
    {
        var p = await Clinic.FreshParticipantAsync(app);
        var clinician = await Clinic.StaffAsync(app, "clinician");
        var api = await app.ApiAsync(Roles.Clinician);

        var created = await api.PostAsJsonAsync($"/api/participants/{p.Id}/tasks",
            new { title = "  Call about the housing application  ", detail = "Ask whether the letter arrived.", dueOn = Day(Today.AddDays(-1)) });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("\"1\"", created.Headers.ETag!.Tag);
        var task = await Json.ReadAsync(created);
        var id = (string)task["id"]!;
        Assert.Equal($"/api/tasks/{id}", created.Headers.Location!.OriginalString);
        Assert.Equal("Call about the housing application", (string?)task["title"]);
        Assert.Equal("general", (string?)task["kind"]);
        Assert.Equal(clinician.Id.ToString(), (string?)task["assignedToStaffId"]);
        Assert.Equal($"{clinician.FirstName} {clinician.LastName}", (string?)task["assignedTo"]);
        Assert.True((bool)task["overdue"]!);
        Assert.Equal("open", (string?)task["status"]);

        var forRole = await api.PostAsJsonAsync($"/api/participants/{p.Id}/tasks",
            new { kind = "referral", title = "Find a food bank near home", dueOn = Day(Today.AddDays(3)), assignedRole = Roles.CaseManager });
        Assert.Equal(HttpStatusCode.Created, forRole.StatusCode);
        var roleTask = await Json.ReadAsync(forRole);
        Assert.Null((string?)roleTask["assignedToStaffId"]);
        Assert.False((bool)roleTask["overdue"]!);

        var chart = (await Json.ReadAsync(await api.GetAsync($"/api/participants/{p.Id}/tasks"))).AsArray();
        Assert.Equal([id, (string)roleTask["id"]!], chart.Select(t => (string)t!["id"]!));
        var mine = (await Json.ReadAsync(await api.GetAsync("/api/tasks?mine=true"))).AsArray();
        Assert.Contains(mine, t => (string)t!["id"]! == id);
        Assert.DoesNotContain(mine, t => (string)t!["id"]! == (string)roleTask["id"]!);
        var caseManager = await app.ApiAsync(Roles.CaseManager);
        var theirs = (await Json.ReadAsync(await caseManager.GetAsync("/api/tasks?mine=true&status=open"))).AsArray();
        Assert.Contains(theirs, t => (string)t!["id"]! == (string)roleTask["id"]!);
        Assert.DoesNotContain(theirs, t => (string)t!["id"]! == id);
        // Intake coordinators use the task pages too.
        Assert.Equal(HttpStatusCode.OK, (await (await app.ApiAsync(Roles.IntakeCoordinator)).GetAsync($"/api/participants/{p.Id}/tasks")).StatusCode);

        var one = await api.GetAsync($"/api/tasks/{id}");
        Assert.Equal("\"1\"", one.Headers.ETag!.Tag);
        Assert.Equal("Ask whether the letter arrived.", (string?)(await Json.ReadAsync(one))["detail"]);
        await using var s = app.Db();
        var reads = await s.Context.AuditEntries.Where(e => e.ParticipantId == p.Id && e.Action == AuditActions.Read && e.RecordType == nameof(CareTask))
            .Select(e => new { e.RecordId, e.Detail }).ToListAsync();
        Assert.Contains(reads, r => r.RecordId == id && r.Detail == null);
        Assert.Contains(reads, r => r.RecordId == id && r.Detail == "chart tasks");
        Assert.Contains(reads, r => r.RecordId == id && r.Detail == "task list");
    }

    [Fact]
    public async Task Tasks_of_another_programs_participant_answer_404_like_missing_ones_and_never_appear_in_lists()
    {
        var su = await Clinic.FreshParticipantAsync(app, Demo.SubstanceUse);
        Guid taskId;
        await using (var s = app.Db())
        {
            taskId = CareTasks.Raise(s.Context, su.Id, CareTaskKinds.General, "Check in after detox", Today).Id;
            await s.Context.SaveChangesAsync();
        }
        var api = await app.ApiAsync(Roles.Clinician);
        foreach (var response in new[]
        {
            await api.GetAsync($"/api/participants/{su.Id}/tasks"),
            await api.PostAsJsonAsync($"/api/participants/{su.Id}/tasks", new { title = "Not mine", dueOn = Day(Today) }),
            await api.GetAsync($"/api/tasks/{taskId}"),
            await api.PutJsonAsync($"/api/tasks/{taskId}", new { dueOn = Day(Today), status = "done", outcome = "x" }, "\"1\""),
            await api.GetAsync($"/api/tasks/{Guid.NewGuid()}"),
        })
            Assert.Contains("outside your care team", (string?)(await Json.ProblemAsync(response, 404))["detail"]);
        var all = (await Json.ReadAsync(await api.GetAsync("/api/tasks?status=all"))).AsArray();
        Assert.NotEmpty(all);
        Assert.DoesNotContain(all, t => (string)t!["id"]! == taskId.ToString());
        Assert.Contains(taskId.ToString(), (await (await app.ApiAsync(Roles.ProgramDirector)).GetStringAsync("/api/tasks?status=all")));

        await Json.ProblemAsync(await (await app.ApiAsync(Roles.Participant)).GetAsync("/api/tasks"), 403);
        Assert.NotNull((await Json.ProblemAsync(await api.GetAsync("/api/tasks?status=later"), 400))["errors"]!["status"]);
        await using (var s = app.Db())
            Assert.Equal(CareTaskStatus.Open, (await s.Context.Tasks.SingleAsync(t => t.Id == taskId)).Status);
    }

    [Fact]
    public async Task A_new_task_needs_a_title_a_due_date_and_an_owner_from_the_participants_program_and_a_refusal_saves_nothing()
    {
        var p = await Clinic.FreshParticipantAsync(app);
        var otherProgram = await app.Db().Context.Staff.Where(x => x.IsActive && x.Programs.All(a => a.Program!.Name == Demo.SubstanceUse) && x.Programs.Any())
            .Select(x => x.Id).FirstAsync();
        var api = await app.ApiAsync(Roles.Clinician);
        var cases = new (object Body, string Field)[]
        {
            (new { title = " ", dueOn = Day(Today) }, "title"),
            (new { title = new string('x', 201), dueOn = Day(Today) }, "title"),
            (new { title = "Call", detail = new string('x', 2001), dueOn = Day(Today) }, "detail"),
            (new { title = "Call" }, "dueOn"),
            (new { title = "Call", dueOn = Day(Today), assignedToStaffId = otherProgram }, "assignedToStaffId"),
            (new { title = "Call", dueOn = Day(Today), assignedToStaffId = Guid.NewGuid() }, "assignedToStaffId"),
            (new { title = "Call", dueOn = Day(Today), assignedRole = "Janitor" }, "assignedRole"),
            (new { title = "Call", dueOn = Day(Today), kind = CareTaskKinds.CompleteSafetyPlan }, "kind"),
        };
        foreach (var (body, field) in cases)
        {
            var problem = await Json.ProblemAsync(await api.PostAsJsonAsync($"/api/participants/{p.Id}/tasks", body), 400);
            Assert.True(problem["errors"]?[field] is not null, $"{field}: {problem.ToJsonString()}");
        }
        await using var s = app.Db();
        Assert.False(await s.Context.Tasks.AnyAsync(t => t.ParticipantId == p.Id));
    }

    [Fact]
    public async Task A_task_is_reassigned_rescheduled_closed_with_an_outcome_and_reopened_under_If_Match()
    {
        var p = await Clinic.FreshParticipantAsync(app);
        var caseManager = await Clinic.StaffAsync(app, "casemanager");
        var api = await app.ApiAsync(Roles.Clinician);
        var id = (string)(await Json.ReadAsync(await api.PostAsJsonAsync($"/api/participants/{p.Id}/tasks", new { title = "Arrange a ride to group", dueOn = Day(Today) })))["id"]!;
        var url = $"/api/tasks/{id}";
        var move = new { dueOn = Day(Today.AddDays(2)), assignedToStaffId = caseManager.Id, status = "open" };

        await Json.ProblemAsync(await api.PutJsonAsync(url, move, null), 428);
        await Json.ProblemAsync(await api.PutJsonAsync(url, move, "\"7\""), 412);
        var moved = await api.PutJsonAsync(url, move, "\"1\"");
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal("\"2\"", moved.Headers.ETag!.Tag);
        var body = await Json.ReadAsync(moved);
        Assert.Equal(caseManager.Id.ToString(), (string?)body["assignedToStaffId"]);
        Assert.Equal(Day(Today.AddDays(2)), (string?)body["dueOn"]);
        await using (var s = app.Db())
            Assert.True(await s.Context.Notifications.AnyAsync(n => n.RecipientStaffId == caseManager.Id && n.Link == $"/tasks/{id}"));
        // The old ETag is stale now: nothing is overwritten.
        await Json.ProblemAsync(await api.PutJsonAsync(url, new { dueOn = Day(Today), assignedToStaffId = caseManager.Id, status = "open" }, "\"1\""), 412);

        var outsider = await app.Db().Context.Staff.Where(x => x.IsActive && x.Programs.Any() && x.Programs.All(a => a.Program!.Name == Demo.SubstanceUse)).Select(x => x.Id).FirstAsync();
        Assert.NotNull((await Json.ProblemAsync(await api.PutJsonAsync(url, new { dueOn = Day(Today), assignedToStaffId = outsider, status = "open" }, "\"2\""), 400))["errors"]!["assignedToStaffId"]);
        Assert.NotNull((await Json.ProblemAsync(await api.PutJsonAsync(url, new { dueOn = Day(Today.AddDays(2)), assignedToStaffId = caseManager.Id, status = "done" }, "\"2\""), 400))["errors"]!["outcome"]);
        Assert.NotNull((await Json.ProblemAsync(await api.PutJsonAsync(url, new { assignedToStaffId = caseManager.Id, status = "open" }, "\"2\""), 400))["errors"]!["dueOn"]);

        var cm = await app.ApiAsync(Roles.CaseManager);
        var done = await Json.ReadAsync(await cm.PutJsonAsync(url, new { dueOn = Day(Today.AddDays(2)), assignedToStaffId = caseManager.Id, status = "done", outcome = "Booked the van for Tuesdays and Thursdays." }, "\"2\""));
        Assert.Equal("done", (string?)done["status"]);
        Assert.Equal("Booked the van for Tuesdays and Thursdays.", (string?)done["outcome"]);
        Assert.Equal(DemoEmail("casemanager"), (string?)done["completedBy"]);
        Assert.NotNull((string?)done["completedAt"]);
        var closedMove = await Json.ProblemAsync(await cm.PutJsonAsync(url, new { dueOn = Day(Today.AddDays(5)), assignedToStaffId = caseManager.Id, status = "done" }, "\"3\""), 409);
        Assert.Contains("reopen", (string?)closedMove["detail"]);

        var reopened = await Json.ReadAsync(await cm.PutJsonAsync(url, new { dueOn = Day(Today.AddDays(5)), assignedToStaffId = caseManager.Id, status = "open", outcome = "Van cancelled the route; find another ride." }, "\"3\""));
        Assert.Equal("open", (string?)reopened["status"]);
        Assert.Null((string?)reopened["completedAt"]);
        Assert.Equal("Van cancelled the route; find another ride.", (string?)reopened["outcome"]);
        Assert.Equal(4, (int)reopened["version"]!);
    }

    [Fact]
    public async Task A_safety_plan_task_is_not_closed_or_reopened_by_hand()
    {
        var p = await Clinic.FreshParticipantAsync(app);
        var clinician = await Clinic.StaffAsync(app, "clinician");
        Guid id;
        await using (var s = app.Db())
        {
            id = CareTasks.Raise(s.Context, p.Id, CareTaskKinds.CompleteSafetyPlan, "Complete a safety plan", Today, clinician.Id).Id;
            await s.Context.SaveChangesAsync();
        }
        var api = await app.ApiAsync(Roles.Clinician);
        var problem = await Json.ProblemAsync(await api.PutJsonAsync($"/api/tasks/{id}",
            new { dueOn = Day(Today), assignedToStaffId = clinician.Id, status = "done", outcome = "Done by hand." }, "\"1\""), 409);
        Assert.Contains("safety plan", (string?)problem["detail"]);
        // Its date may still move, like any open task.
        Assert.Equal(HttpStatusCode.OK, (await api.PutJsonAsync($"/api/tasks/{id}", new { dueOn = Day(Today.AddDays(1)), assignedToStaffId = clinician.Id, status = "open" }, "\"1\"")).StatusCode);
        await using (var s = app.Db())
            Assert.Equal(CareTaskStatus.Open, (await s.Context.Tasks.SingleAsync(t => t.Id == id)).Status);
    }

    [Fact]
    public async Task The_chart_page_adds_tasks_under_the_same_rules_and_keeps_what_was_typed_when_refused()
    {
        var p = await Clinic.FreshParticipantAsync(app);
        var caseManager = await Clinic.StaffAsync(app, "casemanager");
        var outsider = await app.Db().Context.Staff.Where(x => x.IsActive && x.Programs.Any() && x.Programs.All(a => a.Program!.Name == Demo.SubstanceUse)).Select(x => x.Id).FirstAsync();
        using var pages = await app.PagesAsync(Roles.Clinician);
        var url = $"/participants/{p.Id}/tasks";
        // A post naming an owner the form never offered (another program's clinician) is refused, not quietly reassigned.
        var (response, doc) = await pages.SubmitAsync(url, "add-task", new Dictionary<string, string?>
        {
            ["Input.Title"] = "Send the work letter", ["Input.DueOn"] = Day(Today.AddDays(2)), ["Input.AssignedToStaffId"] = outsider.ToString(),
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("active staff member of", doc.Body!.TextContent);
        Assert.Equal("Send the work letter", doc.QuerySelector("#title")!.GetAttribute("value"));
        await using (var s = app.Db())
            Assert.False(await s.Context.Tasks.AnyAsync(t => t.ParticipantId == p.Id));

        (response, _) = await pages.SubmitAsync(url, "add-task", new Dictionary<string, string?>
        {
            ["Input.Title"] = "Send the work letter", ["Input.DueOn"] = Day(Today.AddDays(2)), ["Input.AssignedToStaffId"] = caseManager.Id.ToString(),
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using (var s = app.Db())
        {
            var task = await s.Context.Tasks.SingleAsync(t => t.ParticipantId == p.Id);
            Assert.Equal((caseManager.Id, CareTaskKinds.General, Today.AddDays(2)), (task.AssignedToStaffId!.Value, task.Kind, task.DueOn));
        }
    }

    private static string DemoEmail(string role) => Trellis.Web.Features.Demo.DemoSeeder.EmailFor(role);
}
