using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Trellis.BrowserTests.Support;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Participants;

namespace Trellis.BrowserTests.Outcomes;

/// <summary>The program dashboard and a participant's trend charts, as a director and a clinician see them, at desk and phone widths.</summary>
[Collection(BrowserCollection.Name)]
public class OutcomesBrowserTests(BrowserApp browser)
{
    private static async Task CheckAsync(IPage page, string url, string expected, string name)
    {
        var response = await page.GotoAsync(url);
        Assert.True(response!.Ok, $"{url} answered {response.Status}");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync(expected);
        var bad = (await page.RunAxe()).Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        await BrowserApp.ScreenshotAsync(page, "outcomes-" + name);
        Assert.True(bad.Count == 0, $"{name}: " + string.Join("; ", bad.Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}")));
        var sideways = await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(sideways, $"{name} scrolls sideways");
    }

    [Theory]
    [InlineData(1280)]
    [InlineData(390)]
    public async Task Director_dashboard_and_clinician_trend_are_accessible(int width)
    {
        await using var s = browser.App.Db();
        var measured = await s.Context.InstrumentAdministrations.Where(a => a.InstrumentCode == "phq-9" && a.Participant!.Status == ParticipantStatus.Active && a.Participant.Program!.Name == "Adult Mental Health IOP")
            .GroupBy(a => a.ParticipantId).Where(g => g.Count() >= 3).Select(g => g.Key).FirstAsync();

        var director = await browser.SignedInAsync(Roles.ProgramDirector, width);
        await CheckAsync(director, "/outcomes", "How this is counted", $"dashboard-{width}");
        await CheckAsync(director, "/outcomes/report", "Program report", $"report-{width}");

        var clinician = await browser.SignedInAsync(Roles.Clinician, width);
        await CheckAsync(clinician, $"/participants/{measured}/outcomes", "Change since the admission baseline", $"trend-{width}");
        await Assertions.Expect(clinician.Locator("svg.trend-svg").First).ToBeVisibleAsync();
    }
}
