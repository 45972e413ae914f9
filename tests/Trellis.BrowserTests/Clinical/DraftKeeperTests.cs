using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Trellis.BrowserTests.Support;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Demo;
using Trellis.Web.Features.Notes;
using Trellis.Web.Features.Participants;

namespace Trellis.BrowserTests.Clinical;

/// <summary>
/// A long note outlives a session that expired while it was being written: the save bounces to the
/// sign-in page, and after signing in again the form comes back with the text typed into it.
/// </summary>
[Collection(BrowserCollection.Name)]
public class DraftKeeperTests(BrowserApp browser)
{
    [Fact]
    public async Task A_note_typed_while_the_session_expired_comes_back_after_signing_in_and_is_saved_once()
    {
        Guid participantId;
        await using (var s = browser.App.Db())
        {
            var clinician = await s.Context.Staff.SingleAsync(x => x.Email == DemoSeeder.EmailFor(Roles.Clinician));
            participantId = await s.Context.Participants.Where(p => p.PrimaryClinicianId == clinician.Id && p.Status == ParticipantStatus.Active)
                .OrderBy(p => p.Mrn).Select(p => p.Id).FirstAsync();
        }
        var form = $"/participants/{participantId}/notes/new?kind=individual&format=dap";
        var text = "Quinn described a week of early starts at the bakery and two nights of broken sleep. " +
                   string.Join(" ", Enumerable.Range(1, 40).Select(i => $"Observation {i}: kept eye contact, spoke evenly about the shift rota.")) + " " + Guid.NewGuid();

        var page = await browser.SignedInAsync(Roles.Clinician);
        await page.GotoAsync(form);
        await page.Locator("#s-data").FillAsync(text);

        // The session ends while the clinician is typing (idle timeout, or signed out elsewhere).
        await page.Context.ClearCookiesAsync(new() { Name = "trellis.session" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/account/login"));
        await BrowserApp.ScreenshotAsync(page, "clinical-draft-session-expired");

        await page.GetByLabel("Email").FillAsync(DemoSeeder.EmailFor(Roles.Clinician));
        await page.GetByLabel("Password").FillAsync(DemoSeeder.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains($"/participants/{participantId}/notes/new"));
        await Assertions.Expect(page.Locator(".draft-restored")).ToContainTextAsync("Restored what you typed here");
        await Assertions.Expect(page.Locator("#s-data")).ToHaveValueAsync(text);
        await BrowserApp.ScreenshotAsync(page, "clinical-draft-restored");

        await page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        // The saved draft's own page, with the one status message (no longer a ?done= link).
        await page.WaitForURLAsync(url => url.Contains("/notes/") && !url.Contains("/notes/new"));
        await Assertions.Expect(page.Locator(".alert-ok")).ToHaveCountAsync(1);
        await using (var s = browser.App.Db())
        {
            var saved = await s.Context.Set<ClinicalNote>().Where(n => n.ParticipantId == participantId && n.Status == NoteStatus.Draft).ToListAsync();
            Assert.Single(saved, n => n.Section("data") == text);
        }

        // Saved, so the draft is done: the form opens empty again, with nothing to restore.
        await page.GotoAsync(form);
        await Assertions.Expect(page.Locator("#s-data")).ToHaveValueAsync("");
        await Assertions.Expect(page.Locator(".draft-restored")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Signing_out_clears_what_was_kept()
    {
        var page = await browser.SignedInAsync(Roles.Clinician);
        await page.GotoAsync("/");
        await page.EvaluateAsync("() => sessionStorage.setItem('trellis.draft.x|/somewhere|note', '{\"at\":0,\"values\":{}}')");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("signedOut=1"));
        Assert.Equal(0, await page.EvaluateAsync<int>("() => Object.keys(sessionStorage).filter(k => k.startsWith('trellis.draft.')).length"));
    }
}
