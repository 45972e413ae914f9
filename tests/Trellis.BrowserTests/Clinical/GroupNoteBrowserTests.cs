using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Trellis.BrowserTests.Support;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Demo;
using Trellis.Web.Features.Notes;
using Trellis.Web.Features.Participants;
using Trellis.Web.Features.Scheduling;
using Trellis.Web.Features.TreatmentPlans;

namespace Trellis.BrowserTests.Clinical;

[Collection(BrowserCollection.Name)]
public class GroupNoteBrowserTests(BrowserApp browser)
{
    [Fact]
    public async Task A_clinician_writes_a_group_note_with_a_part_for_each_of_three_attendees_and_signs_it()
    {
        var (sessionId, people) = await ArrangeSessionAsync();
        var page = await browser.SignedInAsync(Roles.Clinician);

        await page.GotoAsync("/notes");
        await page.GetByRole(AriaRole.Link, new() { Name = "Coping ahead" }).First.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Group note: Coping ahead");
        await page.GetByLabel("Group summary").FillAsync("Taught the coping-ahead skill: picture a hard situation, plan the skill, rehearse it. Members practised in pairs.");
        var texts = new[]
        {
            ("described the family dinner on Sunday and planned to step outside if the argument starts", "rehearsed the plan twice and looked relieved", "first time naming the trigger out loud", "try it at Sunday dinner"),
            ("was quiet, then asked how to cope ahead for a job interview on Thursday", "wrote the plan on an index card to keep in a wallet", "interview prep ties to the goal of returning to work", "report back on Friday"),
            ("joined late by video and chose the bus ride home as the hard moment", "practised paced breathing with the group", "uses breathing most days now, up from never", "keep the breathing log this week"),
        };
        for (var i = 0; i < people.Count; i++)
        {
            var part = page.GetByRole(AriaRole.Group, new() { Name = people[i].Name, Exact = true });
            var (participation, response, progress, plan) = texts[i];
            await part.GetByLabel("Participation").FillAsync($"{people[i].First} {participation}.");
            await part.GetByLabel("Response").FillAsync($"{char.ToUpper(response[0])}{response[1..]}.");
            await part.GetByLabel("Progress toward their goals").FillAsync($"{char.ToUpper(progress[0])}{progress[1..]}.");
            await part.GetByLabel("Plan", new() { Exact = true }).FillAsync($"{char.ToUpper(plan[0])}{plan[1..]}.");
            await part.GetByRole(AriaRole.Checkbox).First.CheckAsync();
        }
        await BrowserApp.ScreenshotAsync(page, "clinical-group-note-draft");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign group note" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Signed and locked");
        await BrowserApp.ScreenshotAsync(page, "clinical-group-note-signed");

        await using var s = browser.App.Db();
        var note = await s.Context.Set<GroupNote>().Include(g => g.Parts).ThenInclude(p => p.Goals).SingleAsync(g => g.GroupSessionId == sessionId);
        Assert.Equal(NoteStatus.Locked, note.Status);
        Assert.Equal(3, note.Parts.Count);
        Assert.All(note.Parts, p => Assert.Equal(NoteStatus.Locked, p.Status));
        Assert.All(note.Parts, p => Assert.Single(p.Goals));
        Assert.Equal(3, note.Parts.Select(p => p.Section("participation")).Distinct().Count());
        Assert.All(people, person => Assert.Contains(note.Parts, p => p.ParticipantId == person.Id && p.Section("participation").StartsWith(person.First)));
    }

    private async Task<(Guid SessionId, List<(Guid Id, string Name, string First)> People)> ArrangeSessionAsync()
    {
        await using var s = browser.App.Db();
        var db = s.Context;
        var program = await db.Programs.SingleAsync(p => p.Name == "Adult Mental Health IOP");
        var clinician = await db.Staff.SingleAsync(x => x.Email == DemoSeeder.EmailFor(Roles.Clinician));
        var start = DateTimeOffset.UtcNow.AddHours(-2);
        var session = new GroupSession { ProgramId = program.Id, Title = "Coping ahead", StartsAt = start, EndsAt = start.AddMinutes(90), LocalDate = ProgramClock.LocalDate(start, ProgramClock.Zone(program.TimeZoneId)), Capacity = 12 };
        session.Facilitators.Add(new SessionFacilitator { GroupSessionId = session.Id, StaffMemberId = clinician.Id });
        db.GroupSessions.Add(session);
        var people = new List<(Guid, string, string)>();
        foreach (var (first, last) in new[] { ("Wren", "Aldana"), ("Tobias", "Marchetti"), ("Ines", "Okonkwo") })
        {
            var p = new Participant
            {
                Mrn = "BT" + Random.Shared.Next(100000, 999999), LegalFirstName = first, LegalLastName = last, DateOfBirth = new DateOnly(1985, 5, 5),
                Email = $"{first.ToLowerInvariant()}.{last.ToLowerInvariant()}@example.org", Phone = "(503) 555-0150",
                Status = ParticipantStatus.Active, ProgramId = program.Id, AdmittedOn = ProgramClock.Today(DateTimeOffset.UtcNow, program.TimeZoneId).AddDays(-10), PrimaryClinicianId = clinician.Id,
            };
            db.Participants.Add(p);
            var goal = new PlanGoal { Id = Guid.CreateVersion7(), OwnWords = $"I want to handle hard days without shutting down ({first})", Target = "Uses a skill on 5 of 7 days" };
            db.Set<TreatmentPlan>().Add(new TreatmentPlan
            {
                ParticipantId = p.Id, Number = 1, WrittenByName = clinician.DisplayName, WrittenAt = DateTimeOffset.UtcNow.AddDays(-7),
                Content = new PlanContent { Problems = [new PlanProblem { Id = Guid.CreateVersion7(), Statement = "Shuts down under stress", Goals = [goal] }] },
            });
            db.Attendance.Add(new AttendanceRecord { ParticipantId = p.Id, GroupSessionId = session.Id, Status = AttendanceStatus.Present, MinutesAttended = 90 });
            people.Add((p.Id, $"{first} {last}", first));
        }
        await db.SaveChangesAsync();
        return (session.Id, people.OrderBy(p => p.Item2.Split(' ')[1]).ToList());
    }
}
