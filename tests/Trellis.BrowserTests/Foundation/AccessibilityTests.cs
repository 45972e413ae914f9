using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Trellis.BrowserTests.Support;
using Trellis.Web.Features.Auth;

namespace Trellis.BrowserTests.Foundation;

/// <summary>axe-core on the pages people use most: no serious or critical violations.</summary>
[Collection(BrowserCollection.Name)]
public class AccessibilityTests(BrowserApp browser)
{
    private static async Task AssertAccessibleAsync(IPage page, string name)
    {
        var result = await page.RunAxe();
        var bad = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        await BrowserApp.ScreenshotAsync(page, "axe-" + name);
        Assert.True(bad.Count == 0, $"{name}: " + string.Join("; ", bad.Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}")));
    }

    [Fact]
    public async Task Sign_in_page_is_accessible()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/account/login");
        await AssertAccessibleAsync(page, "sign-in");
    }

    [Fact]
    public async Task Participant_list_and_chart_are_accessible_on_desktop_and_phone()
    {
        await using var s = browser.App.Db();
        var id = await s.Context.Participants.Where(p => p.AdmittedOn != null).Select(p => p.Id).FirstAsync();
        foreach (var width in new[] { 1280, 390 })
        {
            var page = await browser.SignedInAsync(Roles.Administrator, width);
            await page.GotoAsync("/participants");
            await AssertAccessibleAsync(page, $"participants-{width}");
            await page.GotoAsync($"/participants/{id}");
            await AssertAccessibleAsync(page, $"chart-{width}");
        }
    }
}
