using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Trellis.Tests.Support;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Scheduling;

namespace Trellis.Tests.Scheduling;

/// <summary>Issue 13's findings in the scheduling pages: times on the program's clock, the week in time order, tables that stack on a phone.</summary>
public class SchedulingFindingsTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    private static object Line(Guid participant, string status) => new { participantId = participant, status };

    [Fact]
    public async Task Times_shown_in_the_attendance_history_and_the_calendar_panel_are_on_the_programs_clock_not_UTC()
    {
        var world = await SchedulingWorld.CreateAsync(app, participants: 1);
        var session = await world.SessionOnAsync(app, world.Today);
        var p = world.Participants[0].Id;
        var api = await app.ApiAsync(Roles.Clinician);
        var first = await api.PutJsonAsync($"/api/sessions/{session.Id}/attendance", new { records = new[] { Line(p, "present") } }, "\"0\"");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.PutJsonAsync($"/api/sessions/{session.Id}/attendance",
            new { records = new[] { Line(p, "telehealth") }, reason = "Joined by video after all" }, first.Headers.ETag!.ToString())).StatusCode);
        var url = new Uri((string)(await Json.ReadAsync(await api.PostAsJsonAsync($"/api/participants/{p}/calendar-feed", new { })))["url"]!);
        Assert.Equal(HttpStatusCode.OK, (await app.Anonymous().GetAsync(url.PathAndQuery)).StatusCode);
        DateTimeOffset changed, read;
        await using (var s = app.Db())
        {
            changed = await s.Context.Set<AttendanceChange>().Where(c => c.ParticipantId == p).MaxAsync(c => c.ChangedAt);
            read = (await s.Context.Set<CalendarFeed>().SingleAsync(f => f.ParticipantId == p && f.RevokedAt == null)).LastUsedAt!.Value;
        }
        using var pages = await app.PagesAsync(Roles.Clinician);
        var (_, sessionPage) = await pages.GetAsync($"/sessions/{session.Id}");
        var history = sessionPage.QuerySelector("details.card table")!.TextContent;
        Assert.Contains(ProgramClock.Show(changed, "America/Los_Angeles", "MMM d, H:mm"), history);
        Assert.DoesNotContain("UTC", sessionPage.Body!.TextContent);
        var (_, chart) = await pages.GetAsync($"/participants/{p}/schedule");
        Assert.Contains($"last read {ProgramClock.Show(read, "America/Los_Angeles", "MMM d, H:mm")}", chart.QuerySelector("[aria-labelledby=feed-h]")!.TextContent);
        Assert.DoesNotContain("UTC", chart.Body!.TextContent);
    }

    [Fact]
    public void No_scheduling_page_prints_a_time_in_UTC()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "Trellis.slnx"))) root = root.Parent!;
        var folder = Path.Combine(root.FullName, "src", "Trellis.Web", "Features", "Scheduling");
        // A formatted time followed by "UTC" in markup: "{at:HH:mm} UTC", "...ToString("HH:mm") UTC".
        var found = Directory.EnumerateFiles(folder, "*.razor", SearchOption.AllDirectories)
            .Where(f => Regex.IsMatch(File.ReadAllText(f), @"[)}""]\s*UTC\b")).Select(Path.GetFileName).ToList();
        Assert.True(found.Count == 0, $"Show times with ProgramClock on the program's clock: {string.Join(", ", found)}");
    }

    [Fact]
    public async Task The_week_view_lists_each_days_groups_in_time_order_whatever_their_tracks_are_called()
    {
        var late = await SchedulingWorld.CreateAsync(app, participants: 0, name: "Aardvark late " + Guid.NewGuid().ToString("N")[..4], start: new TimeOnly(19, 30));
        var early = await SchedulingWorld.CreateAsync(app, participants: 0, name: "Zebra early " + Guid.NewGuid().ToString("N")[..4], start: new TimeOnly(6, 0));
        var day = late.Today.AddDays(2);
        await late.GenerateAsync(app, day, day);
        await early.GenerateAsync(app, day, day);
        using var pages = await app.PagesAsync(Roles.ProgramDirector);
        var (_, doc) = await pages.GetAsync($"/schedule/week?program={late.ProgramId}&date={day:yyyy-MM-dd}");
        var column = doc.QuerySelectorAll(".cal .day").Single(d => d.QuerySelector("h3")!.TextContent == day.ToString("ddd MMM d"));
        var lanes = column.QuerySelectorAll(".lane").Select(l => l.TextContent).ToList();
        Assert.True(lanes.IndexOf($"{early.Track.Name} track") < lanes.IndexOf($"{late.Track.Name} track"), string.Join(" | ", lanes));
        // Each lane starts no earlier than the one above it.
        var firsts = column.QuerySelectorAll(".lane").Select(l => TimeOnly.Parse(l.NextElementSibling!.TextContent.Split(' ')[0])).ToList();
        Assert.Equal(firsts.Order(), firsts);
    }

    [Fact]
    public async Task The_participant_schedule_and_hours_tables_are_marked_to_stack_on_a_phone_with_a_label_on_every_cell()
    {
        using var portal = await app.PagesAsync(Roles.Participant);
        var (_, mine) = await portal.GetAsync("/my/schedule");
        var tables = mine.QuerySelectorAll("table").ToList();
        Assert.Equal(2, tables.Count);
        Assert.All(tables, t => Assert.Contains("stack-on-phone", t.ClassName));
        Assert.All(tables.SelectMany(t => t.QuerySelectorAll("tbody td")), td => Assert.False(string.IsNullOrEmpty(td.GetAttribute("data-label"))));
        var world = await SchedulingWorld.CreateAsync(app, participants: 1);
        using var pages = await app.PagesAsync(Roles.CaseManager);
        var (_, list) = await pages.GetAsync($"/schedule/hours?program={world.ProgramId}");
        Assert.Contains("stack-on-phone", list.QuerySelector("table")!.ClassName);
    }

    [Fact]
    public async Task Appointment_attendance_is_taken_by_the_same_action_from_the_page_and_the_api_and_a_late_change_needs_a_reason()
    {
        var world = await SchedulingWorld.CreateAsync(app, participants: 2);
        Guid today, old;
        await using (var s = app.Db())
        {
            Appointment Add(Guid participant, DateOnly day)
            {
                var start = ProgramClock.ToInstant(day, new TimeOnly(5, 0), world.Zone);
                var a = new Appointment { ParticipantId = participant, StaffMemberId = world.ClinicianId, LocalDate = day, StartsAt = start, EndsAt = start.AddMinutes(50), RoomId = world.RoomId };
                s.Context.Appointments.Add(a);
                return a;
            }
            today = Add(world.Participants[0].Id, world.Today).Id;
            old = Add(world.Participants[1].Id, world.Today.AddDays(-(ScheduleSettings.DefaultLockDays + 2))).Id;
            await s.Context.SaveChangesAsync();
        }
        using var pages = await app.PagesAsync(Roles.Clinician);
        var (response, _) = await pages.SubmitAsync($"/appointments/{today}", "appointment-attendance", new Dictionary<string, string?>
        {
            ["Form.Lines[0].Status"] = "Late", ["Form.Lines[0].MinutesLate"] = "10",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var (_, after) = await pages.GetAsync(response.Headers.Location!.ToString());
        Assert.Contains("Attendance saved.", after.QuerySelector(".alert-ok")?.TextContent);
        var api = await app.ApiAsync(Roles.Clinician);
        var roster = await api.GetAsync($"/api/appointments/{today}/attendance");
        Assert.Equal(40, (int)(await Json.ReadAsync(roster))["records"]![0]!["minutesAttended"]!);
        await Json.ProblemAsync(await api.PutJsonAsync($"/api/appointments/{today}/attendance", new { records = new[] { Line(world.Participants[0].Id, "present") } }, "\"0\""), 412);

        // Past the lock: only a program director, and only with a reason (the page always asked; now the API does too).
        var director = await app.ApiAsync(Roles.ProgramDirector);
        var noReason = await Json.ProblemAsync(await director.PutJsonAsync($"/api/appointments/{old}/attendance", new { records = new[] { Line(world.Participants[1].Id, "present") } }, "\"0\""), 400);
        Assert.NotNull(noReason["errors"]!["reason"]);
        var ok = await director.PutJsonAsync($"/api/appointments/{old}/attendance", new { records = new[] { Line(world.Participants[1].Id, "present") }, reason = "Paper sign-in sheet found" }, "\"0\"");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        await using (var s = app.Db())
        {
            var record = await s.Context.Attendance.SingleAsync(a => a.AppointmentId == old);
            Assert.Equal("Paper sign-in sheet found", (await s.Context.Set<AttendanceChange>().SingleAsync(c => c.AttendanceRecordId == record.Id)).Reason);
        }
        // A body the framework used to check is checked by the action: a missing status is named.
        var missing = await Json.ProblemAsync(await director.PutJsonAsync($"/api/appointments/{old}/attendance", new { records = new object[] { new { participantId = world.Participants[1].Id } } }, ok.Headers.ETag!.ToString()), 400);
        Assert.NotNull(missing["errors"]!["records[0].status"]);
    }
}
