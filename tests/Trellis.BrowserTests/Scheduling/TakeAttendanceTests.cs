using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Trellis.BrowserTests.Support;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Demo;
using Trellis.Web.Features.Organization;
using Trellis.Web.Features.Participants;
using Trellis.Web.Features.Scheduling;
using Trellis.Web.Features.Tasks;

namespace Trellis.BrowserTests.Scheduling;

[Collection(BrowserCollection.Name)]
public class TakeAttendanceTests(BrowserApp browser)
{
    /// <summary>A group today run by the demo clinician, with three people on its roster, whatever day the tests run.</summary>
    private async Task<(Guid SessionId, string[] Names)> ArrangeAsync()
    {
        await using var s = browser.App.Db();
        var db = s.Context;
        var program = await db.Programs.SingleAsync(p => p.Name == "Adult Mental Health IOP");
        var clinician = await db.Staff.SingleAsync(x => x.Email == DemoSeeder.EmailFor(Roles.Clinician));
        var room = new Room { OrganizationId = program.OrganizationId, Name = "Sunroom " + Guid.NewGuid().ToString("N")[..6], Capacity = 12 };
        var track = new Track { ProgramId = program.Id, Name = "Early " + Guid.NewGuid().ToString("N")[..6], Weekdays = (Weekdays)127, StartTime = new(6, 0), EndTime = new(7, 0), Capacity = 8, DefaultRoomId = room.Id };
        var template = new SessionTemplate { TrackId = track.Id, Title = "Early process group", Weekdays = (Weekdays)127, StartTime = new(6, 0), EndTime = new(7, 0) };
        template.Facilitators.Add(new SessionTemplateFacilitator { SessionTemplateId = template.Id, StaffMemberId = clinician.Id });
        db.AddRange(room, track, template);
        var today = ProgramClock.LocalDate(DateTimeOffset.UtcNow, ProgramClock.Zone(program.TimeZoneId));
        string[] names = ["Alder", "Birch", "Cedar"];
        foreach (var last in names)
        {
            var p = new Participant
            {
                Mrn = "BT" + Random.Shared.Next(1000000, 9999999), LegalFirstName = "Robin", LegalLastName = last + "wood", DateOfBirth = new(1988, 5, 5),
                Status = ParticipantStatus.Active, ProgramId = program.Id, TrackId = track.Id, AdmittedOn = today.AddDays(-14), CaseManagerId = clinician.Id,
            };
            p.Enrollments.Add(new Enrollment { ParticipantId = p.Id, ProgramId = program.Id, TrackId = track.Id, StartedOn = today.AddDays(-14) });
            db.Participants.Add(p);
        }
        await db.SaveChangesAsync();
        await SessionGeneration.GenerateAsync(db, today, track.Id, today);
        var session = await db.GroupSessions.SingleAsync(x => x.TrackId == track.Id && x.LocalDate == today);
        return (session.Id, names.Select(n => $"Robin {n}wood").ToArray());
    }

    [Fact]
    public async Task A_clinician_takes_attendance_for_a_group_on_a_phone_with_one_tap_per_participant()
    {
        var (sessionId, names) = await ArrangeAsync();
        var page = await browser.SignedInAsync(Roles.Clinician, width: 390);
        await page.GotoAsync("/schedule/today");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Early process group", Exact = false })).ToBeVisibleAsync();
        await BrowserApp.ScreenshotAsync(page, "scheduling-today-phone");
        await page.Locator($"a.button[href='/sessions/{sessionId}']").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Early process group");

        var first = page.GetByRole(AriaRole.Group, new() { Name = names[0] });
        await first.GetByText("Present", new() { Exact = true }).ClickAsync();
        var second = page.GetByRole(AriaRole.Group, new() { Name = names[1] });
        await second.GetByText("Late", new() { Exact = true }).ClickAsync();
        await page.GetByLabel("Minutes late").Nth(1).FillAsync("12");
        var third = page.GetByRole(AriaRole.Group, new() { Name = names[2] });
        await third.GetByText("Absent, no notice").ClickAsync();
        await BrowserApp.ScreenshotAsync(page, "scheduling-attendance-phone");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save attendance" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Attendance saved" })).ToContainTextAsync("1 follow-up task");
        await Assertions.Expect(page.GetByText("48 of 60 min")).ToBeVisibleAsync();
        await BrowserApp.ScreenshotAsync(page, "scheduling-attendance-saved");
        var wide = await browser.SignedInAsync(Roles.ProgramDirector);
        await wide.GotoAsync("/schedule/week");
        await BrowserApp.ScreenshotAsync(wide, "scheduling-week");
        await wide.GotoAsync("/schedule/hours");
        await BrowserApp.ScreenshotAsync(wide, "scheduling-hours");

        await using var s = browser.App.Db();
        var records = await s.Context.Attendance.Where(a => a.GroupSessionId == sessionId).ToListAsync();
        Assert.Equal([AttendanceStatus.Present, AttendanceStatus.Late, AttendanceStatus.AbsentUnexcused], records.OrderBy(r => r.Status).Select(r => r.Status));
        var absent = records.Single(r => r.Status == AttendanceStatus.AbsentUnexcused);
        Assert.True(await s.Context.Tasks.AnyAsync(t => t.SourceId == absent.Id && t.Kind == CareTaskKinds.MissedSessionFollowUp));

        // The other views, for people to look at.
        await wide.GotoAsync("/participants/" + absent.ParticipantId + "/schedule");
        await BrowserApp.ScreenshotAsync(wide, "scheduling-chart-tab");
        var portal = await browser.SignedInAsync(Roles.Participant, width: 390);
        await Assertions.Expect(portal.GetByRole(AriaRole.Heading, new() { Name = "Your schedule" })).ToBeVisibleAsync();
        await BrowserApp.ScreenshotAsync(portal, "scheduling-portal-home");
        await portal.GotoAsync("/my/schedule");
        await BrowserApp.ScreenshotAsync(portal, "scheduling-portal-schedule");
    }
}
