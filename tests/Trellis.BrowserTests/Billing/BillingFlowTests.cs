using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Trellis.BrowserTests.Support;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Billing.Charges;
using Trellis.Web.Features.Billing.Claims;

namespace Trellis.BrowserTests.Billing;

/// <summary>
/// The billing specialist's day in a browser: what is held and why, releasing a charge with a reason,
/// building and sending claims, reading one as a UB-04, posting a remittance that does not parse (refused,
/// naming the segment), working the denial, and a participant's statement. Each page is checked with axe.
/// </summary>
[Collection(BrowserCollection.Name)]
public class BillingFlowTests(BrowserApp browser)
{
    private static async Task AccessibleAsync(IPage page, string name)
    {
        var result = await page.RunAxe();
        var bad = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        await BrowserApp.ScreenshotAsync(page, "billing-" + name);
        Assert.True(bad.Count == 0, $"{name}: " + string.Join("; ", bad.Select(v => $"{v.Id} ({v.Impact}): {v.Help}")));
    }

    [Fact]
    public async Task A_billing_specialist_works_held_charges_claims_remittances_and_denials()
    {
        Guid releasable, medicareClaim;
        await using (var s = browser.App.Db())
        {
            var held = await s.Context.Set<Charge>().Where(c => c.Status == ChargeStatus.Held).ToListAsync();
            releasable = held.First(c => c.Holds.Count > 0 && c.Holds.All(h => HoldReasons.Releasable(h.Code))).Id;
            medicareClaim = await s.Context.Set<Claim>().Where(c => c.Payer!.TiersByServiceCount && c.Status != ClaimStatus.Draft).Select(c => c.Id).FirstAsync();
        }
        var page = await browser.SignedInAsync(Roles.Billing);
        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator("#w-billing")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Billing", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Held charges by reason" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Note not signed");
        await AccessibleAsync(page, "home");

        await page.GotoAsync($"/billing/charges/{releasable}");
        await page.GetByLabel("Why it may be billed").FillAsync("Retro authorization confirmed by phone, reference 55-1234.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Release the charge" }).ClickAsync();
        await Assertions.Expect(page.Locator(".alert")).ToContainTextAsync("Released");
        await AccessibleAsync(page, "charge");

        await page.GotoAsync("/billing");
        await page.GetByRole(AriaRole.Button, new() { Name = "Build claims" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Claims", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".alert").First).ToContainTextAsync("built");
        var send = page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Send") });
        if (await send.CountAsync() > 0)
        {
            await send.ClickAsync();
            await Assertions.Expect(page.Locator(".alert").First).ToContainTextAsync("interchange");
        }
        await AccessibleAsync(page, "claims");

        await page.GotoAsync($"/billing/claims/{medicareClaim}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "UB-04 (837I)" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("92 (intensive outpatient program)");
        await AccessibleAsync(page, "claim-ub04");

        await page.GotoAsync("/billing/remittances");
        await page.GetByLabel("835 file").FillAsync("ISA*00*          *00*          *ZZ*PAYER          *ZZ*CLINIC         *261118*1200*^*00501*000000042*0*P*:~GS*HP*PAYER*CLINIC*20261118*1200*42*X*005010X221A1~ST*835*0001*005010X221A1~BPR*I*100.00*C*ACH*CCP***********20261118~TRN*1*EFT1*1999~N1*PR*SOME PAYER~N1*PE*CLINIC*XX*1234567893~LX*1~CLP*TC00000001*9*100*100*0*12*X*11*1~SE*8*0001~GE*1*42~IEA*1*000000042~");
        await page.GetByRole(AriaRole.Button, new() { Name = "Post the payment" }).ClickAsync();
        await Assertions.Expect(page.Locator(".alert").First).ToContainTextAsync("CLP02");
        await AccessibleAsync(page, "remittances");

        await page.GotoAsync("/billing/denials");
        var denial = page.Locator("main table tbody tr a").First;
        await denial.ClickAsync();
        await page.GetByLabel("What was corrected, what the appeal says, or why it is written off or moved").FillAsync("Authorization number added from the plan's portal.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.Locator(".alert").First).ToContainTextAsync("Replacement claim");
        await AccessibleAsync(page, "denial-worked");

        await page.GotoAsync("/billing/accounts?owing=true");
        await page.Locator("main table tbody tr a").First.ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Printable statement" }).ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Amount due");
        await AccessibleAsync(page, "statement");
    }

    [Fact]
    public async Task A_visitor_checks_what_a_stay_costs_on_the_public_site()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/iop/programs");
        await page.GetByRole(AriaRole.Link, new() { Name = "See what a typical stay costs" }).ClickAsync();
        await page.GetByLabel("People in your household").FillAsync("2");
        await page.GetByLabel("Household income a year, $").FillAsync("30000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show my estimate" }).ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Good-faith estimate");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("sliding-fee scale");
        await AccessibleAsync(page, "cost-estimate");
    }
}
