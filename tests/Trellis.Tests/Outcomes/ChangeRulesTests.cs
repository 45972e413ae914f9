using Trellis.Web.Features.Instruments;
using Trellis.Web.Features.Outcomes;

namespace Trellis.Tests.Outcomes;

/// <summary>Worked cases at and just past each threshold of issue 10 point 3.</summary>
[Trait("Category", "Unit")]
public class ChangeRulesTests
{
    [Theory]
    [InlineData("phq-9", 16, 10, true, false)]   // -6: at the threshold
    [InlineData("phq-9", 16, 11, false, false)]  // -5: just short
    [InlineData("phq-9", 10, 16, false, true)]   // +6: reliable deterioration
    [InlineData("gad-7", 12, 8, true, false)]    // -4
    [InlineData("gad-7", 12, 9, false, false)]   // -3
    [InlineData("pcl-5", 50, 40, true, false)]   // -10
    [InlineData("pcl-5", 50, 41, false, false)]  // -9
    [InlineData("dast-10", 8, 0, false, false)]  // no published threshold: never "improved"
    public void Reliable_change_is_the_instruments_threshold(string code, int from, int to, bool improved, bool worse)
    {
        var o = ChangeRules.Evaluate(code, from, to, ReliableChangeThresholds.Published)!;
        Assert.Equal((improved, worse), (o.ReliableImprovement, o.ReliableDeterioration));
        if (!improved && !worse) Assert.Equal("No reliable change", o.Verdict);
    }

    [Theory]
    [InlineData(20, 10, true)]  // exactly half
    [InlineData(20, 11, false)] // just short of half
    [InlineData(0, 0, false)]   // nothing to reduce
    public void Response_is_a_reduction_of_half_or_more(int from, int to, bool response) =>
        Assert.Equal(response, ChangeRules.Evaluate("phq-9", from, to, ReliableChangeThresholds.Published)!.Response);

    [Theory]
    [InlineData("phq-9", 4, true)]
    [InlineData("phq-9", 5, false)]
    [InlineData("gad-7", 4, true)]
    [InlineData("gad-7", 5, false)]
    public void Remission_is_below_5(string code, int latest, bool remission) =>
        Assert.Equal(remission, ChangeRules.Evaluate(code, 15, latest, ReliableChangeThresholds.Published)!.Remission);

    [Fact]
    public void Remission_and_caseness_are_null_where_no_rule_applies()
    {
        var o = ChangeRules.Evaluate("pcl-5", 50, 20, ReliableChangeThresholds.Published)!;
        Assert.Null(o.Remission);
        Assert.Null(o.CaseAtStart);
        Assert.Null(o.Recovery);
        Assert.Null(o.ReliableRecovery);
    }

    [Theory]
    [InlineData("phq-9", 10, true)]
    [InlineData("phq-9", 9, false)]
    [InlineData("gad-7", 8, true)]
    [InlineData("gad-7", 7, false)]
    public void Caseness_thresholds(string code, int total, bool isCase) => Assert.Equal(isCase, ChangeRules.IsCase(code, total));

    [Theory]
    // PHQ-9: case at start (10+), not a case at the end (under 10); reliable recovery also needs a drop of 6+.
    [InlineData(15, 9, true, true)]    // -6, 15 → 9
    [InlineData(14, 9, true, false)]   // -5: recovery without reliable improvement
    [InlineData(15, 10, false, false)] // still a case
    [InlineData(9, 2, false, false)]   // not a case at the start: no recovery to make
    public void Recovery_and_reliable_recovery(int from, int to, bool recovery, bool reliableRecovery)
    {
        var o = ChangeRules.Evaluate("phq-9", from, to, ReliableChangeThresholds.Published)!;
        Assert.Equal(recovery, o.Recovery);
        Assert.Equal(reliableRecovery, o.ReliableRecovery);
    }
}
