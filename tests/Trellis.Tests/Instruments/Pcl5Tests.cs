using Trellis.Web.Features.Instruments;
using static Trellis.Tests.Instruments.Answers;

namespace Trellis.Tests.Instruments;

[Trait("Category", "Unit")]
public class Pcl5Tests
{
    /// <summary>The fewest symptoms that meet the DSM-5 rule: item 1 (B), 6 (C), 8 and 9 (D), 15 and 16 (E) rated 2.</summary>
    private static int[] JustMeetingTheRule()
    {
        var ratings = new int[20];
        foreach (var item in new[] { 1, 6, 8, 9, 15, 16 }) ratings[item - 1] = 2;
        return ratings;
    }

    [Fact]
    public void Rule_is_met_with_one_B_one_C_two_D_and_two_E_symptoms()
    {
        var result = Score("pcl-5", Numbers(JustMeetingTheRule()));

        Assert.True(result.ProvisionalPtsd);
        Assert.Equal(12, result.Total);
        Assert.False(result.AboveCutoff);
        Assert.Null(result.Band);
        Assert.Contains("rule met", result.ClinicianInterpretation);
    }

    [Theory]
    [InlineData(1, "B")]
    [InlineData(6, "C")]
    [InlineData(8, "D")]
    [InlineData(15, "E")]
    public void Rule_is_not_met_when_one_cluster_is_one_symptom_short(int item, string cluster)
    {
        var ratings = JustMeetingTheRule();
        ratings[item - 1] = 0;

        var result = Score("pcl-5", Numbers(ratings));

        Assert.False(result.ProvisionalPtsd);
        Assert.Contains("rule not met", result.ClinicianInterpretation);
        Assert.Contains($"{cluster} {(cluster is "D" or "E" ? 1 : 0)} of", result.ClinicianInterpretation);
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, true)]
    [InlineData(3, true)]
    [InlineData(4, true)]
    public void An_item_counts_as_a_symptom_from_a_rating_of_2(int rating, bool provisional)
    {
        var ratings = JustMeetingTheRule().Select(r => r == 2 ? rating : 0).ToArray();

        Assert.Equal(provisional, Score("pcl-5", Numbers(ratings)).ProvisionalPtsd);
    }

    [Fact]
    public void Every_item_at_1_totals_20_without_a_single_symptom()
    {
        var result = Score("pcl-5", Numbers(Enumerable.Repeat(1, 20)));

        Assert.Equal(20, result.Total);
        Assert.False(result.ProvisionalPtsd);
        Assert.False(result.AboveCutoff);
    }

    [Theory]
    [InlineData(32, false)]
    [InlineData(33, true)]
    public void Cut_point_is_33(int total, bool above)
    {
        // Spread fills from item 1 at 4 each, so 32 and 33 differ only in the cut-point.
        var result = Score("pcl-5", Numbers(Spread(total, 20, 4)));

        Assert.Equal(total, result.Total);
        Assert.Equal(above, result.AboveCutoff);
    }

    [Fact]
    public void Cut_point_and_cluster_rule_are_separate_answers()
    {
        // Items 1–14 (clusters B, C and D) rated 4 pass 33 without a single E symptom.
        var ratings = new int[20];
        for (var i = 0; i < 14; i++) ratings[i] = 4;

        var result = Score("pcl-5", Numbers(ratings));

        Assert.Equal(56, result.Total);
        Assert.True(result.AboveCutoff);
        Assert.False(result.ProvisionalPtsd);
    }

    [Fact]
    public void Highest_answers_total_80()
    {
        var result = Score("pcl-5", Numbers(Enumerable.Repeat(4, 20)));

        Assert.Equal(80, result.Total);
        Assert.Equal(80, result.MaxTotal);
        Assert.True(result.ProvisionalPtsd);
        Assert.True(result.AboveCutoff);
        Assert.Empty(result.Flags);
        Assert.Null(result.PanelLoinc);
        Assert.Null(result.TotalLoinc);
        Assert.Contains("80 out of 80", result.Explanation);
    }

    [Fact]
    public void Items_belong_to_the_DSM5_clusters_with_the_standard_options()
    {
        var definition = InstrumentCatalog.Get("pcl-5")!;

        Assert.Equal(20, definition.Items.Count);
        Assert.Equal(string.Concat("BBBBB", "CC", "DDDDDDD", "EEEEEE"), string.Concat(definition.Items.Select(i => i.Cluster)));
        Assert.StartsWith("Repeated, disturbing, and unwanted memories of the stressful experience", definition.Items[0].Text);
        Assert.StartsWith("Trouble falling or staying asleep", definition.Items[19].Text);
        Assert.All(definition.Items, i => Assert.Equal(
            ["0 Not at all", "1 A little bit", "2 Moderately", "3 Quite a bit", "4 Extremely"], i.Options.Select(o => $"{o.Points} {o.Label}")));
    }
}
