using System.Net;
using System.Net.Http.Json;
using Ical.Net;
using Microsoft.EntityFrameworkCore;
using Trellis.Tests.Support;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Participants;
using Trellis.Web.Features.Scheduling;

namespace Trellis.Tests.Scheduling;

/// <summary>A participant's schedule, weekly hours and calendar feed through the API, on a real database.</summary>
public class ScheduleApiTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    [Fact]
    public async Task Weekly_hours_match_the_sums_worked_out_by_hand()
    {
        var world = await SchedulingWorld.CreateAsync(app);
        var week = ProgramClock.WeekStart(world.Today).AddDays(-14);
        var sessions = await world.GenerateAsync(app, week, week.AddDays(6));
        Assert.Equal(7, sessions.Count);
        var (a, b, c) = (world.Participants[0].Id, world.Participants[1].Id, world.Participants[2].Id);
        await using (var s = app.Db())
        {
            foreach (var (day, session) in sessions.OrderBy(x => x.Key).Select((x, i) => (i, x.Value)))
            {
                // a: all seven hours. b: late 30 on day 2, absent on day 5. c: only three days, then cancelled days.
                Add(s.Context, a, session.Id, AttendanceStatus.Present, null);
                Add(s.Context, b, session.Id, day == 5 ? AttendanceStatus.AbsentUnexcused : day == 2 ? AttendanceStatus.Late : AttendanceStatus.Present, day == 2 ? 30 : null);
                if (day < 3) Add(s.Context, c, session.Id, AttendanceStatus.Present, null);
            }
            // Days 4-6 were cancelled for everyone (after a and b were marked: only their attended minutes count, planned drops).
            foreach (var session in sessions.OrderBy(x => x.Key).Skip(3).Select(x => x.Value))
                (await s.Context.GroupSessions.SingleAsync(x => x.Id == session.Id)).Status = SessionStatus.Cancelled;
            // a also had a 50-minute individual session and a 30-minute medication check (which does not count).
            foreach (var (type, minutes) in new[] { (ServiceType.IndividualTherapy, 50), (ServiceType.MedicationManagement, 30) })
            {
                var start = ProgramClock.ToInstant(week.AddDays(1), new TimeOnly(15, 0), world.Zone);
                var appt = new Appointment { ParticipantId = a, StaffMemberId = world.ClinicianId, ServiceType = type, LocalDate = week.AddDays(1), StartsAt = start, EndsAt = start.AddMinutes(minutes), RoomId = world.RoomId };
                s.Context.Appointments.Add(appt);
                s.Context.Attendance.Add(new AttendanceRecord { ParticipantId = a, AppointmentId = appt.Id, Status = AttendanceStatus.Present, MinutesAttended = minutes });
            }
            await s.Context.SaveChangesAsync();
        }
        var api = await app.ApiAsync(Roles.Clinician);
        async Task<System.Text.Json.Nodes.JsonNode> WeekOf(Guid id)
        {
            var list = (await Json.ReadAsync(await api.GetAsync($"/api/participants/{id}/weekly-hours?from={week:yyyy-MM-dd}&to={week.AddDays(6):yyyy-MM-dd}"))).AsArray();
            return Assert.Single(list)!;
        }
        var wa = await WeekOf(a);
        Assert.Equal(week.ToString("yyyy-MM-dd"), (string?)wa["weekStart"]);
        Assert.Equal(3.83m, (decimal)wa["plannedHours"]!);   // 3 scheduled hours + 50 min = 230 min
        Assert.Equal(7.83m, (decimal)wa["attendedHours"]!);  // 7 hours attended + 50 min = 470 min
        Assert.Equal(9m, (decimal)wa["minimumHours"]!);
        Assert.True((bool)wa["belowMinimum"]!);
        var wb = await WeekOf(b);
        Assert.Equal(3m, (decimal)wb["plannedHours"]!);
        Assert.Equal(5.5m, (decimal)wb["attendedHours"]!);   // 5 x 60 + 30 = 330 min
        var wc = await WeekOf(c);
        Assert.Equal(3m, (decimal)wc["attendedHours"]!);
        Assert.True((bool)wc["belowMinimum"]!);
        var inverted = await Json.ProblemAsync(await api.GetAsync($"/api/participants/{a}/weekly-hours?from=2026-05-10&to=2026-05-01"), 400);
        Assert.NotNull(inverted["errors"]!["to"]);
        await using (var s = app.Db())
            Assert.True(await s.Context.AuditEntries.AnyAsync(e => e.RecordType == "WeeklyHours" && e.ParticipantId == a));
    }

    private static void Add(Trellis.Web.Data.TrellisDbContext db, Guid participant, Guid session, AttendanceStatus status, int? late) =>
        db.Attendance.Add(new AttendanceRecord
        {
            ParticipantId = participant, GroupSessionId = session, Status = status, MinutesLate = late,
            MinutesAttended = AttendanceRules.MinutesAttended(status, 60, late, null),
        });

    [Fact]
    public async Task A_participant_sees_their_own_schedule_and_no_one_elses()
    {
        var participantApi = await app.ApiAsync(Roles.Participant);
        Guid self;
        await using (var s = app.Db())
            self = await s.Context.Participants.Where(p => p.Email == Trellis.Web.Features.Demo.DemoSeeder.EmailFor(Roles.Participant)).Select(p => p.Id).SingleAsync();
        var mine = await participantApi.GetAsync($"/api/participants/{self}/schedule");
        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        var items = (await Json.ReadAsync(mine)).AsArray();
        Assert.NotEmpty(items);
        Assert.Contains(items, i => (string?)i!["kind"] == "group_session");
        var other = await Demo.ParticipantInAsync(app, Demo.MentalHealth, ParticipantStatus.Active);
        if (other.Id == self) other = await Demo.ParticipantInAsync(app, Demo.SubstanceUse, ParticipantStatus.Active);
        await Json.ProblemAsync(await participantApi.GetAsync($"/api/participants/{other.Id}/schedule"), 404);
        await Json.ProblemAsync(await participantApi.GetAsync($"/api/participants/{other.Id}/weekly-hours"), 404);
        Assert.Equal(HttpStatusCode.Forbidden, (await participantApi.GetAsync($"/api/staff/{Guid.NewGuid()}/schedule")).StatusCode);
    }

    [Fact]
    public async Task The_calendar_feed_is_iCalendar_that_Ical_Net_reads_with_no_clinical_detail_and_a_replaced_or_revoked_link_stops_working()
    {
        var world = await SchedulingWorld.CreateAsync(app);
        await world.GenerateAsync(app, world.Today.AddDays(-3), world.Today.AddDays(10));
        var p = world.Participants[0].Id;
        var api = await app.ApiAsync(Roles.Clinician);
        var issued = await api.PostAsJsonAsync($"/api/participants/{p}/calendar-feed", new { });
        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        var url = new Uri((string)(await Json.ReadAsync(issued))["url"]!);
        Assert.EndsWith(".ics", url.AbsolutePath);

        var anonymous = app.Anonymous();
        var feed = await anonymous.GetAsync(url.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
        Assert.Equal("text/calendar", feed.Content.Headers.ContentType?.MediaType);
        var text = await feed.Content.ReadAsStringAsync();
        var calendar = Calendar.Load(text)!;
        Assert.Equal(14, calendar.Events.Count);
        Assert.All(calendar.Events, e => Assert.Equal("Trellis session", e.Summary));
        Assert.DoesNotContain("process group", text, StringComparison.OrdinalIgnoreCase);
        var first = calendar.Events.OrderBy(e => e.Start!.AsUtc).First();
        Assert.Equal(new TimeOnly(6, 0), ProgramClock.LocalTime(new DateTimeOffset(first.Start!.AsUtc, TimeSpan.Zero), world.Zone));

        // A new link replaces the old one, which now answers with a clear sentence.
        var replaced = new Uri((string)(await Json.ReadAsync(await api.PostAsJsonAsync($"/api/participants/{p}/calendar-feed", new { includeDetails = true })))["url"]!);
        var gone = await anonymous.GetAsync(url.PathAndQuery);
        Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
        Assert.Contains("turned off and replaced", await gone.Content.ReadAsStringAsync());
        var detailed = Calendar.Load(await anonymous.GetStringAsync(replaced.PathAndQuery))!;
        Assert.Contains(detailed.Events, e => e.Summary == "Test process group");

        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/participants/{p}/calendar-feed")).StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await anonymous.GetAsync(replaced.PathAndQuery)).StatusCode);
        await Json.ProblemAsync(await api.DeleteAsync($"/api/participants/{p}/calendar-feed"), 404);
        var unknown = await anonymous.GetAsync("/calendar/" + new string('x', 43) + ".ics");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("not valid", await unknown.Content.ReadAsStringAsync());

        await using var s = app.Db();
        var reads = await s.Context.AuditEntries.Where(e => e.RecordType == nameof(CalendarFeed) && e.Action == "Read").ToListAsync();
        Assert.Contains(reads, e => e.ParticipantId == p && e.Outcome == "Success");
        Assert.Contains(reads, e => e.ParticipantId == p && e.Outcome == "Failure: revoked token");
        Assert.Contains(reads, e => e.Outcome == "Failure: unknown token");
    }

    [Fact]
    public async Task A_staff_feed_is_for_its_owner_only_and_lists_what_they_facilitate()
    {
        var world = await SchedulingWorld.CreateAsync(app);
        await world.GenerateAsync(app, world.Today, world.Today.AddDays(2));
        var director = await app.ApiAsync(Roles.ProgramDirector);
        var directorId = world.Template.Facilitators[0].StaffMemberId;
        await Json.ProblemAsync(await (await app.ApiAsync(Roles.Clinician)).PostAsJsonAsync($"/api/staff/{directorId}/calendar-feed", new { }), 403);
        var url = new Uri((string)(await Json.ReadAsync(await director.PostAsJsonAsync($"/api/staff/{directorId}/calendar-feed", new { includeDetails = true })))["url"]!);
        var calendar = Calendar.Load(await app.Anonymous().GetStringAsync(url.PathAndQuery))!;
        Assert.True(calendar.Events.Count(e => e.Summary == "Test process group" && (e.Description ?? "").Contains(world.Track.Name)) == 3);
        var schedule = (await Json.ReadAsync(await director.GetAsync($"/api/staff/{directorId}/schedule?from={world.Today:yyyy-MM-dd}&to={world.Today.AddDays(2):yyyy-MM-dd}"))).AsArray();
        Assert.Equal(3, schedule.Count(i => (string?)i!["trackName"] == world.Track.Name));
    }

    [Fact]
    public async Task The_scheduling_endpoints_are_in_the_OpenAPI_document()
    {
        var doc = await Json.ReadAsync(await app.Anonymous().GetAsync("/openapi/v1.json"));
        var paths = doc["paths"]!.AsObject().Select(p => p.Key).ToList();
        foreach (var path in new[]
        {
            "/api/participants/{id}/schedule", "/api/participants/{id}/weekly-hours", "/api/participants/{id}/calendar-feed",
            "/api/staff/{id}/schedule", "/api/staff/{id}/calendar-feed", "/api/sessions", "/api/sessions/{id}", "/api/sessions/{id}/attendance",
            "/api/appointments", "/api/appointments/{id}", "/api/appointments/{id}/attendance", "/api/closures", "/api/tracks/{id}/sessions/generate",
        })
            Assert.Contains(path, paths);
    }
}
