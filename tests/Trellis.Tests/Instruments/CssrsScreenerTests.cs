using Trellis.Web.Features.Instruments;
using static Trellis.Tests.Instruments.Answers;

namespace Trellis.Tests.Instruments;

[Trait("Category", "Unit")]
public class CssrsScreenerTests
{
    private const string Code = "c-ssrs-screener";

    // Answers in form order: q1, q2, q3, q4, q5, q6, q6 within the past 3 months.
    public static TheoryData<string, object?[], string> Patterns => new()
    {
        { "all No, items 3–5 and 7 skipped", [false, false, null, null, null, false, null], "none" },
        { "wish to be dead only", [true, false, null, null, null, false, null], "low" },
        { "thoughts, then No to 3–5", [false, true, false, false, false, false, null], "low" },
        { "wish and thoughts, no method", [true, true, false, false, false, false, null], "low" },
        { "thinking about a method", [true, true, true, false, false, false, null], "moderate" },
        { "behaviour more than 3 months ago, no ideation", [false, false, null, null, null, true, false], "moderate" },
        { "behaviour more than 3 months ago with wish", [true, false, null, null, null, true, false], "moderate" },
        { "some intent to act", [true, true, false, true, false, false, null], "high" },
        { "plan with intent", [true, true, false, false, true, false, null], "high" },
        { "method, intent and plan", [true, true, true, true, true, false, null], "high" },
        { "behaviour within 3 months, no ideation", [false, false, null, null, null, true, true], "high" },
        { "method and behaviour long ago", [true, true, true, false, false, true, false], "moderate" },
    };

    [Theory]
    [MemberData(nameof(Patterns))]
    public void Risk_level_follows_the_screener_rules(string pattern, object?[] answers, string risk)
    {
        var result = Score(Code, Of(answers));

        Assert.True(risk == result.Risk, $"{pattern}: expected {risk}, got {result.Risk}");
        Assert.Null(result.Total);
        Assert.Null(result.Band);
        Assert.Equal(risk is "moderate" or "high" ? [InstrumentFlags.SuicideRisk] : [], result.Flags);
        Assert.Contains("not a diagnosis", result.Explanation);
        Assert.Contains($"{risk} risk", result.ClinicianInterpretation);
    }

    [Theory]
    [InlineData("high", "988")]
    [InlineData("moderate", "988")]
    [InlineData("low", "988")]
    public void Explanations_for_any_risk_give_the_crisis_line(string risk, string line)
    {
        object?[] answers = risk switch
        {
            "high" => [true, true, false, true, false, false, null],
            "moderate" => [true, true, true, false, false, false, null],
            _ => [true, false, null, null, null, false, null],
        };

        Assert.Contains(line, Score(Code, Of(answers)).Explanation);
    }

    [Fact]
    public void Result_names_the_panel_and_has_no_total_code()
    {
        var result = Score(Code, Of(false, false, null, null, null, false, null));

        Assert.Equal("93373-9", result.PanelLoinc);
        Assert.Null(result.TotalLoinc);
        Assert.Null(result.MaxTotal);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Items_3_to_5_must_be_null_when_item_2_is_No(int index)
    {
        var answers = new object?[] { true, false, null, null, null, false, null };
        answers[index] = false;

        var (key, message) = SingleError(Code, Of(answers));

        Assert.Equal($"answers[{index}]", key);
        Assert.Equal($"C-SSRS item {index + 1} must be null when item 2 is No: the form skips it.", message);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Items_3_to_5_are_required_when_item_2_is_Yes(int index)
    {
        var answers = new object?[] { true, true, false, false, false, false, null };
        answers[index] = null;

        var (key, message) = SingleError(Code, Of(answers));

        Assert.Equal($"answers[{index}]", key);
        Assert.StartsWith($"C-SSRS item {index + 1} is required when item 2 is Yes", message);
    }

    [Fact]
    public void Item_7_must_be_null_when_item_6_is_No()
    {
        var (key, message) = SingleError(Code, Of(false, false, null, null, null, false, true));

        Assert.Equal("answers[6]", key);
        Assert.Equal("C-SSRS item 7 must be null when item 6 is No: the form skips it.", message);
    }

    [Fact]
    public void Item_7_is_required_when_item_6_is_Yes()
    {
        var (key, message) = SingleError(Code, Of(false, false, null, null, null, true, null));

        Assert.Equal("answers[6]", key);
        Assert.StartsWith("C-SSRS item 7 is required when item 6 is Yes", message);
    }

    [Fact]
    public void A_missing_item_2_is_reported_once_without_judging_the_items_it_controls()
    {
        var outcome = InstrumentScorer.Score(Code, Of(false, null, true, true, true, false, null));

        Assert.Equal(["answers[1]"], outcome.Errors.Keys);
        Assert.Equal("C-SSRS item 2 is required; answer true (Yes) or false (No).", outcome.Errors["answers[1]"].Single());
    }

    [Fact]
    public void Wrong_type_in_a_skipped_item_is_still_a_type_error()
    {
        var (key, message) = SingleError(Code, Of(false, false, "no", null, null, false, null));

        Assert.Equal("answers[2]", key);
        Assert.Equal("C-SSRS item 3 must be true (Yes) or false (No), not a string; got \"no\".", message);
    }

    [Fact]
    public void Definition_carries_the_item_codes_and_skip_logic()
    {
        var definition = InstrumentCatalog.Get(Code)!;

        Assert.Equal(["93246-7", "93247-5", "93248-3", "93249-1", "93250-9", "93267-3", "93269-9"], definition.Items.Select(i => i.Loinc));
        Assert.Equal([null, null, new(2, true), new(2, true), new(2, true), null, new EnableWhen(6, true)], definition.Items.Select(i => i.EnableWhen));
        Assert.All(definition.Items, i => Assert.Equal(["Yes:LA33-6", "No:LA32-8"], i.Options.Select(o => $"{o.Label}:{o.Loinc}")));
    }
}
