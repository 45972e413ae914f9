using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Trellis.Tests.Support;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Scheduling;
using Trellis.Web.Features.Tasks;

namespace Trellis.Tests.Scheduling;

/// <summary>PUT /api/sessions/{id}/attendance: minutes, history, follow-ups, engagement alerts, locks, scope and bad input.</summary>
public class AttendanceApiTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    private static object Line(Guid participant, string status, int? late = null, int? early = null, string? note = null) =>
        new { participantId = participant, status, minutesLate = late, minutesLeftEarly = early, note };

    [Fact]
    public async Task A_roster_is_taken_in_one_put_with_minutes_derived_history_kept_and_a_same_day_follow_up_for_an_unexcused_absence()
    {
        var world = await SchedulingWorld.CreateAsync(app);
        var session = await world.SessionOnAsync(app, world.Today);
        var api = await app.ApiAsync(Roles.Clinician);
        var get = await api.GetAsync($"/api/sessions/{session.Id}/attendance");
        Assert.Equal("\"0\"", get.Headers.ETag!.ToString());
        Assert.Equal(3, (await Json.ReadAsync(get))["records"]!.AsArray().Count);

        var p = world.Participants;
        await Json.ProblemAsync(await api.PutJsonAsync($"/api/sessions/{session.Id}/attendance", new { records = new[] { Line(p[0].Id, "present") } }, null), 428);
        var put = await api.PutJsonAsync($"/api/sessions/{session.Id}/attendance", new
        {
            records = new[] { Line(p[0].Id, "present"), Line(p[1].Id, "late", late: 15), Line(p[2].Id, "absent_unexcused") },
        }, "\"0\"");
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var saved = await Json.ReadAsync(put);
        Assert.Equal(3, (int)saved["changed"]!);
        Assert.Equal(1, (int)saved["followUpsRaised"]!);
        var minutes = saved["roster"]!["records"]!.AsArray().ToDictionary(r => (Guid)r!["participantId"]!, r => (int?)r!["minutesAttended"]);
        Assert.Equal(60, minutes[p[0].Id]);
        Assert.Equal(45, minutes[p[1].Id]);
        Assert.Equal(0, minutes[p[2].Id]);
        var etag = put.Headers.ETag!.ToString();
        Assert.Equal("\"3\"", etag);

        await using (var s = app.Db())
        {
            var task = await s.Context.Tasks.SingleAsync(t => t.ParticipantId == p[2].Id && t.Kind == CareTaskKinds.MissedSessionFollowUp);
            Assert.Equal(world.CaseManagerId, task.AssignedToStaffId);
            Assert.Equal(world.Today, task.DueOn);
            Assert.Equal(CareTaskStatus.Open, task.Status);
            Assert.Contains("Missed Test process group", task.Title);
            Assert.True(await s.Context.Notifications.AnyAsync(n => n.RecipientStaffId == world.CaseManagerId && n.ParticipantId == p[2].Id));
        }

        // A stale roster is refused; then the absence is corrected and the call is no longer needed.
        await Json.ProblemAsync(await api.PutJsonAsync($"/api/sessions/{session.Id}/attendance", new { records = new[] { Line(p[2].Id, "absent_excused") } }, "\"0\""), 412);
        var fix = await api.PutJsonAsync($"/api/sessions/{session.Id}/attendance", new { records = new[] { Line(p[2].Id, "absent_excused", note: "Called at 9:10, sick") }, reason = "They had called the front desk" }, etag);
        Assert.Equal(HttpStatusCode.OK, fix.StatusCode);
        await using (var s = app.Db())
        {
            var task = await s.Context.Tasks.SingleAsync(t => t.ParticipantId == p[2].Id && t.Kind == CareTaskKinds.MissedSessionFollowUp);
            Assert.Equal(CareTaskStatus.Cancelled, task.Status);
            var record = await s.Context.Attendance.SingleAsync(a => a.GroupSessionId == session.Id && a.ParticipantId == p[2].Id);
            var history = await s.Context.Set<AttendanceChange>().Where(c => c.AttendanceRecordId == record.Id).OrderBy(c => c.ChangedAt).ThenBy(c => c.CreatedAt).ToListAsync();
            Assert.Equal([AttendanceStatus.AbsentUnexcused, AttendanceStatus.AbsentExcused], history.Select(h => h.Status));
            Assert.Equal("They had called the front desk", history[1].Reason);
            Assert.Equal(DemoEmail(Roles.Clinician), history[1].ChangedBy);
        }
    }

    private static string DemoEmail(string role) => Trellis.Web.Features.Demo.DemoSeeder.EmailFor(role);

    [Fact]
    public async Task Attendance_for_someone_not_enrolled_or_without_a_status_is_refused_and_nothing_is_saved()
    {
        var world = await SchedulingWorld.CreateAsync(app);
        var session = await world.SessionOnAsync(app, world.Today);
        var outsider = await Demo.ParticipantInAsync(app, Demo.MentalHealth, Trellis.Web.Features.Participants.ParticipantStatus.Active);
        var api = await app.ApiAsync(Roles.Clinician);
        var problem = await Json.ProblemAsync(await api.PutJsonAsync($"/api/sessions/{session.Id}/attendance",
            new { records = new[] { Line(world.Participants[0].Id, "present"), Line(outsider.Id, "present") } }, "\"0\""), 400);
        Assert.Contains("is not enrolled in Test process group", (string?)problem["errors"]!["records[1].participantId"]![0]);
        var noStatus = await Json.ProblemAsync(await api.PutJsonAsync($"/api/sessions/{session.Id}/attendance",
            new { records = new object[] { new { participantId = world.Participants[0].Id } } }, "\"0\""), 400);
        Assert.NotNull(noStatus["errors"]!["records[0].status"]);
        var lateNoMinutes = await Json.ProblemAsync(await api.PutJsonAsync($"/api/sessions/{session.Id}/attendance",
            new { records = new[] { Line(world.Participants[0].Id, "late") } }, "\"0\""), 400);
        Assert.NotNull(lateNoMinutes["errors"]!["records[0].minutesLate"]);
        var badStatus = await api.PutJsonAsync($"/api/sessions/{session.Id}/attendance", new { records = new[] { Line(world.Participants[0].Id, "here") } }, "\"0\"");
        await Json.ProblemAsync(badStatus, 400);
        await using var s = app.Db();
        Assert.False(await s.Context.Attendance.AnyAsync(a => a.GroupSessionId == session.Id));
    }

    [Fact]
    public async Task Future_sessions_wait_and_old_ones_are_locked_to_program_directors()
    {
        var world = await SchedulingWorld.CreateAsync(app);
        var tomorrow = await world.SessionOnAsync(app, world.Today.AddDays(1));
        var old = await world.SessionOnAsync(app, world.Today.AddDays(-(ScheduleSettings.DefaultLockDays + 3)));
        var clinician = await app.ApiAsync(Roles.Clinician);
        var future = await Json.ProblemAsync(await clinician.PutJsonAsync($"/api/sessions/{tomorrow.Id}/attendance", new { records = new[] { Line(world.Participants[0].Id, "present") } }, "\"0\""), 400);
        Assert.Contains("from the day of the session", (string?)future["errors"]!["records"]![0]);
        var locked = await Json.ProblemAsync(await clinician.PutJsonAsync($"/api/sessions/{old.Id}/attendance", new { records = new[] { Line(world.Participants[0].Id, "present") } }, "\"0\""), 400);
        Assert.Contains("only be changed by a program director", (string?)locked["errors"]!["records"]![0]);
        var director = await app.ApiAsync(Roles.ProgramDirector);
        var ok = await director.PutJsonAsync($"/api/sessions/{old.Id}/attendance", new { records = new[] { Line(world.Participants[0].Id, "present") }, reason = "Paper sign-in sheet found" }, "\"0\"");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.True((bool)(await Json.ReadAsync(ok))["roster"]!["locked"]!);
    }

    [Fact]
    public async Task Two_absences_in_a_row_raise_an_engagement_alert_for_the_case_manager_and_program_directors()
    {
        var world = await SchedulingWorld.CreateAsync(app, participants: 1);
        var first = await world.SessionOnAsync(app, world.Today.AddDays(-2));
        var second = await world.SessionOnAsync(app, world.Today.AddDays(-1));
        var api = await app.ApiAsync(Roles.Clinician);
        var p = world.Participants[0].Id;
        var r1 = await Json.ReadAsync(await api.PutJsonAsync($"/api/sessions/{first.Id}/attendance", new { records = new[] { Line(p, "absent_unexcused") } }, "\"0\""));
        Assert.Equal(0, (int)r1["engagementAlertsRaised"]!);
        var r2 = await Json.ReadAsync(await api.PutJsonAsync($"/api/sessions/{second.Id}/attendance", new { records = new[] { Line(p, "absent_excused") } }, "\"0\""));
        Assert.Equal(1, (int)r2["engagementAlertsRaised"]!);
        await using var s = app.Db();
        var alert = await s.Context.Tasks.SingleAsync(t => t.ParticipantId == p && t.Kind == CareTaskKinds.EngagementOutreach);
        Assert.Equal(world.CaseManagerId, alert.AssignedToStaffId);
        Assert.Contains("Missed the last 2 sessions in a row.", alert.Detail);
        var director = world.Template.Facilitators[0].StaffMemberId;
        Assert.True(await s.Context.Notifications.AnyAsync(n => n.RecipientStaffId == director && n.ParticipantId == p && n.IsUrgent));
        // Only one alert while one is open.
        var third = await world.SessionOnAsync(app, world.Today);
        var r3 = await Json.ReadAsync(await api.PutJsonAsync($"/api/sessions/{third.Id}/attendance", new { records = new[] { Line(p, "absent_unexcused") } }, "\"0\""));
        Assert.Equal(0, (int)r3["engagementAlertsRaised"]!);
    }

    [Fact]
    public async Task Roles_and_care_team_scope_apply_to_every_session_endpoint()
    {
        var world = await SchedulingWorld.CreateAsync(app, program: Demo.SubstanceUse);
        var session = await world.SessionOnAsync(app, world.Today);
        // The demo clinician works in Adult Mental Health only: a Substance Use session is not there for them.
        var clinician = await app.ApiAsync(Roles.Clinician);
        await Json.ProblemAsync(await clinician.GetAsync($"/api/sessions/{session.Id}"), 404);
        await Json.ProblemAsync(await clinician.GetAsync($"/api/sessions/{session.Id}/attendance"), 404);
        await Json.ProblemAsync(await clinician.PutJsonAsync($"/api/sessions/{session.Id}/attendance", new { records = new[] { Line(world.Participants[0].Id, "present") } }, "\"0\""), 404);
        Assert.DoesNotContain((await Json.ReadAsync(await clinician.GetAsync($"/api/sessions?from={world.Today:yyyy-MM-dd}&to={world.Today:yyyy-MM-dd}"))).AsArray(),
            s => (Guid)s!["id"]! == session.Id);
        var intake = await app.ApiAsync(Roles.IntakeCoordinator);
        Assert.Equal(HttpStatusCode.Forbidden, (await intake.PutJsonAsync($"/api/sessions/{session.Id}/attendance", new { records = Array.Empty<object>() }, "\"0\"")).StatusCode);
        var participant = await app.ApiAsync(Roles.Participant);
        Assert.Equal(HttpStatusCode.Forbidden, (await participant.GetAsync("/api/sessions")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await clinician.PostAsync($"/api/tracks/{world.Track.Id}/sessions/generate", null)).StatusCode);
        var director = await app.ApiAsync(Roles.ProgramDirector);
        Assert.Equal(HttpStatusCode.OK, (await director.GetAsync($"/api/sessions/{session.Id}/attendance")).StatusCode);
        var range = await Json.ProblemAsync(await director.GetAsync("/api/sessions?from=2026-01-01&to=2026-12-31"), 400);
        Assert.NotNull(range["errors"]!["to"]);
        var generated = await Json.ReadAsync(await director.PostAsync($"/api/tracks/{world.Track.Id}/sessions/generate", null));
        Assert.True((int)generated["sessionsCreated"]! > 0);
        Assert.Equal(0, (int)(await Json.ReadAsync(await director.PostAsync($"/api/tracks/{world.Track.Id}/sessions/generate", null)))["sessionsCreated"]!);
    }
}
