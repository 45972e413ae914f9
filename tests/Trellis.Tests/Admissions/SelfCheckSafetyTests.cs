using System.Text.Json;
using AngleSharp.Html.Dom;
using Trellis.Tests.Support;
using Trellis.Web.Features.Admissions.Public;
using Trellis.Web.Features.Admissions.SelfCheck;
using Trellis.Web.Features.Organization;

namespace Trellis.Tests.Admissions;

/// <summary>
/// Issue 13, point 8: severe scores and any PHQ-9 item 9 above 0 lead with urgent help and a level
/// above IOP; the crisis banner says what the person said; only programs that treat what they
/// reported are offered.
/// </summary>
[Trait("Category", "Unit")]
public class SelfCheckRulesTests
{
    private static SelfCheckResult Evaluate(SelfCheckInput input, string[] phq9, string[]? gad7 = null)
    {
        var raw = new Dictionary<string, string?[]> { ["phq-9"] = phq9 };
        if (gad7 is not null) raw["gad-7"] = gad7;
        var errors = new Dictionary<string, string[]>();
        var screens = SelfCheckEvaluation.ReadScreens(input, raw, errors);
        Assert.Empty(errors);
        return SelfCheckEvaluation.Evaluate(input, screens);
    }

    [Fact]
    public void A_phq9_of_24_with_item_9_nearly_every_day_leads_with_urgent_help_and_a_level_above_iop()
    {
        var result = Evaluate(new SelfCheckInput { ThoughtsOfEndingLife = YesNoUnsure.No, LedMood = true }, ["3", "3", "3", "3", "3", "3", "2", "1", "3"]);
        Assert.True(result.ShowCrisisHelp);
        Assert.True(result.SuicideSign);
        Assert.True(result.Suggestion.Level > LevelOfCare.IntensiveOutpatient, result.Suggestion.Level.ToString());
        Assert.Equal(SelfCheckEvaluation.UnassessedRiskRule, result.Suggestion.Applied.First().Id);
        Assert.Contains(result.CrisisReasons!, r => r.Contains("nearly every day"));
        Assert.Contains(result.CrisisReasons!, r => r.Contains("24 out of 27"));
    }

    [Theory]
    [InlineData(new[] { "3", "3", "3", "3", "2", "2", "2", "2", "0" }, null)] // PHQ-9 20, no item 9
    [InlineData(new[] { "1", "1", "1", "1", "1", "1", "1", "1", "0" }, new[] { "3", "3", "2", "2", "2", "2", "2" })] // GAD-7 16
    public void Severe_scores_alone_also_lead_with_urgent_help_and_a_level_above_iop(string[] phq9, string[]? gad7)
    {
        var result = Evaluate(new SelfCheckInput { ThoughtsOfEndingLife = YesNoUnsure.No }, phq9, gad7);
        Assert.True(result.ShowCrisisHelp);
        Assert.False(result.SuicideSign);
        Assert.Equal(LevelOfCare.PartialHospitalization, result.Suggestion.Level);
        Assert.DoesNotContain(result.CrisisReasons!, r => r.Contains("better off dead"));
    }

    [Fact]
    public void Not_sure_is_said_back_as_not_sure_never_as_thoughts_the_person_did_not_report()
    {
        var result = Evaluate(new SelfCheckInput { ThoughtsOfEndingLife = YesNoUnsure.NotSure }, ["1", "1", "1", "1", "0", "0", "0", "0", "0"]);
        Assert.True(result.ShowCrisisHelp);
        var reason = Assert.Single(result.CrisisReasons!);
        Assert.Contains("not sure whether you are having thoughts of ending your life", reason);
    }

    [Fact]
    public void Moderate_scores_with_no_sign_of_risk_keep_iop_and_no_crisis_banner()
    {
        var result = Evaluate(new SelfCheckInput { ThoughtsOfEndingLife = YesNoUnsure.No, Care = CurrentCare.WeeklyTherapy }, ["2", "2", "2", "2", "1", "1", "1", "1", "0"]);
        Assert.False(result.ShowCrisisHelp);
        Assert.Equal(LevelOfCare.IntensiveOutpatient, result.Suggestion.Level);
    }

