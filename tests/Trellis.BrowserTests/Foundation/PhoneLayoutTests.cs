using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Trellis.BrowserTests.Support;
using Trellis.Tests.Support;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Demo;

namespace Trellis.BrowserTests.Foundation;

/// <summary>
/// Issue 13, point 11: on a 390 px phone no page a participant can open scrolls sideways. The pages are
/// taken from the routing table (every route the participant's role is admitted to), so a new portal page
/// is checked the day it is added.
/// </summary>
[Collection(BrowserCollection.Name)]
public class PhoneLayoutTests(BrowserApp browser)
{
    private const int Phone = 390;

    /// <summary>How much wider than the screen the page is, and the element that sticks out furthest.</summary>
    private const string Overflow = """
        () => {
          const doc = document.documentElement;
          if (doc.scrollWidth <= doc.clientWidth) return null;
          let worst = null, right = doc.clientWidth;
          for (const e of document.body.querySelectorAll('*')) {
            const r = e.getBoundingClientRect();
            if (r.right > right + 0.5) { right = r.right; worst = e; }
          }
          const name = worst ? worst.tagName.toLowerCase() + (worst.id ? '#' + worst.id : '') + (worst.className && typeof worst.className === 'string' ? '.' + worst.className.trim().split(/\s+/).join('.') : '') : '?';
          const table = worst?.closest('table');
          return `scrollWidth ${doc.scrollWidth} > ${doc.clientWidth}; furthest right: ${name} (to ${Math.round(right)} px)` + (table ? ` in table${table.className ? '.' + table.className.split(' ').join('.') : ''}` : '');
        }
        """;

    [Fact]
    public async Task No_page_a_participant_can_open_scrolls_sideways_on_a_phone()
    {
        Guid own;
        var urls = new List<string>();
        await using (var s = browser.App.Db())
        {
            own = await s.Context.Users.Where(u => u.Email == DemoSeeder.EmailFor(Roles.Participant)).Select(u => u.ParticipantId!.Value).SingleAsync();
            foreach (var route in PageRoutes.All().Where(r => r.Admits(Roles.Participant)))
                urls.Add(await PageRoutes.FillAsync(s.Context, route.Template, real: true, own));
        }
        Assert.Contains("/my/schedule", urls);
        var page = await browser.SignedInAsync(Roles.Participant, Phone);
        var wide = new List<string>();
        foreach (var url in urls.Distinct())
        {
            await page.GotoAsync(url);
            if (await page.EvaluateAsync<string?>(Overflow) is { } why)
            {
                wide.Add($"{url}: {why}");
                await BrowserApp.ScreenshotAsync(page, "phone-overflow" + url.Replace('/', '-'));
            }
        }
        Assert.True(wide.Count == 0, "Pages wider than a 390 px phone:\n" + string.Join("\n", wide));
    }

    [Fact]
    public async Task A_table_marked_stack_on_phone_becomes_rows_with_their_labels()
    {
        var page = await browser.SignedInAsync(Roles.Administrator, Phone);
        await page.GotoAsync("/participants");
        Assert.Null(await page.EvaluateAsync<string?>(Overflow));
        var label = await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('table.stack-on-phone td[data-label]'), '::before').content");
        Assert.Equal("\"Name\"", label);
    }

    [Fact]
    public async Task Escape_closes_the_more_menu_and_gives_focus_back_to_it()
    {
        var page = await browser.SignedInAsync(Roles.Administrator);
        var summary = page.Locator("details[data-menu] > summary");
        await summary.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        Assert.True(await page.Locator("details[data-menu]").EvaluateAsync<bool>("d => d.open"));
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Escape");
        Assert.False(await page.Locator("details[data-menu]").EvaluateAsync<bool>("d => d.open"));
        Assert.Equal("SUMMARY", await page.EvaluateAsync<string>("() => document.activeElement.tagName"));
    }
}
