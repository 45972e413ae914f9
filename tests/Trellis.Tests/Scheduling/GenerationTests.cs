using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Trellis.Tests.Support;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Scheduling;

namespace Trellis.Tests.Scheduling;

/// <summary>Sessions from track templates on a real database: idempotent generation, daylight saving, closures, one-off changes.</summary>
public class GenerationTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    [Fact]
    public async Task Generation_makes_each_session_once_even_when_two_app_nodes_run_it_at_the_same_time()
    {
        var world = await SchedulingWorld.CreateAsync(app);
        var from = world.Today.AddDays(30);
        await using (var a = app.Db())
        await using (var b = app.Db())
        {
            // Two contexts, as two nodes would have: the unique key keeps one session per template item per day.
            await Task.WhenAll(SessionGeneration.GenerateAsync(a.Context, from, world.Track.Id, from.AddDays(6)),
                SessionGeneration.GenerateAsync(b.Context, from, world.Track.Id, from.AddDays(6)));
        }
        await using (var c = app.Db())
            Assert.Equal(0, await SessionGeneration.GenerateAsync(c.Context, from, world.Track.Id, from.AddDays(6)));
        var sessions = await world.GenerateAsync(app, from, from.AddDays(6));
        Assert.Equal(7, sessions.Count);
        Assert.All(sessions.Values, s =>
        {
            Assert.Equal("Test process group", s.Title);
            Assert.Equal(world.RoomId, s.RoomId);
            Assert.Equal(10, s.Capacity);
            Assert.Single(s.Facilitators);
            Assert.Equal(world.Template.Id, s.TemplateId);
        });
    }

    [Theory]
    [InlineData(2027, 3, 8, 14, 13)]   // clocks go forward on Sunday March 14, 2027 (Pacific: UTC-8 to UTC-7)
    [InlineData(2027, 11, 1, 13, 14)]  // and back on Sunday November 7, 2027 (UTC-7 to UTC-8)
    public async Task Generation_across_a_daylight_saving_change_keeps_the_wall_clock_time(int year, int month, int day, int utcHourBefore, int utcHourAfter)
    {
        var world = await SchedulingWorld.CreateAsync(app, participants: 0);
        var from = new DateOnly(year, month, day);
        var sessions = await world.GenerateAsync(app, from, from.AddDays(13));
        Assert.Equal(14, sessions.Count);
        Assert.All(sessions.Values, s => Assert.Equal(new TimeOnly(6, 0), ProgramClock.LocalTime(s.StartsAt, world.Zone)));
        Assert.All(sessions.Values, s => Assert.Equal(TimeSpan.FromHours(1), s.EndsAt - s.StartsAt));
        Assert.Equal(utcHourBefore, sessions[from].StartsAt.UtcDateTime.Hour);
        Assert.Equal(utcHourAfter, sessions[from.AddDays(13)].StartsAt.UtcDateTime.Hour);
    }

    [Fact]
    public async Task A_closure_cancels_the_days_sessions_tells_everyone_enrolled_and_can_be_called_off()
    {
        var world = await SchedulingWorld.CreateAsync(app);
        var day = world.Today.AddDays(41);
        await world.GenerateAsync(app, day.AddDays(-1), day.AddDays(1));
        var director = await app.ApiAsync(Roles.ProgramDirector);

        var response = await director.PostAsJsonAsync("/api/closures", new { programId = world.ProgramId, startsOn = day, endsOn = day, reason = "Snow day" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await Json.ReadAsync(response);
        Assert.True((int)body["participantsNotified"]! >= 3);
        var closureId = (Guid)body["closure"]!["id"]!;

        await using (var s = app.Db())
        {
            var sessions = await s.Context.GroupSessions.Where(x => x.TrackId == world.Track.Id).ToDictionaryAsync(x => x.LocalDate);
            Assert.Equal(SessionStatus.Cancelled, sessions[day].Status);
            Assert.Equal("Snow day", sessions[day].CancellationReason);
            Assert.Equal(SessionStatus.Scheduled, sessions[day.AddDays(-1)].Status);
            Assert.Equal(SessionStatus.Scheduled, sessions[day.AddDays(1)].Status);
            var ids = world.Participants.Select(p => p.Id).ToList();
            var notices = await s.Context.Set<ScheduleNotice>().Where(n => ids.Contains(n.ParticipantId) && n.ClosureId == closureId).ToListAsync();
            Assert.Equal(3, notices.Count);
            Assert.All(notices, n => Assert.Contains("Snow day", n.Body));
            var directorId = world.Template.Facilitators[0].StaffMemberId;
            Assert.True(await s.Context.Notifications.AnyAsync(n => n.RecipientStaffId == directorId && n.Kind == "closure" && n.Title.Contains("Snow day")));
        }

        // Days not yet generated are made already cancelled.
        var later = world.Today.AddDays(45);
        Assert.Equal(HttpStatusCode.Created, (await director.PostAsJsonAsync("/api/closures", new { programId = world.ProgramId, startsOn = later, endsOn = later, reason = "Holiday" })).StatusCode);
        var made = await world.GenerateAsync(app, later, later);
        Assert.Equal(SessionStatus.Cancelled, made[later].Status);
        Assert.Equal("Holiday", made[later].CancellationReason);

        var reopened = await director.PostAsync($"/api/closures/{closureId}/reopen", null);
        Assert.Equal(HttpStatusCode.OK, reopened.StatusCode);
        await using (var s = app.Db())
        {
            var again = await s.Context.GroupSessions.SingleAsync(x => x.TrackId == world.Track.Id && x.LocalDate == day);
            Assert.Equal(SessionStatus.Scheduled, again.Status);
            Assert.Null(again.CancellationReason);
            Assert.Equal(3, await s.Context.Set<ScheduleNotice>().CountAsync(n => n.Title.StartsWith("Sessions are back on") && world.Participants.Select(p => p.Id).Contains(n.ParticipantId)));
        }
        await Json.ProblemAsync(await director.PostAsync($"/api/closures/{closureId}/reopen", null), 409);
    }

    [Fact]
    public async Task Closure_input_is_checked_and_a_clinic_wide_closure_is_for_administrators_only()
    {
        var director = await app.ApiAsync(Roles.ProgramDirector);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var programId = await Demo.ProgramIdAsync(app, Demo.MentalHealth);
        var inverted = await Json.ProblemAsync(await director.PostAsJsonAsync("/api/closures", new { programId, startsOn = today.AddDays(5), endsOn = today.AddDays(4), reason = "x" }), 400);
        Assert.Contains("before the first", (string?)inverted["errors"]!["endsOn"]![0]);
        var wide = await Json.ProblemAsync(await director.PostAsJsonAsync("/api/closures", new { startsOn = today.AddDays(5), endsOn = today.AddDays(5), reason = "x" }), 400);
        Assert.Contains("only an administrator", (string?)wide["errors"]!["programId"]![0]);
        var noReason = await Json.ProblemAsync(await director.PostAsJsonAsync("/api/closures", new { programId, startsOn = today.AddDays(5), endsOn = today.AddDays(5) }), 400);
        Assert.NotNull(noReason["errors"]!["reason"]);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ApiAsync(Roles.Clinician)).PostAsJsonAsync("/api/closures", new { programId, startsOn = today, endsOn = today, reason = "x" })).StatusCode);
    }

    [Fact]
    public async Task A_one_off_change_survives_template_edits_and_regeneration_and_a_moved_session_is_not_made_again()
    {
        var world = await SchedulingWorld.CreateAsync(app);
        var day = world.Today.AddDays(20);
        var sessions = await world.GenerateAsync(app, day, day.AddDays(2));
        var director = await app.ApiAsync(Roles.ProgramDirector);

        var changed = sessions[day.AddDays(1)];
        var get = await director.GetAsync($"/api/sessions/{changed.Id}");
        var etag = get.Headers.ETag!.ToString();
        var put = await director.PutJsonAsync($"/api/sessions/{changed.Id}", new
        {
            title = "Test process group (guest speaker)", date = day.AddDays(1), startTime = "07:00", endTime = "08:00", roomId = world.RoomId, capacity = 8,
            facilitatorIds = changed.Facilitators.Select(f => f.StaffMemberId),
        }, etag);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.True((bool)(await Json.ReadAsync(put))["session"]!["isOneOffChange"]!);

        // Move the third day's session to the day after.
        var moved = sessions[day.AddDays(2)];
        var etag2 = (await director.GetAsync($"/api/sessions/{moved.Id}")).Headers.ETag!.ToString();
        Assert.Equal(HttpStatusCode.OK, (await director.PutJsonAsync($"/api/sessions/{moved.Id}", new
        {
            title = "Test process group", date = day.AddDays(3), startTime = "09:30", endTime = "10:30", roomId = world.RoomId, capacity = 10,
            facilitatorIds = moved.Facilitators.Select(f => f.StaffMemberId),
        }, etag2)).StatusCode);

        await using (var s = app.Db())
        {
            var template = await s.Context.Set<SessionTemplate>().Include(t => t.Facilitators).SingleAsync(t => t.Id == world.Template.Id);
            template.Title = "Renamed process group";
            template.StartTime = new TimeOnly(6, 30);
            template.EndTime = new TimeOnly(7, 20);
            await s.Context.SaveChangesAsync();
            await SessionGeneration.ApplyTemplateAsync(s.Context, template);
            await SessionGeneration.GenerateAsync(s.Context, day, world.Track.Id, day.AddDays(3));
        }
        await using (var s = app.Db())
        {
            var all = await s.Context.GroupSessions.Where(x => x.TrackId == world.Track.Id && x.TemplateDate >= day && x.TemplateDate <= day.AddDays(3)).ToListAsync();
            Assert.Equal(4, all.Count); // day, day+1 (changed), day+2 (moved to day+3), day+3
            var first = all.Single(x => x.TemplateDate == day);
            Assert.Equal("Renamed process group", first.Title);
            Assert.Equal(new TimeOnly(6, 30), ProgramClock.LocalTime(first.StartsAt, world.Zone));
            var oneOff = all.Single(x => x.TemplateDate == day.AddDays(1));
            Assert.Equal("Test process group (guest speaker)", oneOff.Title);
            Assert.Equal(new TimeOnly(7, 0), ProgramClock.LocalTime(oneOff.StartsAt, world.Zone));
            Assert.Equal(8, oneOff.Capacity);
            var movedNow = all.Single(x => x.TemplateDate == day.AddDays(2));
            Assert.Equal(day.AddDays(3), movedNow.LocalDate);
            Assert.Equal(new TimeOnly(9, 30), ProgramClock.LocalTime(movedNow.StartsAt, world.Zone));
        }
    }

    [Fact]
    public async Task A_bad_session_change_is_refused_with_the_field_named_and_nothing_changes()
    {
        var world = await SchedulingWorld.CreateAsync(app);
        var session = await world.SessionOnAsync(app, world.Today.AddDays(22));
        var director = await app.ApiAsync(Roles.ProgramDirector);
        var etag = (await director.GetAsync($"/api/sessions/{session.Id}")).Headers.ETag!.ToString();
        object Body(string start, string end, int capacity) => new
        {
            title = "Test process group", date = session.LocalDate, startTime = start, endTime = end, roomId = world.RoomId, capacity,
            facilitatorIds = session.Facilitators.Select(f => f.StaffMemberId),
        };
        var inverted = await Json.ProblemAsync(await director.PutJsonAsync($"/api/sessions/{session.Id}", Body("08:00", "07:00", 10), etag), 400);
        Assert.Contains("not after it starts at 8:00", (string?)inverted["errors"]!["endTime"]![0]);
        var small = await Json.ProblemAsync(await director.PutJsonAsync($"/api/sessions/{session.Id}", Body("06:00", "07:00", 2), etag), 400);
        Assert.Contains("3 participants are on this session's roster", (string?)small["errors"]!["capacity"]![0]);
        await Json.ProblemAsync(await director.PutJsonAsync($"/api/sessions/{session.Id}", Body("06:00", "07:00", 10), "\"999\""), 412);
        await Json.ProblemAsync(await director.PutJsonAsync($"/api/sessions/{session.Id}", Body("06:00", "07:00", 10), null), 428);
        var bad = await director.PutAsync($"/api/sessions/{session.Id}", new StringContent("{\"capacity\": \"lots\"", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(400, (int)bad.StatusCode);
        await using var s = app.Db();
        var unchanged = await s.Context.GroupSessions.SingleAsync(x => x.Id == session.Id);
        Assert.Equal(session.Version, unchanged.Version);
        Assert.False(unchanged.IsOneOffChange);
    }
}