    [Fact]
    public void Only_programs_that_treat_what_the_person_reported_are_offered()
    {
        var mh = new PublicProgram(Guid.NewGuid(), "Adult Mental Health IOP", null, IsPart2: false, Population.Adult, 9, "Pacific time", []);
        var su = new PublicProgram(Guid.NewGuid(), "Substance Use IOP", null, IsPart2: true, Population.Adult, 9, "Pacific time", []);
        var depression = new SelfCheckInput { ThoughtsOfEndingLife = YesNoUnsure.No, LedMood = true };
        var reported = SelfCheckEvaluation.Reported(depression, Evaluate(depression, ["2", "2", "2", "1", "1", "1", "1", "0", "0"]));
        Assert.Equal((false, true), reported);
        Assert.True(SelfCheckEvaluation.Treats(mh, reported));
        Assert.False(SelfCheckEvaluation.Treats(su, reported));

        var drinking = new SelfCheckInput { ThoughtsOfEndingLife = YesNoUnsure.No, LedAlcohol = true };
        var both = SelfCheckEvaluation.Reported(drinking, Evaluate(drinking, ["2", "2", "2", "1", "1", "1", "1", "0", "0"]));
        Assert.Equal((true, true), both);
        Assert.True(SelfCheckEvaluation.Treats(su, both) && SelfCheckEvaluation.Treats(mh, both));
        var nothing = new SelfCheckInput { ThoughtsOfEndingLife = YesNoUnsure.No };
        var none = SelfCheckEvaluation.Reported(nothing, SelfCheckEvaluation.Evaluate(nothing, new Dictionary<string, IReadOnlyList<JsonElement>>()));
        Assert.True(SelfCheckEvaluation.Treats(su, none) && SelfCheckEvaluation.Treats(mh, none));
    }
}

/// <summary>The same rules as a person meets them on the public self-check pages.</summary>
public class SelfCheckSafetyPagesTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    private static Dictionary<string, string?> StepOne(string thoughts, bool mood = true) => new()
    {
        ["Input.ThoughtsOfEndingLife"] = thoughts, ["Input.LedMood"] = mood ? "True" : null, ["Input.Hours"] = "NineToTwelve",
        ["Input.Mornings"] = "True", ["Input.Afternoons"] = "True", ["Input.Evenings"] = "True", ["Input.Join"] = "InPerson", ["Input.Care"] = "None",
        ["Input.HasSomeone"] = "Yes", ["Go"] = "next",
    };

    private async Task<IHtmlDocument> ResultAsync(string thoughts, int[] phq9)
    {
        var client = await app.PagesAsync(null);
        var (_, step2) = await client.SubmitAsync("/iop/self-check", "self-check", StepOne(thoughts));
        var form = PageClient.FindForm(step2, "self-check")!;
        var fields = form.QuerySelectorAll("input[type=hidden][name]").OfType<IHtmlInputElement>().Select(i => KeyValuePair.Create(i.Name!, i.Value)).ToList();
        fields.Add(KeyValuePair.Create("Go", "result"));
        for (var i = 0; i < phq9.Length; i++) fields.Add(KeyValuePair.Create($"q.phq-9.{i}", phq9[i].ToString()));
        var response = await client.Http.PostAsync("/iop/self-check", new FormUrlEncodedContent(fields));
        return new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_phq9_of_24_with_item_9_nearly_every_day_puts_988_and_911_first_and_does_not_call_iop_a_good_fit()
    {
        var doc = await ResultAsync("No", [3, 3, 3, 3, 3, 3, 2, 1, 3]);
        var crisis = doc.QuerySelector(".crisis[role=alert]")!;
        Assert.Same(crisis, doc.QuerySelector("main")!.FirstElementChild);
        Assert.Contains("988", crisis.TextContent);
        Assert.Contains("911", crisis.TextContent);
        Assert.Contains("nearly every day", crisis.TextContent);
        var suggestion = doc.QuerySelector(".suggestion")!.TextContent;
        Assert.DoesNotContain("could be a good fit", suggestion);
        Assert.DoesNotContain("intensive outpatient program (IOP)", doc.QuerySelector(".suggestion h2")!.TextContent);
        Assert.Contains("today", suggestion);
    }

    [Fact]
    public async Task Not_sure_gets_a_banner_that_says_not_sure()
    {
        var doc = await ResultAsync("NotSure", [1, 1, 1, 0, 0, 0, 0, 0, 0]);
        var crisis = doc.QuerySelector(".crisis[role=alert]")!.TextContent;
        Assert.Contains("not sure whether you are having thoughts of ending your life", crisis);
        Assert.DoesNotContain("better off dead", crisis);
        Assert.DoesNotContain("hurting yourself", crisis);
    }

    [Fact]
    public async Task A_person_with_depression_only_is_shown_no_substance_use_track()
    {
        var doc = await ResultAsync("No", [2, 2, 2, 1, 1, 1, 1, 0, 0]);
        var groups = doc.QuerySelector("#when")!.ParentElement!.TextContent;
        Assert.Contains("Adult Mental Health IOP", groups);
        Assert.DoesNotContain("Substance Use IOP", groups);
    }
}
