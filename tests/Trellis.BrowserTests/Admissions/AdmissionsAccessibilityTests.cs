using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Trellis.BrowserTests.Support;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Risk;

namespace Trellis.BrowserTests.Admissions;

/// <summary>axe-core on the admissions pages, public ones on a phone too; and the public form's body cap on the real server.</summary>
[Collection(BrowserCollection.Name)]
public class AdmissionsAccessibilityTests(BrowserApp browser)
{
    private static async Task AssertAccessibleAsync(IPage page, string name)
    {
        var result = await page.RunAxe();
        var bad = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        await BrowserApp.ScreenshotAsync(page, "axe-" + name);
        Assert.True(bad.Count == 0, $"{name}: " + string.Join("; ", bad.Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}")));
    }

    [Fact]
    public async Task Public_pages_are_accessible_on_a_phone_and_a_desktop_without_horizontal_scrolling()
    {
        foreach (var width in new[] { 390, 1280 })
        {
            var page = await browser.NewPageAsync(width);
            foreach (var (url, name) in new[] { ("/", "landing"), ("/iop/programs", "programs"), ("/iop/self-check", "self-check"), ("/iop/talk", "talk") })
            {
                await page.GotoAsync(url);
                await AssertAccessibleAsync(page, $"public-{name}-{width}");
                var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
                Assert.False(overflow, $"{url} scrolls sideways at {width}px");
            }
        }
    }

    [Fact]
    public async Task Staff_admissions_pages_are_accessible()
    {
        await using var s = browser.App.Db();
        var flagged = await s.Context.Set<RiskFlag>().Where(f => f.ClearedAt == null).Select(f => f.ParticipantId).FirstAsync();
        var lead = await s.Context.Set<Web.Features.Admissions.AdmissionCase>().Where(c => c.SafetyConcern).Select(c => c.Id).FirstAsync();
        foreach (var role in new[] { Roles.ProgramDirector, Roles.Clinician })
        {
            var home = await browser.SignedInAsync(role);
            await Assertions.Expect(home.GetByRole(AriaRole.Heading, new() { Name = role == Roles.Clinician ? "Open risk flags" : "Authorizations needing attention" })).ToBeVisibleAsync();
            await AssertAccessibleAsync(home, $"home-{role}");
        }
        var page = await browser.SignedInAsync(Roles.IntakeCoordinator);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Admissions", Exact = true })).ToBeVisibleAsync();
        foreach (var (url, name) in new[]
        {
            ("/admissions", "board"), ("/admissions/list", "list"), ("/admissions/figures", "figures"), ("/admissions/authorizations", "authorizations"),
            ($"/admissions/{lead}", "lead"), ($"/participants/{flagged}/measures", "measures"), ($"/participants/{flagged}/level-of-care", "level-of-care"),
            ($"/participants/{flagged}/admission", "admission-tab"), ($"/participants/{flagged}/measures/give/phq-9", "give-phq9"),
        })
        {
            await page.GotoAsync(url);
            await AssertAccessibleAsync(page, $"staff-{name}");
        }
    }

    [Fact]
    public async Task The_real_server_refuses_an_inquiry_body_larger_than_any_person_would_type()
    {
        var handler = new HttpClientHandler { CookieContainer = new System.Net.CookieContainer(), AllowAutoRedirect = false };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(browser.BaseUrl) };
        var html = await http.GetStringAsync("/iop/talk");
        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var body = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["_handler"] = "inquiry", ["Input.FirstName"] = "Oversize", ["Input.LookingFor"] = new string('z', 200_000),
        });
        var response = await http.PostAsync("/iop/talk/send", body);
        Assert.True((int)response.StatusCode is 400 or 413, $"got {(int)response.StatusCode}");
        await using var s = browser.App.Db();
        Assert.False(await s.Context.Set<Web.Features.Admissions.AdmissionCase>().AnyAsync(c => c.FirstName == "Oversize"));
    }
}
