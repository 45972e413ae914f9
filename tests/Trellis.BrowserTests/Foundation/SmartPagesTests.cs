using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Trellis.BrowserTests.Support;
using Trellis.Web.Features.Auth;

namespace Trellis.BrowserTests.Foundation;

/// <summary>The SMART clients page (issue 12, part 4): registering a client in a browser; axe-clean and no sideways scroll at 1280 and 390 px.</summary>
[Collection(BrowserCollection.Name)]
public class SmartPagesTests(BrowserApp browser)
{
    /// <summary>A real public key set, as a service would send it.</summary>
    private static string Jwks()
    {
        var p = System.Security.Cryptography.RSA.Create(2048).ExportParameters(false);
        return System.Text.Json.JsonSerializer.Serialize(new { keys = new[] { new { kty = "RSA", kid = "k1", alg = "RS384", n = Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(p.Modulus), e = Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(p.Exponent) } } });
    }

    [Fact]
    public async Task An_administrator_registers_a_backend_service_and_the_page_is_accessible_on_desktop_and_phone()
    {
        foreach (var width in new[] { 1280, 390 })
        {
            var page = await browser.SignedInAsync(Roles.Administrator, width);
            await page.GotoAsync("/admin/smart-clients");
            if (width == 1280)
            {
                await page.Locator("#name").FillAsync("County outcomes registry");
                await page.Locator("#scopes").FillAsync("system/Patient.rs system/Observation.rs");
                await page.Locator("input[name=program]").First.CheckAsync();
                await page.Locator("#jwks").FillAsync(Jwks());
                await page.GetByRole(AriaRole.Button, new() { Name = "Register" }).ClickAsync();
                await Assertions.Expect(page.GetByText("County outcomes registry is registered")).ToBeVisibleAsync();
                await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "County outcomes registry" })).ToBeVisibleAsync();
            }
            var result = await page.RunAxe();
            var bad = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
            await BrowserApp.ScreenshotAsync(page, $"smart-clients-{width}");
            Assert.True(bad.Count == 0, string.Join("; ", bad.Select(v => $"{v.Id}: {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}")));
            var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > document.documentElement.clientWidth");
            Assert.False(overflow, $"/admin/smart-clients scrolls sideways at {width} px");
        }
    }
}
