using Microsoft.AspNetCore.Hosting;
using Microsoft.Playwright;
using Trellis.Tests.Support;
using Trellis.Web.Features.Demo;

namespace Trellis.BrowserTests.Support;

/// <summary>
/// The real app served over Kestrel on 127.0.0.1 (a free port) with the demo clinic, and Debian's
/// Chromium driven by Playwright. Never a downloaded browser: the executable path is fixed.
/// </summary>
public sealed class BrowserApp : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    public TrellisFactory App { get; } = new();
    public string BaseUrl { get; private set; } = "";
    private IPlaywright? playwright;
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"{ChromiumPath} is missing: install Debian's chromium (./test.sh does).");
        App.UseKestrel(0); // before the app starts: InitializeAsync builds it
        await App.InitializeAsync();
        App.StartServer();
        BaseUrl = App.ClientOptions.BaseAddress.ToString().TrimEnd('/');
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    /// <summary>A fresh browser context (its own cookies) on a page of the given width.</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, ViewportSize = new() { Width = width, Height = height } });
        context.SetDefaultTimeout(15000);
        return await context.NewPageAsync();
    }

    /// <summary>Signs in through the sign-in page as the demo account of a role and waits for the home page.</summary>
    public async Task<IPage> SignedInAsync(string role, int width = 1280)
    {
        var page = await NewPageAsync(width);
        await page.GotoAsync("/account/login");
        await page.GetByLabel("Email").FillAsync(DemoSeeder.EmailFor(role));
        await page.GetByLabel("Password").FillAsync(DemoSeeder.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/login"));
        return page;
    }

    /// <summary>Saves a screenshot under .test-output/screenshots for people to look at.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var dir = Path.Combine(FindRoot(), ".test-output", "screenshots");
        Directory.CreateDirectory(dir);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(dir, name + ".png"), FullPage = true });
    }

    private static string FindRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "Trellis.slnx"))) dir = Path.GetDirectoryName(dir);
        return dir ?? Path.GetTempPath();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        playwright?.Dispose();
        await App.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserApp>
{
    /// <summary>Browser tests share one app and one Chromium, and run one at a time.</summary>
    public const string Name = "browser";
}
