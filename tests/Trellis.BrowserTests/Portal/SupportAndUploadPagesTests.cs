using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Trellis.BrowserTests.Support;
using Trellis.Web.Features.Auth;

namespace Trellis.BrowserTests.Portal;

/// <summary>The upload form and the support-people pages at 390 px, axe-clean (issue 11 points 7 and 10, and 11).</summary>
[Collection(BrowserCollection.Name)]
public class SupportAndUploadPagesTests(BrowserApp browser)
{
    private const int Phone = 390;

    private static async Task AccessibleAsync(IPage page, string url, string expected, string name)
    {
        var response = await page.GotoAsync(url);
        Assert.True(response!.Ok, $"{url} answered {response.Status}");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync(expected);
        var bad = (await page.RunAxe()).Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        await BrowserApp.ScreenshotAsync(page, "portal-" + name);
        Assert.True(bad.Count == 0, $"{name}: " + string.Join("; ", bad.Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}")));
        Assert.False(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth + 1"), $"{name} scrolls sideways at {Phone} px");
    }

    [Fact]
    public async Task The_participant_uploads_a_file_and_sees_their_support_people_on_a_phone()
    {
        var page = await browser.SignedInAsync(Roles.Participant, Phone);
        await AccessibleAsync(page, "/my/documents", "Send a file to the clinic", "my-documents-upload");
        await page.SelectOptionAsync("#up-kind", "InsuranceCard");
        await page.SetInputFilesAsync("#up-file", new FilePayload { Name = "card.png", MimeType = "image/png", Buffer = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] });
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("card.png");
        await page.SetInputFilesAsync("#up-file", new FilePayload { Name = "notes.pdf", MimeType = "application/pdf", Buffer = "just text"u8.ToArray() });
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();
        await Assertions.Expect(page.Locator("#up-file-err")).ToContainTextAsync("content was checked");
        await AccessibleAsync(page, "/my/support-people", "Robin Ashdown", "my-support-people");
    }

    [Fact]
    public async Task The_support_person_sees_their_page_on_a_phone()
    {
        var page = await browser.SignedInAsync(Roles.SupportPerson, Phone);
        await AccessibleAsync(page, "/", "Supporting", "support-home");
        await AccessibleAsync(page, "/support", "Family sessions", "support-page");
    }
}
