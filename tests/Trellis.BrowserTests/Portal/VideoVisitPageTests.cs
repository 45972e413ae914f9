using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Trellis.BrowserTests.Support;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Demo;
using Trellis.Web.Features.Scheduling;

namespace Trellis.BrowserTests.Portal;

/// <summary>The telehealth join page inside its window at 390 px: the location form, then the join link, axe-clean, no sideways scroll (issue 11, points 9 and 11).</summary>
[Collection(BrowserCollection.Name)]
public class VideoVisitPageTests(BrowserApp browser)
{
    private const int Phone = 390;
    private const string Room = "https://meet.example.org/trellis-phone-visit";

    private static async Task CheckAsync(IPage page, string name)
    {
        var bad = (await page.RunAxe()).Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        await BrowserApp.ScreenshotAsync(page, "portal-" + name);
        Assert.True(bad.Count == 0, $"{name}: " + string.Join("; ", bad.Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}")));
        Assert.False(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth + 1"), $"{name} scrolls sideways at {Phone} px");
    }

    [Fact]
    public async Task The_participant_confirms_where_they_are_and_gets_the_join_link_on_a_phone()
    {
        var app = browser.App;
        Guid appointment;
        string legal;
        await using (var s = app.Db())
        {
            var pid = await s.Context.Users.Where(u => u.Email == DemoSeeder.EmailFor(Roles.Participant)).Select(u => u.ParticipantId!.Value).SingleAsync();
            var p = await s.Context.Participants.Include(x => x.Program).SingleAsync(x => x.Id == pid);
            legal = p.LegalName;
            var staff = await s.Context.Staff.Where(x => x.Email == DemoSeeder.EmailFor(Roles.Clinician)).Select(x => x.Id).SingleAsync();
            // Five minutes from now: inside the window (15 minutes before the start by default).
            var start = DateTimeOffset.UtcNow.AddMinutes(5);
            var a = new Appointment
            {
                ParticipantId = pid, StaffMemberId = staff, StartsAt = start, EndsAt = start.AddMinutes(50), TelehealthUrl = Room,
                LocalDate = ProgramClock.LocalDate(start, ProgramClock.Zone(p.Program!.TimeZoneId)),
            };
            s.Context.Add(a);
            await s.Context.SaveChangesAsync();
            appointment = a.Id;
        }
        var page = await browser.SignedInAsync(Roles.Participant, Phone);
        var response = await page.GotoAsync($"/my/video/appointments/{appointment}");
        Assert.True(response!.Ok, $"the video page answered {response.Status}");
        // The telehealth consent is signed once, from the page's own link (another browser test may have signed it).
        var consent = page.GetByRole(AriaRole.Link, new() { Name = "Read and sign the consent" });
        if (await consent.CountAsync() > 0)
        {
            await CheckAsync(page, "video-visit-consent");
            await consent.ClickAsync();
            await page.GetByLabel("Type your name to sign").FillAsync(legal);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign", Exact = true }).ClickAsync();
            await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Signed. Thank you.");
            await page.GotoAsync($"/my/video/appointments/{appointment}");
        }
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Where are you right now?");
        Assert.Equal(0, await page.Locator($"a[href='{Room}']").CountAsync());
        await CheckAsync(page, "video-visit-location");

        await page.GetByLabel("Your address or where you are").FillAsync("12 Birch Lane, apartment 3");
        await page.GetByLabel("I am in a private place where nobody can overhear me").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm my location" }).ClickAsync();
        var join = page.GetByRole(AriaRole.Link, new() { Name = "Join the video visit" });
        await Assertions.Expect(join).ToHaveAttributeAsync("href", Room);
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("You confirmed: 12 Birch Lane, apartment 3.");
        await CheckAsync(page, "video-visit-join");
    }
}
