using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Trellis.BrowserTests.Support;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Participants;

namespace Trellis.BrowserTests.Foundation;

[Collection(BrowserCollection.Name)]
public class ChartEditTests(BrowserApp browser)
{
    [Fact]
    public async Task A_clinician_signs_in_opens_a_participant_edits_a_field_and_signs_out()
    {
        var page = await browser.SignedInAsync(Roles.Clinician);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Good");

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Participants", Exact = true }).ClickAsync();
        // Wait for the list: Home has "Participants by status" too, which a label search on the old page would find.
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Participants");
        await page.GetByLabel("Status", new() { Exact = true }).SelectOptionAsync("active");
        await page.GetByRole(AriaRole.Button, new() { Name = "Find" }).ClickAsync();
        var first = page.Locator("table tbody tr td a").First;
        var name = await first.InnerTextAsync();
        await first.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(name);
        await BrowserApp.ScreenshotAsync(page, "foundation-chart");

        await page.GetByRole(AriaRole.Link, new() { Name = "Edit details" }).ClickAsync();
        await page.GetByRole(AriaRole.Group, new() { Name = "Contact", Exact = true }).GetByLabel("Phone").FillAsync("(503) 555-0177");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved");
        await Assertions.Expect(page.GetByText("(503) 555-0177")).ToBeVisibleAsync();

        await using (var s = browser.App.Db())
            Assert.True(await s.Context.Participants.AnyAsync(p => p.Phone == "(503) 555-0177"));

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(page.GetByText("You are signed out.")).ToBeVisibleAsync();
        await page.GotoAsync("/participants");
        Assert.Contains("/account/login", page.Url);
    }
}
