using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Trellis.BrowserTests.Support;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Plans;

namespace Trellis.BrowserTests.Clinical;

/// <summary>Safety and relapse prevention plans go home on one sheet of paper, with the Part 2 notice where the program is a Part 2 program.</summary>
[Collection(BrowserCollection.Name)]
public class PrintTests(BrowserApp browser)
{
    private static async Task<(int Pages, string Text)> PrintAsync(IPage page, string url)
    {
        await page.GotoAsync(url);
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        var pdf = await page.PdfAsync(new() { Format = "Letter", PrintBackground = false });
        var text = await page.Locator("article").InnerTextAsync();
        // Each page of a PDF is one "/Type /Page" object (the tree itself is "/Type /Pages").
        return (Regex.Matches(System.Text.Encoding.Latin1.GetString(pdf), @"/Type\s*/Page[^s]").Count, text);
    }

    [Fact]
    public async Task Safety_and_relapse_prevention_plans_print_on_one_page_and_part_2_programs_carry_the_notice()
    {
        Guid safety, relapse;
        await using (var s = browser.App.Db())
        {
            safety = await s.Context.Set<SafetyPlan>().Where(p => p.IsComplete && !p.Participant!.Program!.IsPart2).Select(p => p.ParticipantId).FirstAsync();
            relapse = await s.Context.Set<RelapsePreventionPlan>().Where(p => p.IsComplete && p.Participant!.Program!.IsPart2).Select(p => p.ParticipantId).FirstAsync();
        }
        var page = await browser.SignedInAsync(Roles.ProgramDirector);
        var (pages, text) = await PrintAsync(page, $"/participants/{safety}/safety-plan/print");
        Assert.Equal(1, pages);
        Assert.Contains("988", text);
        Assert.DoesNotContain("42 CFR part 2", text);
        (pages, text) = await PrintAsync(page, $"/participants/{relapse}/relapse-prevention-plan/print");
        Assert.Equal(1, pages);
        Assert.Contains("42 CFR part 2", text);
        Assert.Contains("If I lapse", text);
    }
}
