using Trellis.Web.Features.Instruments;
using static Trellis.Tests.Instruments.Answers;

namespace Trellis.Tests.Instruments;

[Trait("Category", "Unit")]
public class Phq9Tests
{
    /// <summary>Items 1–8 carry the total and item 9 stays 0, so no band result depends on the suicide item.</summary>
    private static InstrumentResult ScoreWithoutItem9(int total) => Score("phq-9", Numbers([.. Spread(total, 8, 3), 0]));

    [Theory]
    [InlineData(0, "minimal")]
    [InlineData(4, "minimal")]
    [InlineData(5, "mild")]
    [InlineData(9, "mild")]
    [InlineData(10, "moderate")]
    [InlineData(14, "moderate")]
    [InlineData(15, "moderately_severe")]
    [InlineData(19, "moderately_severe")]
    [InlineData(20, "severe")]
    [InlineData(24, "severe")]
    public void Band_changes_exactly_at_each_published_cut_point(int total, string band)
    {
        var result = ScoreWithoutItem9(total);

        Assert.Equal(total, result.Total);
        Assert.Equal(band, result.Band);
        Assert.Empty(result.Flags);
    }

    [Fact]
    public void Highest_answers_score_27_severe_and_flag_suicide_risk()
    {
        var result = Score("phq-9", Numbers(Enumerable.Repeat(3, 9)));

        Assert.Equal(27, result.Total);
        Assert.Equal(27, result.MaxTotal);
        Assert.Equal("severe", result.Band);
        Assert.Equal([InstrumentFlags.SuicideRisk], result.Flags);
    }

    [Theory]
    [InlineData(1, "Several days")]
    [InlineData(2, "More than half the days")]
    [InlineData(3, "Nearly every day")]
    public void Any_answer_above_0_on_item_9_flags_suicide_risk_whatever_the_total(int item9, string label)
    {
        var result = Score("phq-9", Numbers([0, 0, 0, 0, 0, 0, 0, 0, item9]));

        Assert.Equal("minimal", result.Band);
        Assert.Equal([InstrumentFlags.SuicideRisk], result.Flags);
        Assert.Contains("988", result.Explanation);
        Assert.Contains($"\"{label}\"", result.ClinicianInterpretation);
    }

    [Fact]
    public void Item_9_at_0_does_not_flag_but_the_clinician_note_says_it_does_not_rule_out_risk()
    {
        var result = ScoreWithoutItem9(24);

        Assert.Empty(result.Flags);
        Assert.DoesNotContain("988", result.Explanation);
        Assert.Contains("does not rule out", result.ClinicianInterpretation);
    }

    [Fact]
    public void Result_carries_the_LOINC_codes_and_explanations_in_plain_words()
    {
        var result = ScoreWithoutItem9(12);

        Assert.Equal("phq-9", result.Instrument);
        Assert.Equal("44249-1", result.PanelLoinc);
        Assert.Equal("44261-6", result.TotalLoinc);
        Assert.Null(result.Positive);
        Assert.Null(result.Risk);
        Assert.Null(result.ProvisionalPtsd);
        Assert.Contains("12 out of 27", result.Explanation);
        Assert.Contains("moderate", result.Explanation);
        Assert.Contains("not a diagnosis", result.Explanation);
        Assert.Contains("PHQ-9 total 12/27: moderate (10–14)", result.ClinicianInterpretation);
    }

    [Fact]
    public void Difficulty_item_is_listed_but_unscored_and_not_part_of_the_answers()
    {
        var definition = InstrumentCatalog.Get("phq-9")!;
        var difficulty = Assert.Single(definition.Items, i => !i.Scored);

        Assert.Equal("69722-7", difficulty.Loinc);
        Assert.False(difficulty.Required);
        Assert.All(difficulty.Options, o => Assert.Null(o.Points));
        Assert.Equal(["LA6572-7", "LA6573-5", "LA6575-0", "LA6574-3"], difficulty.Options.Select(o => o.Loinc));
        Assert.Equal(9, definition.ScoredItems.Count);

        var (key, message) = SingleError("phq-9", Numbers([0, 0, 0, 0, 0, 0, 0, 0, 0, 2]));
        Assert.Equal("answers", key);
        Assert.StartsWith("phq-9 takes 9 answers; got 10.", message);
        Assert.Contains("item 10 (69722-7)", message);
    }

    [Fact]
    public void Items_and_answers_carry_the_published_LOINC_codes()
    {
        var definition = InstrumentCatalog.Get("phq-9")!;

        Assert.Equal(["44250-9", "44255-8", "44259-0", "44254-1", "44251-7", "44258-2", "44252-5", "44253-3", "44260-8"],
            definition.ScoredItems.Select(i => i.Loinc));
        Assert.All(definition.ScoredItems, item =>
            Assert.Equal(["LA6568-5:0", "LA6569-3:1", "LA6570-1:2", "LA6571-9:3"], item.Options.Select(o => $"{o.Loinc}:{o.Points}")));
    }
}
