using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Trellis.BrowserTests.Support;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Demo;

namespace Trellis.BrowserTests.Foundation;

/// <summary>
/// Passkeys in a real browser (issue 11, point 1): Chromium's virtual authenticator (CDP WebAuthn domain: CTAP2, built
/// in, discoverable, user-verifying) stands in for a phone's screen lock. A participant adds a passkey on the account
/// page and signs in with it on a new visit, at 390 px, axe-clean.
/// </summary>
[Collection(BrowserCollection.Name)]
public class PasskeyPagesTests(BrowserApp browser)
{
    private const int Phone = 390;

    private static async Task CleanAsync(IPage page, string name)
    {
        var bad = (await page.RunAxe()).Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        await BrowserApp.ScreenshotAsync(page, "passkeys-" + name);
        Assert.True(bad.Count == 0, $"{name}: " + string.Join("; ", bad.Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}")));
        Assert.False(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth + 1"), $"{name} scrolls sideways at {Phone} px");
    }

    [Fact]
    public async Task A_participant_adds_a_passkey_and_signs_in_with_it_on_a_phone()
    {
        // WebAuthn takes a host name as the relying party, never an IP address: the same server, reached as localhost.
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = browser.BaseUrl.Replace("127.0.0.1", "localhost"), ViewportSize = new() { Width = Phone, Height = 844 },
        });
        context.SetDefaultTimeout(15000);
        var page = await context.NewPageAsync();
        var cdp = await context.NewCDPSessionAsync(page);
        await cdp.SendAsync("WebAuthn.enable");
        var authenticator = await cdp.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2", ["transport"] = "internal", ["hasResidentKey"] = true,
                ["hasUserVerification"] = true, ["isUserVerified"] = true, ["automaticPresenceSimulation"] = true,
            },
        });
        var authenticatorId = authenticator!.Value.GetProperty("authenticatorId").GetString()!;

        await page.GotoAsync("/account/login");
        await page.GetByLabel("Email").FillAsync(DemoSeeder.EmailFor(Roles.Participant));
        await page.GetByLabel("Password").FillAsync(DemoSeeder.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/login"));

        await page.GotoAsync("/account");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Add a passkey" })).ToBeVisibleAsync();
        await CleanAsync(page, "account");
        await page.GetByLabel("Name for the new passkey").FillAsync("My phone");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a passkey" }).ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Passkey \"My phone\" added");
        await Assertions.Expect(page.Locator("#passkeys").Locator("xpath=..")).ToContainTextAsync("My phone");
        await CleanAsync(page, "account-with-passkey");
        var stored = await cdp.SendAsync("WebAuthn.getCredentials", new Dictionary<string, object> { ["authenticatorId"] = authenticatorId });
        Assert.Equal(1, stored!.Value.GetProperty("credentials").GetArrayLength());

        // A new visit: no session, the same device. Chromium offers the passkey in the email field's suggestions
        // (conditional UI), and the virtual authenticator takes it at once: signed in without a click.
        await context.ClearCookiesAsync();
        await page.GotoAsync("/account/login");
        await page.WaitForURLAsync(url => !url.Contains("/account/login"));
        await page.GotoAsync("/account");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("(this one)");

        // A browser without conditional UI: the button.
        await page.AddInitScriptAsync("if (window.PublicKeyCredential) PublicKeyCredential.isConditionalMediationAvailable = async () => false;");
        await context.ClearCookiesAsync();
        await page.GotoAsync("/account/login");
        var button = page.GetByRole(AriaRole.Button, new() { Name = "Use a passkey" });
        await Assertions.Expect(button).ToBeVisibleAsync();
        await CleanAsync(page, "sign-in");
        await button.ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/login"));
        await page.GotoAsync("/account");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("(this one)");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("My phone");

        // Removed, it no longer lets anyone in.
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove passkey My phone" }).ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Passkey \"My phone\" removed");
        await context.ClearCookiesAsync();
        await page.GotoAsync("/account/login");
        await page.GetByRole(AriaRole.Button, new() { Name = "Use a passkey" }).ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("That passkey was not accepted");
        await context.CloseAsync();
    }
}
