using System.Net;
using Microsoft.EntityFrameworkCore;
using Trellis.Tests.Support;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Scheduling;

namespace Trellis.Tests.Scheduling;

/// <summary>Booking, closing and the hours list through their pages.</summary>
public class SchedulingFormsTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    [Fact]
    public async Task Booking_on_the_page_keeps_the_form_and_names_the_clash_then_books()
    {
        var world = await SchedulingWorld.CreateAsync(app, participants: 1);
        var day = world.Today.AddDays(6);
        await world.GenerateAsync(app, day, day);
        using var pages = await app.PagesAsync(Roles.Clinician);
        var url = $"/appointments/new?participant={world.Participants[0].Id}";
        Dictionary<string, string?> Form(string start, string end) => new()
        {
            ["Input.StaffMemberId"] = world.ClinicianId.ToString(), ["Input.Date"] = day.ToString("yyyy-MM-dd"), ["Input.StartTime"] = start, ["Input.EndTime"] = end,
            ["Input.RoomId"] = world.RoomId.ToString(), ["Input.Notes"] = "Talk about the new shift pattern",
        };
        var (response, doc) = await pages.SubmitAsync(url, "appointment", Form("07:30", "07:00"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("not after it starts at 7:30", doc.QuerySelector(".validation-message")?.TextContent);
        Assert.Equal("Talk about the new shift pattern", doc.QuerySelector("#notes")?.TextContent);

        (response, doc) = await pages.SubmitAsync(url, "appointment", Form("06:30", "07:20"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("is in Test process group", doc.QuerySelector(".alert-error")?.TextContent);
        Assert.Contains("is already booked for Test process group", doc.QuerySelector(".alert-error")?.TextContent);

        (response, _) = await pages.SubmitAsync(url, "appointment", Form("07:00", "07:50"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var s = app.Db();
        var booked = await s.Context.Appointments.SingleAsync(a => a.ParticipantId == world.Participants[0].Id);
        Assert.Equal(new TimeOnly(7, 0), ProgramClock.LocalTime(booked.StartsAt, world.Zone));
        Assert.Equal("Talk about the new shift pattern", booked.Notes);
    }

    [Fact]
    public async Task Closing_a_program_on_the_page_cancels_its_sessions_and_reports_who_was_told()
    {
        var world = await SchedulingWorld.CreateAsync(app);
        var day = world.Today.AddDays(33);
        await world.GenerateAsync(app, day, day);
        using var pages = await app.PagesAsync(Roles.ProgramDirector);
        var (response, doc) = await pages.SubmitAsync("/schedule/closures", "closure", new Dictionary<string, string?>
        {
            ["Input.ProgramId"] = world.ProgramId.ToString(), ["Input.StartsOn"] = day.ToString("yyyy-MM-dd"), ["Input.EndsOn"] = day.AddDays(-1).ToString("yyyy-MM-dd"), ["Input.Reason"] = "Boiler repair",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("is before the first", doc.QuerySelector(".field-error")?.TextContent);
        Assert.Equal("Boiler repair", doc.QuerySelector("#reason")?.GetAttribute("value"));
        (response, _) = await pages.SubmitAsync("/schedule/closures", "closure", new Dictionary<string, string?>
        {
            ["Input.ProgramId"] = world.ProgramId.ToString(), ["Input.StartsOn"] = day.ToString("yyyy-MM-dd"), ["Input.EndsOn"] = day.ToString("yyyy-MM-dd"), ["Input.Reason"] = "Boiler repair",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var (_, after) = await pages.GetAsync(response.Headers.Location!.ToString());
        Assert.Contains("participant(s) told", after.QuerySelector(".alert-ok")?.TextContent);
        await using var s = app.Db();
        Assert.Equal(SessionStatus.Cancelled, (await s.Context.GroupSessions.SingleAsync(x => x.TrackId == world.Track.Id && x.LocalDate == day)).Status);
    }

    [Fact]
    public async Task A_finished_week_below_the_minimum_is_flagged_in_the_program_list_and_the_chart()
    {
        var world = await SchedulingWorld.CreateAsync(app, participants: 2);
        var lastWeek = ProgramClock.WeekStart(world.Today).AddDays(-7);
        var sessions = await world.GenerateAsync(app, lastWeek, lastWeek.AddDays(6));
        await using (var s = app.Db())
        {
            // The first came to all seven groups (7 h, below 9); the second also had two 60-minute family sessions (9 h).
            foreach (var session in sessions.Values)
                foreach (var p in world.Participants)
                    s.Context.Attendance.Add(new AttendanceRecord { ParticipantId = p.Id, GroupSessionId = session.Id, Status = AttendanceStatus.Present, MinutesAttended = 60 });
            foreach (var d in new[] { 1, 3 })
            {
                var start = ProgramClock.ToInstant(lastWeek.AddDays(d), new TimeOnly(20, 0), world.Zone);
                var a = new Appointment { ParticipantId = world.Participants[1].Id, StaffMemberId = world.ClinicianId, ServiceType = ServiceType.FamilyTherapy, LocalDate = lastWeek.AddDays(d), StartsAt = start, EndsAt = start.AddHours(1), RoomId = world.RoomId };
                s.Context.Appointments.Add(a);
                s.Context.Attendance.Add(new AttendanceRecord { ParticipantId = a.ParticipantId, AppointmentId = a.Id, Status = AttendanceStatus.Present, MinutesAttended = 60 });
            }
            await s.Context.SaveChangesAsync();
        }
        using var pages = await app.PagesAsync(Roles.Clinician);
        var (_, list) = await pages.GetAsync($"/schedule/hours?program={world.ProgramId}&date={lastWeek:yyyy-MM-dd}");
        var rows = list.QuerySelectorAll("tbody tr").ToList();
        var low = rows.Single(r => r.TextContent.Contains(world.Participants[0].LegalLastName));
        var met = rows.Single(r => r.TextContent.Contains(world.Participants[1].LegalLastName));
        Assert.Contains("below", low.ClassName ?? "");
        Assert.Contains("7 h", low.TextContent);
        Assert.Contains("meets minimum", met.TextContent);
        Assert.Contains("9 h", met.TextContent);

        var (_, chart) = await pages.GetAsync($"/participants/{world.Participants[0].Id}/schedule");
        Assert.Contains("Below minimum hours last week: 7 h of 9 h", chart.QuerySelector(".flags")?.TextContent);
        var (_, other) = await pages.GetAsync($"/participants/{world.Participants[1].Id}");
        Assert.DoesNotContain("Below minimum", other.QuerySelector(".flags")?.TextContent ?? "");
    }

    [Fact]
    public async Task Someone_on_hold_is_not_held_to_the_minimum_and_the_home_card_agrees_with_the_program_list()
    {
        var world = await SchedulingWorld.CreateAsync(app, participants: 2);
        var lastWeek = ProgramClock.WeekStart(world.Today).AddDays(-7);
        await world.GenerateAsync(app, lastWeek, lastWeek.AddDays(6));
        await using (var s = app.Db())
        {
            // Neither came last week; the second's treatment is paused.
            var paused = await s.Context.Participants.SingleAsync(p => p.Id == world.Participants[1].Id);
            paused.Status = Trellis.Web.Features.Participants.ParticipantStatus.OnHold;
            await s.Context.SaveChangesAsync();
        }
        using var pages = await app.PagesAsync(Roles.CaseManager);
        var (_, list) = await pages.GetAsync($"/schedule/hours?program={world.ProgramId}&date={lastWeek:yyyy-MM-dd}");
        var rows = list.QuerySelectorAll("tbody tr").ToList();
        var absent = rows.Single(r => r.TextContent.Contains(world.Participants[0].LegalLastName));
        var onHold = rows.Single(r => r.TextContent.Contains(world.Participants[1].LegalLastName));
        Assert.Contains("below minimum", absent.TextContent);
        Assert.Contains("on hold", onHold.TextContent);
        Assert.DoesNotContain("below", onHold.ClassName ?? "");

        // The home card counts last week the same way as the list.
        var status = list.QuerySelector("[role=status]")!.TextContent;
        var below = int.Parse(list.QuerySelector("[role=status] strong")!.TextContent);
        var total = int.Parse(System.Text.RegularExpressions.Regex.Match(status, @"of (\d+) participants").Groups[1].Value);
        var (_, home) = await pages.GetAsync("/");
        var card = home.QuerySelector("#w-hours")!.ParentElement!.TextContent;
        Assert.Contains($"{below} of {total} below 9 h", card);
        Assert.NotNull(home.QuerySelector($"#w-hours ~ p a[href='/schedule/hours?program={world.ProgramId}&date={lastWeek:yyyy-MM-dd}']"));
    }

    [Fact]
    public async Task A_template_group_whose_facilitator_or_room_already_has_another_tracks_group_is_refused_naming_it()
    {
        var first = await SchedulingWorld.CreateAsync(app, participants: 0);
        var second = await SchedulingWorld.CreateAsync(app, participants: 0, minutes: 180);
        await using (var s = app.Db())
        {
            var t = await s.Context.Set<SessionTemplate>().SingleAsync(x => x.Id == second.Template.Id);
            t.StartTime = new TimeOnly(8, 0);
            t.EndTime = new TimeOnly(9, 0);
            await s.Context.SaveChangesAsync();
        }
        var director = first.Template.Facilitators[0].StaffMemberId;
        using var pages = await app.PagesAsync(Roles.ProgramDirector);
        var (response, doc) = await pages.SubmitAsync($"/schedule/tracks/{second.Track.Id}/templates/new", "template", new Dictionary<string, string?>
        {
            ["Input.Title"] = "Skills group", ["Input.StartTime"] = "06:30", ["Input.EndTime"] = "07:20", ["Input.FacilitatorIds"] = director.ToString(),
            ["Input.RoomId"] = first.RoomId.ToString(),
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = doc.Body!.TextContent;
        Assert.Contains($"already leads Test process group ({first.Track.Name} track", text);
        Assert.Contains($"is already used by Test process group ({first.Track.Name} track", text);
        await using var check = app.Db();
        Assert.False(await check.Context.Set<SessionTemplate>().AnyAsync(x => x.TrackId == second.Track.Id && x.Title == "Skills group"));
    }
}
