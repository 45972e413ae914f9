using System.Net;
using Microsoft.EntityFrameworkCore;
using Trellis.Tests.Clinical;
using Trellis.Tests.Support;
using Trellis.Web.Features.Audit;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Notifications;
using Trellis.Web.Features.Participants;
using Trellis.Web.Features.Tasks;

namespace Trellis.Tests.Foundation;

/// <summary>
/// The core pages as thin doors over their actions (issue 14): programs, tracks, rooms, staff, tasks,
/// account and notifications change data only through the actions, show refusals beside their fields,
/// and say "saved" once through the status message, never from a link.
/// </summary>
public class CorePagesTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    private static string Alert(AngleSharp.Html.Dom.IHtmlDocument doc, string kind) => doc.QuerySelector($".alert-{kind}")?.TextContent.Trim() ?? "";

    [Fact]
    public async Task Rooms_refuse_a_name_in_use_beside_the_field_and_say_saved_once()
    {
        using var admin = await app.PagesAsync(Roles.Administrator);
        string taken;
        await using (var s = app.Db()) taken = await s.Context.Rooms.Select(r => r.Name).FirstAsync();
        var (refused, doc) = await admin.SubmitAsync("/admin/rooms/new", "room", new Dictionary<string, string?> { ["Input.Name"] = taken, ["Input.Capacity"] = "8" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains($"There is already a room called {taken}.", doc.QuerySelector(".validation-message")!.TextContent);
        Assert.Equal(taken, doc.QuerySelector("#name")!.GetAttribute("value"));

        var name = "Quiet room " + Guid.NewGuid().ToString("N")[..6];
        var (saved, _) = await admin.SubmitAsync("/admin/rooms/new", "room", new Dictionary<string, string?> { ["Input.Name"] = name, ["Input.Capacity"] = "8" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var (_, list) = await admin.GetAsync(saved.Headers.Location!.OriginalString);
        Assert.Equal($"{name} saved.", Alert(list, "ok"));
        var (_, again) = await admin.GetAsync("/admin/programs");
        Assert.Equal("", Alert(again, "ok"));
    }

    [Fact]
    public async Task A_program_director_changes_their_own_program_and_tracks_but_not_another_programs()
    {
        using var director = await app.PagesAsync(Roles.ProgramDirector);
        Guid mine, other, track;
        int enrolled;
        await using (var s = app.Db())
        {
            var director1 = await Clinic.StaffAsync(app, "programdirector");
            var programs = await s.Context.StaffProgramAssignments.Where(a => a.StaffMemberId == director1.Id).Select(a => a.ProgramId).ToListAsync();
            mine = programs.First();
            other = await s.Context.Programs.Where(p => !programs.Contains(p.Id)).Select(p => p.Id).FirstOrDefaultAsync();
            var census = await Trellis.Web.Features.Organization.TrackCensus.EnrolledAsync(s.Context);
            var busy = await s.Context.Tracks.Where(t => t.ProgramId == mine).Select(t => t.Id).ToListAsync();
            track = busy.OrderByDescending(id => census.GetValueOrDefault(id)).First();
            enrolled = census.GetValueOrDefault(track);
        }
        Assert.True(enrolled > 0, "the demo track should have participants");
        var (low, lowDoc) = await director.SubmitAsync($"/admin/tracks/{track}", "track", new Dictionary<string, string?> { ["Input.Capacity"] = (enrolled - 1).ToString() });
        Assert.Equal(HttpStatusCode.OK, low.StatusCode);
        Assert.Contains("capacity cannot be lower", lowDoc.QuerySelector(".validation-message")!.TextContent);

        var (ok, _) = await director.SubmitAsync($"/admin/programs/{mine}", "program", new Dictionary<string, string?> { ["Input.Description"] = "Groups three days a week." });
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        await using (var s = app.Db()) Assert.Equal("Groups three days a week.", (await s.Context.Programs.SingleAsync(p => p.Id == mine)).Description);

        if (other != Guid.Empty)
        {
            var (response, _) = await director.GetAsync($"/admin/programs/{other}");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
        var (forbidden, _) = await director.GetAsync("/admin/programs/new");
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }

    [Fact]
    public async Task Closing_a_task_from_its_page_needs_an_outcome_and_goes_through_the_same_rules_as_the_api()
    {
        var p = await Clinic.FreshParticipantAsync(app);
        Guid id;
        await using (var s = app.Db())
        {
            id = CareTasks.Raise(s.Context, p.Id, CareTaskKinds.General, "Call about the bus pass", Clinic.Today).Id;
            await s.Context.SaveChangesAsync();
        }
        using var clinician = await app.PagesAsync(Roles.Clinician);
        var (refused, doc) = await clinician.SubmitAsync($"/tasks/{id}", "complete", new Dictionary<string, string?> { ["Input.Outcome"] = "", ["Cancel"] = "false" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Record what was done and how it went.", doc.QuerySelector(".validation-message")!.TextContent);

        var (done, _) = await clinician.SubmitAsync($"/tasks/{id}", "complete", new Dictionary<string, string?> { ["Input.Outcome"] = "Reached by phone; pass posted.", ["Cancel"] = "false" });
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        var (_, list) = await clinician.GetAsync("/tasks");
        Assert.Equal("Done: Call about the bus pass.", Alert(list, "ok"));
        await using var check = app.Db();
        var task = await check.Context.Tasks.SingleAsync(t => t.Id == id);
        Assert.Equal((CareTaskStatus.Done, "Reached by phone; pass posted."), (task.Status, task.Outcome));
    }

    [Fact]
    public async Task A_saved_participant_says_so_once_and_a_link_cannot_say_it()
    {
        using var clinician = await app.PagesAsync(Roles.Clinician);
        var p = await Clinic.FreshParticipantAsync(app);
        var (saved, _) = await clinician.SubmitAsync($"/participants/{p.Id}/edit", "participant", new Dictionary<string, string?> { ["Input.City"] = "Gresham" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var (_, chart) = await clinician.GetAsync(saved.Headers.Location!.OriginalString);
        Assert.Equal("Saved.", Alert(chart, "ok"));
        var (_, again) = await clinician.GetAsync($"/participants/{p.Id}");
        Assert.Equal("", Alert(again, "ok"));
        var (_, crafted) = await clinician.GetAsync($"/participants/{p.Id}?saved=1&restored=1&done=Deleted");
        Assert.Equal("", Alert(crafted, "ok"));
    }

    [Fact]
    public async Task Staff_are_added_by_administrators_with_a_one_time_password_and_a_reset_ends_their_sessions()
    {
        using var admin = await app.PagesAsync(Roles.Administrator);
        var email = $"page-{Guid.NewGuid():N}@cedargrove.example.org";
        var (invalid, invalidDoc) = await admin.SubmitAsync("/staff/new", "staff", new Dictionary<string, string?> { ["Input.FirstName"] = "Wren", ["Input.LastName"] = "Tallis", ["Input.Email"] = "not-an-email" });
        Assert.Equal(HttpStatusCode.OK, invalid.StatusCode);
        var messages = string.Join(" | ", invalidDoc.QuerySelectorAll(".validation-message").Select(e => e.TextContent));
        Assert.Contains("Enter an email address", messages);
        Assert.Contains("at least one role", messages);

        var fields = new Dictionary<string, string?> { ["Input.FirstName"] = "Wren", ["Input.LastName"] = "Tallis", ["Input.Email"] = email };
        var (_, form) = await admin.GetAsync("/staff/new");
        var clinicianBox = form.QuerySelectorAll("input[name$='.Value']").First(i => i.GetAttribute("value") == Roles.Clinician).GetAttribute("name")!;
        fields[clinicianBox.Replace(".Value", ".Selected")] = "True";
        var (created, doc) = await admin.SubmitAsync("/staff/new", "staff", fields);
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var password = doc.QuerySelector(".alert-warn code")!.TextContent;
        await TrellisFactory.LoginAsync(app.Anonymous(), email, password);

        Guid staffId;
        await using (var s = app.Db()) staffId = await s.Context.Staff.Where(x => x.Email == email).Select(x => x.Id).SingleAsync();
        var (reset, resetDoc) = await admin.SubmitAsync($"/staff/{staffId}", "reset-password", new Dictionary<string, string?>());
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.NotEqual(password, resetDoc.QuerySelector(".alert-warn code")!.TextContent);
        await using var check = app.Db();
        var userId = await check.Context.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        Assert.False(await check.Context.UserSessions.AnyAsync(x => x.UserId == userId && x.RevokedAt == null));
        Assert.True(await check.Context.AuditEntries.AnyAsync(e => e.Action == AuditActions.PasswordReset && e.RecordId == userId));
    }

    [Fact]
    public async Task Changing_your_password_names_what_is_wrong_beside_the_field()
    {
        using var client = await app.PagesAsync(Roles.CaseManager);
        var (_, wrong) = await client.SubmitAsync("/account", "password", new Dictionary<string, string?>
        {
            ["Password.Current"] = "not my password", ["Password.New"] = "a long enough new phrase", ["Password.Confirm"] = "a long enough new phrase",
        });
        Assert.Contains("The current password is not right.", wrong.QuerySelector(".validation-message")!.TextContent);
        var (_, mismatch) = await client.SubmitAsync("/account", "password", new Dictionary<string, string?>
        {
            ["Password.Current"] = "x", ["Password.New"] = "a long enough new phrase", ["Password.Confirm"] = "another phrase entirely",
        });
        Assert.Contains("The two new passwords are not the same.", mismatch.Body!.TextContent);
    }

    [Fact]
    public async Task Opening_a_notification_marks_it_read_and_only_your_own()
    {
        var clinician = await Clinic.StaffAsync(app, "clinician");
        var director = await Clinic.StaffAsync(app, "programdirector");
        Guid mine, theirs;
        await using (var s = app.Db())
        {
            Notifier.Notify(s.Context, [clinician.Id], "general", "Mine to read", link: "/tasks");
            Notifier.Notify(s.Context, [director.Id], "general", "Not mine");
            await s.Context.SaveChangesAsync();
            mine = await s.Context.Notifications.Where(n => n.Title == "Mine to read").Select(n => n.Id).SingleAsync();
            theirs = await s.Context.Notifications.Where(n => n.Title == "Not mine").Select(n => n.Id).SingleAsync();
        }
        using var client = await app.PagesAsync(Roles.Clinician);
        var (opened, _) = await client.SubmitAsync("/notifications", $"open-{mine}", new Dictionary<string, string?>());
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.Equal("/tasks", new Uri(new Uri("http://localhost"), opened.Headers.Location!).PathAndQuery);
        // The action reads only the caller's own: another's answers 404 like a missing one.
        await using (var s = app.Db())
        {
            s.Context.ActAs(Trellis.Web.Data.CurrentUser.OnBehalfOf("test", clinician.Id, clinician.DisplayName));
            var (_, refused) = await Trellis.Web.Features.Notifications.Actions.MarkNotificationRead.RunAsync(s.Context, theirs);
            Assert.Equal(404, refused!.Status);
        }
        await using var check = app.Db();
        Assert.NotNull((await check.Context.Notifications.SingleAsync(n => n.Id == mine)).ReadAt);
        Assert.Null((await check.Context.Notifications.SingleAsync(n => n.Id == theirs)).ReadAt);
    }
}
