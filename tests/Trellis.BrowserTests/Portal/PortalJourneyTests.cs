using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Trellis.BrowserTests.Support;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Demo;
using Trellis.Web.Features.Instruments;

namespace Trellis.BrowserTests.Portal;

/// <summary>
/// Issue 11's journey at a phone viewport: first sign-in → check-in → due PHQ-9 with item 9 positive → 988 first and the
/// clinician's task present → a message to the team, read by the clinician in the inbox → sign the intake packet. The
/// invitation (before the sign-in) is the mail feature's step; it joins this journey where <see cref="SignInAsync"/> begins.
/// </summary>
[Collection(BrowserCollection.Name)]
public class PortalJourneyTests(BrowserApp browser)
{
    private const int Phone = 390;

    private static async Task AccessibleAsync(IPage page, string name)
    {
        var bad = (await page.RunAxe()).Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        await BrowserApp.ScreenshotAsync(page, "portal-" + name);
        Assert.True(bad.Count == 0, $"{name}: " + string.Join("; ", bad.Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}")));
        Assert.False(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth + 1"), $"{name} scrolls sideways at {Phone} px");
    }

    [Fact]
    public async Task Participant_checks_in_answers_a_due_phq9_sees_988_and_signs_the_intake_packet_on_a_phone()
    {
        Guid pid;
        string legal;
        await using (var s = browser.App.Db())
        {
            var p = await s.Context.Participants.Where(x => x.Email == DemoSeeder.EmailFor(Roles.Participant)).SingleAsync();
            (pid, legal) = (p.Id, p.LegalName);
            // The demo gives PHQ-9 on its due dates; without the last 20 days' the current occasion is due (as in PortalArrange).
            var since = s.Context.Now.AddDays(-20);
            s.Context.InstrumentAdministrations.RemoveRange(await s.Context.InstrumentAdministrations.Where(a => a.ParticipantId == pid && a.InstrumentCode == Phq9.Code && a.AdministeredAt >= since).ToListAsync());
            await s.Context.SaveChangesAsync();
        }

        var page = await SignInAsync();

        // Check-in from the home card.
        await page.GetByRole(AriaRole.Link, new() { Name = "Check in now" }).ClickAsync();
        await page.Locator("input[name=mood][value='3']").CheckAsync(new() { Force = true });
        await page.Locator("input[name=craving][value='2']").CheckAsync(new() { Force = true });
        await page.GetByLabel("No", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Hours of sleep last night").FillAsync("6.5");
        await page.GetByRole(AriaRole.Button, new() { Name = "Check in" }).ClickAsync();
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("Thank you for checking in.");
        await AccessibleAsync(page, "check-in");

        // The due PHQ-9, item 9 positive.
        await page.GotoAsync("/my/measures");
        await AccessibleAsync(page, "measures");
        await page.Locator("a[href='/my/measures/phq-9']").First.ClickAsync();
        int[] answers = [1, 1, 2, 1, 1, 1, 1, 0, 2];
        for (var i = 0; i < answers.Length; i++) await page.Locator($"input[name=a{i}][value='{answers[i]}']").CheckAsync();
        await AccessibleAsync(page, "phq-9");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send my answers" }).ClickAsync();
        var crisis = page.Locator("section.crisis");
        await Assertions.Expect(crisis).ToBeVisibleAsync();
        await Assertions.Expect(crisis).ToContainTextAsync("988");
        var crisisTop = (await crisis.BoundingBoxAsync())!.Y;
        var headingTop = (await page.Locator("h1").First.BoundingBoxAsync())!.Y;
        Assert.True(crisisTop < headingTop, "988 comes before anything else the page says");
        await AccessibleAsync(page, "crisis");

        // The clinician's task and alert are there.
        var clinician = await browser.SignedInAsync(Roles.Clinician);
        await clinician.GotoAsync($"/participants/{pid}/tasks");
        await Assertions.Expect(clinician.Locator("main")).ToContainTextAsync("Complete a safety plan");
        await clinician.GotoAsync($"/participants/{pid}/check-ins");
        await Assertions.Expect(clinician.Locator("main")).ToContainTextAsync("Mood and craving");
        await clinician.Context.CloseAsync();

        // A message to the team; the clinician finds it in the team inbox and reads it in the chart.
        const string question = "Can we talk about my sleep on Thursday?";
        await page.GotoAsync("/my/messages");
        await AccessibleAsync(page, "messages");
        await Assertions.Expect(page.Locator("form:has(textarea)")).ToContainTextAsync("Not for emergencies: call or text 988");
        await page.GetByLabel("Message to your care team").FillAsync(question);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("Sent.");
        await Assertions.Expect(page.Locator(".message-list")).ToContainTextAsync(question);
        var team = await browser.SignedInAsync(Roles.Clinician, Phone);
        await team.GotoAsync("/messages");
        await AccessibleAsync(team, "team-inbox");
        await team.Locator($"a[href='/participants/{pid}/messages']").ClickAsync();
        await Assertions.Expect(team.Locator(".message-list")).ToContainTextAsync(question);
        await AccessibleAsync(team, "chart-messages");
        await team.Context.CloseAsync();
        await page.GotoAsync("/my/reminders");
        await AccessibleAsync(page, "reminders");

        await SignPacketAsync(page, legal);
        // Over a real socket the signature keeps the client's address (the test server has none to give).
        await using var db = browser.App.Db();
        var signed = await db.Context.Set<Trellis.Web.Features.Portal.Documents.SignedDocument>().Where(d => d.ParticipantId == pid).ToListAsync();
        Assert.NotEmpty(signed);
        Assert.All(signed, d => Assert.False(string.IsNullOrEmpty(d.ClientAddress)));
        Assert.All(signed, d => Assert.Equal(legal, d.TypedName));
    }

    /// <summary>First sign-in of the demo participant at a phone width. The invitation and setting a password come before this.</summary>
    private Task<IPage> SignInAsync() => browser.SignedInAsync(Roles.Participant, Phone);

    /// <summary>Signs every document of the intake packet still to sign, from the home card.</summary>
    private static async Task SignPacketAsync(IPage page, string legal)
    {
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Read and sign" }).ClickAsync();
        await AccessibleAsync(page, "documents");
        for (var guard = 0; guard < 10; guard++)
        {
            var next = page.Locator("li:has(.badge.warn) a").First;
            if (await next.CountAsync() == 0) break;
            await next.ClickAsync();
            if (guard == 0) await AccessibleAsync(page, "sign");
            await page.GetByLabel("Type your name to sign").FillAsync(legal);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign", Exact = true }).ClickAsync();
            await Assertions.Expect(page.Locator("body")).ToContainTextAsync("Signed. Thank you.");
        }
        await Assertions.Expect(page.Locator(".badge.warn")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator(".badge.ok").First).ToBeVisibleAsync();
    }
}
