using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Trellis.BrowserTests.Support;
using Trellis.Web.Features.Auth;

namespace Trellis.BrowserTests.Foundation;

/// <summary>The SMART clients page (issue 12, part 4): registering a client in a browser; axe-clean and no sideways scroll at 1280 and 390 px.</summary>
[Collection(BrowserCollection.Name)]
public class SmartPagesTests(BrowserApp browser)
{
    private const string Jwks = """{"keys":[{"kty":"RSA","kid":"k1","alg":"RS384","n":"sXchW3bMjGx2aJ7lS3XZ3PbqvV6Wk4gX2xS1kq0y7u3QJXq1x4Q4yY8s2o8u7pZk1tqgqJ2vZr5wGm6yWm0Qq3yX8Y4aV1m7p2sZ9qT0xFvJcH3kLx8yZ2bQ5wN1rT6uV7wX8yZ9aB0cD1eF2gH3iJ4kL5mN6oP7qR8sT9uV0wX1yZ2aB3cD4eF5gH6iJ7kL8mN9oP0qR1sT2uV3wX4yZ5aB6cD7eF8gH9iJ0kL1mN2oP3qR4sT5uV6wX7yZ8aB9cD0eF1gH2iJ3kL4mN5oP6qR7sT8uV9wX0yZ1aB2cD3eF4gH5iJ6kL7mN8oP9qR0sT1uV2wX3yZ4aB5cD6eF7gH8iJ9kL0mN1oP2qR3sT4uV5wX6yZ7aB8cD9eF0gH1iJ2kL3mN4oP5qR6sT7uV8wX9yZ0aB1cD2eF3gH4iJ5kL6mN7oP8qR9sT0uV1w","e":"AQAB"}]}""";

    [Fact]
    public async Task An_administrator_registers_a_backend_service_and_the_page_is_accessible_on_desktop_and_phone()
    {
        foreach (var width in new[] { 1280, 390 })
        {
            var page = await browser.SignedInAsync(Roles.Administrator, width);
            await page.GotoAsync("/admin/smart-clients");
            if (width == 1280)
            {
                await page.GetByLabel("Name", new() { Exact = true }).FillAsync("County outcomes registry");
                await page.GetByLabel("Scopes").FillAsync("system/Patient.rs system/Observation.rs");
                await page.Locator("input[name=program]").First.CheckAsync();
                await page.GetByLabel("Public keys (JWKS)").FillAsync(Jwks);
                await page.GetByRole(AriaRole.Button, new() { Name = "Register" }).ClickAsync();
                await page.WaitForURLAsync("**/admin/smart-clients");
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
