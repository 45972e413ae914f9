using Trellis.Web.Features.Instruments;
using static Trellis.Tests.Instruments.Answers;

namespace Trellis.Tests.Instruments;

[Trait("Category", "Unit")]
public class Dast10Tests
{
    /// <summary>Answers worth <paramref name="total"/> points: item 3 Yes (0 points), then Yes on as many other items as needed.</summary>
    private static object?[] Worth(int total)
    {
        var answers = new object?[10];
        var others = 0;
        for (var i = 0; i < 10; i++)
            answers[i] = i == 2 ? true : others++ < total;
        return answers;
    }

    [Fact]
    public void Answering_No_to_everything_scores_1_because_item_3_is_reversed()
    {
        var result = Score("dast-10", Of(false, false, false, false, false, false, false, false, false, false));

        Assert.Equal(1, result.Total);
        Assert.Equal("low", result.Band);
    }

    [Fact]
    public void Item_3_Yes_and_the_rest_No_scores_0()
    {
        var result = Score("dast-10", Of(false, false, true, false, false, false, false, false, false, false));

        Assert.Equal(0, result.Total);
        Assert.Equal("none", result.Band);
        Assert.Contains("0 out of 10", result.Explanation);
    }

    [Theory]
    [InlineData(0, "none")]
    [InlineData(1, "low")]
    [InlineData(2, "low")]
    [InlineData(3, "moderate")]
    [InlineData(5, "moderate")]
    [InlineData(6, "substantial")]
    [InlineData(8, "substantial")]
    [InlineData(9, "severe")]
    public void Band_changes_exactly_at_each_published_cut_point(int total, string band)
    {
        var result = Score("dast-10", Of(Worth(total)));

        Assert.Equal(total, result.Total);
        Assert.Equal(band, result.Band);
        Assert.Contains("not a diagnosis", result.Explanation);
    }

    [Fact]
    public void Yes_to_every_problem_and_No_to_item_3_scores_10_severe()
    {
        var result = Score("dast-10", Of(true, true, false, true, true, true, true, true, true, true));

        Assert.Equal(10, result.Total);
        Assert.Equal(10, result.MaxTotal);
        Assert.Equal("severe", result.Band);
        Assert.Equal(("82666-9", "82667-7"), (result.PanelLoinc, result.TotalLoinc));
    }

    [Fact]
    public void Yes_to_everything_scores_9_because_item_3_Yes_scores_0()
    {
        var result = Score("dast-10", Of(true, true, true, true, true, true, true, true, true, true));

        Assert.Equal(9, result.Total);
        Assert.Equal("severe", result.Band);
    }

    [Fact]
    public void Definition_leaves_unresearched_item_codes_null_rather_than_guessed()
    {
        var definition = InstrumentCatalog.Get("dast-10")!;

        Assert.Equal(10, definition.Items.Count);
        Assert.All(definition.Items, i => Assert.Equal((AnswerKind.YesNo, (string?)null), (i.Kind, i.Loinc)));
        Assert.Equal([0, 1], definition.Items[2].Options.Select(o => o.Points));
        Assert.Equal([1, 0], definition.Items[0].Options.Select(o => o.Points));
    }
}
