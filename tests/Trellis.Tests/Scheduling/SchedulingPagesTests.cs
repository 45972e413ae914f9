using System.Net;
using Microsoft.EntityFrameworkCore;
using Trellis.Tests.Support;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Organization;
using Trellis.Web.Features.Scheduling;
using Trellis.Web.Features.Tasks;

namespace Trellis.Tests.Scheduling;

/// <summary>The scheduling pages used as a browser would: forms posted, errors beside the fields, nothing lost.</summary>
public class SchedulingPagesTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    [Fact]
    public async Task The_attendance_page_takes_the_whole_roster_in_one_post()
    {
        var world = await SchedulingWorld.CreateAsync(app);
        var session = await world.SessionOnAsync(app, world.Today);
        using var pages = await app.PagesAsync(Roles.Clinician);
        var (page, doc) = await pages.GetAsync($"/sessions/{session.Id}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(3 * 6, doc.QuerySelectorAll("input[type=radio]").Length);

        var (response, _) = await pages.SubmitAsync($"/sessions/{session.Id}", "attendance", new Dictionary<string, string?>
        {
            ["Form.Lines[0].Status"] = "Present", ["Form.Lines[1].Status"] = "LeftEarly", ["Form.Lines[1].MinutesLeftEarly"] = "20",
            ["Form.Lines[2].Status"] = "AbsentUnexcused",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        // The count comes back as the status message (not "?saved=3", which a link could fake).
        var (_, after) = await pages.GetAsync(response.Headers.Location!.ToString());
        Assert.Contains("Attendance saved (3 changed)", after.QuerySelector(".alert-ok")?.TextContent);
        var (_, faked) = await pages.GetAsync($"/sessions/{session.Id}?saved=3&done=Attendance+saved");
        Assert.Null(faked.QuerySelector(".alert-ok"));
        await using var s = app.Db();
        var records = await s.Context.Attendance.Where(a => a.GroupSessionId == session.Id).ToListAsync();
        Assert.Equal(3, records.Count);
        Assert.Equal(40, records.Single(r => r.Status == AttendanceStatus.LeftEarly).MinutesAttended);
        var absent = records.Single(r => r.Status == AttendanceStatus.AbsentUnexcused);
        Assert.True(await s.Context.Tasks.AnyAsync(t => t.SourceId == absent.Id && t.Kind == CareTaskKinds.MissedSessionFollowUp && t.Status == CareTaskStatus.Open));
    }

    [Fact]
    public async Task A_bad_line_keeps_what_was_typed_shows_the_error_beside_it_and_saves_nothing()
    {
        var world = await SchedulingWorld.CreateAsync(app);
        var session = await world.SessionOnAsync(app, world.Today);
        using var pages = await app.PagesAsync(Roles.Clinician);
        var (response, doc) = await pages.SubmitAsync($"/sessions/{session.Id}", "attendance", new Dictionary<string, string?>
        {
            ["Form.Lines[0].Status"] = "Present", ["Form.Lines[0].Note"] = "Brought a friend to the waiting room",
            ["Form.Lines[1].Status"] = "Late",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Enter how many minutes late they arrived.", doc.QuerySelectorAll(".roster li")[1].TextContent);
        Assert.Equal("Brought a friend to the waiting room", doc.QuerySelector("#note-0")?.GetAttribute("value"));
        Assert.NotNull(doc.QuerySelector("input[name='Form.Lines[1].Status'][value=Late][checked]"));
        await using var s = app.Db();
        Assert.False(await s.Context.Attendance.AnyAsync(a => a.GroupSessionId == session.Id));
    }

    [Fact]
    public async Task A_session_change_below_its_enrollment_is_refused_beside_the_field_and_a_good_one_is_saved()
    {
        var world = await SchedulingWorld.CreateAsync(app);
        var session = await world.SessionOnAsync(app, world.Today.AddDays(12));
        using var pages = await app.PagesAsync(Roles.ProgramDirector);
        var (response, doc) = await pages.SubmitAsync($"/sessions/{session.Id}/edit", "session", new Dictionary<string, string?> { ["Input.Capacity"] = "2" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("3 participants are on this session's roster", doc.QuerySelector(".validation-message")?.TextContent);
        (response, _) = await pages.SubmitAsync($"/sessions/{session.Id}/edit", "session", new Dictionary<string, string?>
        {
            ["Input.Capacity"] = "6", ["Input.StartTime"] = "06:15", ["Input.EndTime"] = "07:15",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var s = app.Db();
        var saved = await s.Context.GroupSessions.Include(x => x.Facilitators).SingleAsync(x => x.Id == session.Id);
        Assert.Equal(6, saved.Capacity);
        Assert.True(saved.IsOneOffChange);
        Assert.Equal(new TimeOnly(6, 15), ProgramClock.LocalTime(saved.StartsAt, world.Zone));
        Assert.Single(saved.Facilitators);
    }

    [Fact]
    public async Task A_template_group_that_overlaps_another_or_lies_outside_the_track_is_refused()
    {
        var world = await SchedulingWorld.CreateAsync(app, minutes: 180);
        await using (var s0 = app.Db())
        {
            // The track runs 6:00–9:00; its first group 6:00–7:00 leaves room for more.
            var first = await s0.Context.Set<SessionTemplate>().SingleAsync(t => t.Id == world.Template.Id);
            first.EndTime = new TimeOnly(7, 0);
            await s0.Context.SaveChangesAsync();
        }
        using var pages = await app.PagesAsync(Roles.ProgramDirector);
        var url = $"/schedule/tracks/{world.Track.Id}/templates/new";
        var (response, doc) = await pages.SubmitAsync(url, "template", new Dictionary<string, string?>
        {
            ["Input.Title"] = "Skills group", ["Input.StartTime"] = "06:30", ["Input.EndTime"] = "07:20", ["Input.FacilitatorIds"] = world.ClinicianId.ToString(),
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("It overlaps Test process group", doc.Body!.TextContent);
        (response, doc) = await pages.SubmitAsync(url, "template", new Dictionary<string, string?>
        {
            ["Input.Title"] = "Skills group", ["Input.StartTime"] = "08:30", ["Input.EndTime"] = "09:20", ["Input.FacilitatorIds"] = world.ClinicianId.ToString(),
        });
        Assert.Contains("must fit inside those hours", doc.Body!.TextContent);
        (response, _) = await pages.SubmitAsync(url, "template", new Dictionary<string, string?>
        {
            ["Input.Title"] = "Skills group", ["Input.StartTime"] = "07:10", ["Input.EndTime"] = "08:00", ["Input.FacilitatorIds"] = world.ClinicianId.ToString(),
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var s = app.Db();
        var template = await s.Context.Set<SessionTemplate>().Include(t => t.Facilitators).SingleAsync(t => t.TrackId == world.Track.Id && t.Title == "Skills group");
        Assert.Equal(world.ClinicianId, Assert.Single(template.Facilitators).StaffMemberId);
        Assert.True(await s.Context.GroupSessions.AnyAsync(x => x.TemplateId == template.Id));
    }

    [Fact]
    public async Task Staff_pages_render_for_every_staff_role_and_the_portal_shows_the_participants_schedule()
    {
        // Every role the staff pages admit (the Billing role is staff without them: it works on its own pages).
        foreach (var role in Permissions.RolesOf(Permissions.AnyStaff))
        {
            using var pages = await app.PagesAsync(role);
            // The staff home page too, with its "My day" and "Hours last week" cards: home cards load in
            // their own contexts, so they run on PostgreSQL as on SQLite.
            var urls = new List<string> { "/", "/schedule/today", "/schedule/today?all=1", "/schedule/week?by=staff", "/schedule/week?date=not-a-date", "/schedule/hours", "/schedule/closures", "/schedule/availability", "/schedule/feed" };
            foreach (var url in urls)
            {
                var (r, _) = await pages.GetAsync(url);
                Assert.True(r.StatusCode == HttpStatusCode.OK, $"{role} {url}: {(int)r.StatusCode}");
            }
        }
        using var portal = await app.PagesAsync(Roles.Participant);
        var (home, doc) = await portal.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.NotNull(doc.QuerySelector("#w-schedule"));
        var (mine, mineDoc) = await portal.GetAsync("/my/schedule");
        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        Assert.Contains("Calendar subscription", mineDoc.Body!.TextContent);
        var (_, staffOnly) = await portal.GetAsync("/schedule/today");
        Assert.DoesNotContain("My day", staffOnly.QuerySelector("h1")?.TextContent ?? "");
    }

    [Fact]
    public async Task The_weekly_plan_page_proposes_a_week_and_applying_it_moves_the_participant_and_books_the_slots()
    {
        var world = await SchedulingWorld.CreateAsync(app, participants: 1);
        var p = world.Participants[0];
        Guid eveningId;
        await using (var s = app.Db())
        {
            // A day job Mon–Fri 8:00–17:00 with 30 minutes' travel: the morning track cannot work, evenings can.
            s.Context.Add(new WeeklyObligation { ParticipantId = p.Id, Kind = ObligationKind.Work, Label = "Shift at the bakery", Weekdays = Weekdays.Monday | Weekdays.Tuesday | Weekdays.Wednesday | Weekdays.Thursday | Weekdays.Friday, StartTime = new(8, 0), EndTime = new(17, 0), TravelMinutes = 30 });
            // The test track meets 6:00-7:00 every day: before work with its travel, so leave it for a track that conflicts.
            var t = await s.Context.Tracks.SingleAsync(x => x.Id == world.Track.Id);
            t.StartTime = new(8, 0); t.EndTime = new(11, 0);
            eveningId = await s.Context.Tracks.Where(x => x.ProgramId == world.ProgramId && x.Name == "Evening").Select(x => x.Id).SingleAsync();
            await s.Context.SaveChangesAsync();
        }
        using var pages = await app.PagesAsync(Roles.ProgramDirector);
        var (page, doc) = await pages.GetAsync($"/participants/{p.Id}/weekly-plan");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("overlaps your Shift at the bakery", doc.Body!.TextContent);
        var form = PageClient.FindForm(doc, "apply-plan");
        Assert.NotNull(form);
        Assert.Equal(eveningId.ToString(), form!.QuerySelector("input[name=TrackId]")?.GetAttribute("value"), ignoreCase: true);
        var (applied, _) = await pages.SubmitAsync($"/participants/{p.Id}/weekly-plan", "apply-plan", new Dictionary<string, string?> { ["Weeks"] = "4" });
        Assert.Equal(HttpStatusCode.Redirect, applied.StatusCode);
        await using (var s = app.Db())
        {
            var moved = await s.Context.Participants.Include(x => x.Enrollments).SingleAsync(x => x.Id == p.Id);
            Assert.Equal(eveningId, moved.TrackId);
            Assert.Contains(moved.Enrollments, e => e.TrackId == eveningId && e.EndedOn == null);
            Assert.Contains(moved.Enrollments, e => e.TrackId == world.Track.Id && e.EndedOn == world.Today);
        }
    }
    [Fact]
    public async Task The_roster_says_who_needs_an_interpreter_before_the_day_and_on_it()
    {
        var world = await SchedulingWorld.CreateAsync(app);
        await using (var s = app.Db())
        {
            var needs = await s.Context.Participants.SingleAsync(x => x.Id == world.Participants[0].Id);
            (needs.PreferredLanguage, needs.InterpreterNeeded) = ("vi", true);
            // A language but no interpreter: nothing to arrange, so no badge.
            (await s.Context.Participants.SingleAsync(x => x.Id == world.Participants[1].Id)).PreferredLanguage = "es";
            await s.Context.SaveChangesAsync();
        }
        using var pages = await app.PagesAsync(Roles.Clinician);
        foreach (var day in new[] { world.Today.AddDays(3), world.Today })
        {
            var session = await world.SessionOnAsync(app, day);
            var (page, doc) = await pages.GetAsync($"/sessions/{session.Id}");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            var badge = Assert.Single(doc.QuerySelectorAll(".badge.interpreter"));
            Assert.Equal("Interpreter: Vietnamese", badge.TextContent.Trim());
            Assert.Contains(world.Participants[0].DisplayName, badge.ParentElement!.TextContent);
        }
    }
}
