using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Trellis.BrowserTests.Support;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Disclosures;

namespace Trellis.BrowserTests.Portal;

/// <summary>The 42 CFR Part 2 disclosure log (issue 12 point 6): the participant's page and the chart tab at 390 px, axe-clean.</summary>
[Collection(BrowserCollection.Name)]
public class DisclosurePagesTests(BrowserApp browser)
{
    private const int Phone = 390;

    private static async Task AccessibleAsync(IPage page, string url, string expected, string name)
    {
        var response = await page.GotoAsync(url);
        Assert.True(response!.Ok, $"{url} answered {response.Status}");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync(expected);
        var bad = (await page.RunAxe()).Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        await BrowserApp.ScreenshotAsync(page, name);
        Assert.True(bad.Count == 0, $"{name}: " + string.Join("; ", bad.Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}")));
        Assert.False(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth + 1"), $"{name} scrolls sideways at {Phone} px");
    }

    [Fact]
    public async Task The_participant_and_the_chart_show_the_disclosure_log_on_a_phone()
    {
        var participant = await browser.SignedInAsync(Roles.Participant, Phone);
        await AccessibleAsync(participant, "/my/disclosures", "have not been disclosed", "my-disclosures");
        Guid disclosed;
        await using (var s = browser.App.Db())
            disclosed = await s.Context.Set<Part2Disclosure>().Where(d => d.Recipient == DisclosuresDemoData.Recipient).Select(d => d.ParticipantId).FirstAsync();
        var director = await browser.SignedInAsync(Roles.Administrator, Phone);
        await AccessibleAsync(director, $"/participants/{disclosed}/disclosures", DisclosuresDemoData.Recipient, "chart-disclosures");
        await Assertions.Expect(director.Locator("main")).ToContainTextAsync("Coordination of care.");
    }
}
