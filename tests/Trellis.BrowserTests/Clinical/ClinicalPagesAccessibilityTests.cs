using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Trellis.BrowserTests.Support;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Discharge;
using Trellis.Web.Features.Notes;
using Trellis.Web.Features.Participants;
using Trellis.Web.Features.Plans;

namespace Trellis.BrowserTests.Clinical;

/// <summary>The clinical pages as the demo shows them: each renders its content and has no serious or critical axe violation.</summary>
[Collection(BrowserCollection.Name)]
public class ClinicalPagesAccessibilityTests(BrowserApp browser)
{
    private static async Task CheckAsync(IPage page, string url, string expected, string name)
    {
        var response = await page.GotoAsync(url);
        Assert.True(response!.Ok, $"{url} answered {response.Status}");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync(expected);
        var result = await page.RunAxe();
        var bad = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        await BrowserApp.ScreenshotAsync(page, "clinical-" + name);
        Assert.True(bad.Count == 0, $"{name}: " + string.Join("; ", bad.Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}")));
    }

    [Fact]
    public async Task Clinician_pages_show_the_record_and_are_accessible()
    {
        await using var s = browser.App.Db();
        var db = s.Context;
        var mh = await db.Programs.SingleAsync(p => p.Name == "Adult Mental Health IOP");
        var withPlan = await db.Set<Web.Features.TreatmentPlans.TreatmentPlan>().Where(t => t.Participant!.ProgramId == mh.Id && t.Participant.Status == ParticipantStatus.Active && t.ClinicianSignedAt != null)
            .Select(t => t.ParticipantId).FirstAsync();
        var note = await db.Set<ClinicalNote>().Where(n => n.ParticipantId == withPlan && n.Status != NoteStatus.Draft).Select(n => n.Id).FirstAsync();
        var session = await db.Set<GroupNote>().Where(g => g.ProgramId == mh.Id && g.Status == NoteStatus.Locked).Select(g => g.GroupSessionId).FirstAsync();
        var safety = await db.Set<SafetyPlan>().Where(p => p.Participant!.ProgramId == mh.Id && p.IsComplete).Select(p => p.ParticipantId).FirstAsync();

        var page = await browser.SignedInAsync(Roles.Clinician);
        await CheckAsync(page, $"/participants/{withPlan}/treatment-plan", "Version", "treatment-plan");
        await CheckAsync(page, $"/participants/{withPlan}/treatment-plan/edit", "The goal, in their own words", "treatment-plan-edit");
        await CheckAsync(page, $"/participants/{withPlan}/notes", "New individual note", "notes");
        await CheckAsync(page, $"/notes/{note}", "Signed", "note");
        await CheckAsync(page, $"/participants/{withPlan}/notes/new?kind=individual&format=birp", "Behavior", "note-new");
        await CheckAsync(page, $"/group-sessions/{session}/note", "Add an addendum", "group-note-signed");
        await CheckAsync(page, $"/notes/{note}/print", "Signed", "note-print");
        await CheckAsync(page, $"/group-sessions/{session}/note/print", "Participation:", "group-note-print");
        await CheckAsync(page, $"/participants/{safety}/safety-plan", "Warning signs", "safety-plan");
        await CheckAsync(page, $"/participants/{safety}/safety-plan/edit", "Step 1: Warning signs", "safety-plan-edit");
        await CheckAsync(page, $"/participants/{safety}/safety-plan/print", "988", "safety-plan-print");
        await CheckAsync(page, $"/participants/{withPlan}/medications", "Current medications", "medications");
        await CheckAsync(page, $"/participants/{withPlan}/case-management", "Referrals", "case-management");
        await CheckAsync(page, $"/participants/{withPlan}/discharge", "Discharge", "discharge-form");
        await CheckAsync(page, "/notes", "Group sessions to document", "notes-home");
        await CheckAsync(page, "/treatment-plans", "First plans", "plans-due");
        await CheckAsync(page, "/resources?q=housing", "Harbor Light", "resources");
        await CheckAsync(page, "/coping-skills", "Urge surfing", "coping-skills");
    }

    [Fact]
    public async Task Substance_use_and_discharge_pages_show_the_record_and_are_accessible()
    {
        await using var s = browser.App.Db();
        var db = s.Context;
        var su = await db.Programs.SingleAsync(p => p.Name == "Substance Use IOP");
        var tested = await db.Set<Web.Features.Medications.DrugTest>().Where(t => t.Participant!.ProgramId == su.Id).Select(t => t.ParticipantId).FirstAsync();
        var relapse = await db.Set<RelapsePreventionPlan>().Where(p => p.IsComplete).Select(p => p.ParticipantId).FirstAsync();
        var discharged = await db.Set<ParticipantDischarge>().Where(d => d.IsFinal).Select(d => d.ParticipantId).FirstAsync();

        var page = await browser.SignedInAsync(Roles.ProgramDirector);
        await CheckAsync(page, $"/participants/{tested}/drug-tests", "12-panel", "drug-tests");
        await CheckAsync(page, $"/participants/{tested}/drug-tests/new", "Results", "drug-test-new");
        await CheckAsync(page, $"/participants/{relapse}/relapse-prevention-plan", "triggers", "relapse-plan");
        await CheckAsync(page, $"/participants/{relapse}/relapse-prevention-plan/print", "If I lapse", "relapse-plan-print");
        await CheckAsync(page, $"/participants/{discharged}/discharge", "Measures at admission and at discharge", "discharge-summary");
        await CheckAsync(page, $"/participants/{discharged}/discharge/print", "Aftercare", "discharge-print");
    }

    [Fact]
    public async Task A_participant_sees_their_own_plans_on_the_portal()
    {
        var page = await browser.SignedInAsync(Roles.Participant);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My plans" })).ToBeVisibleAsync();
        await CheckAsync(page, "/my/treatment-plan", "ready for your signature", "my-treatment-plan");
        await CheckAsync(page, "/my/safety-plan", "988", "my-safety-plan");
        await CheckAsync(page, "/resources", "Community resources", "my-resources");
    }
}
