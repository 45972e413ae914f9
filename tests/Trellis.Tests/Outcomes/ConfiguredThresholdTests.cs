using Microsoft.Extensions.Configuration;
using Trellis.Web.Features.Discharge;
using Trellis.Web.Features.Instruments;
using Trellis.Web.Features.Outcomes;

namespace Trellis.Tests.Outcomes;

/// <summary>
/// Issue 10 point 3: each reliable-change threshold is configurable, in one place, and every rule reads it. Worked cases
/// at and just past a changed threshold, and the checks that stop the app on a bad one.
/// </summary>
[Trait("Category", "Unit")]
public class ConfiguredThresholdTests
{
    private static readonly ReliableChangeThresholds Changed = ReliableChangeThresholds.With(new Dictionary<string, string?>
    {
        ["phq-9"] = "5", ["GAD-7"] = "3", ["pcl-5"] = "12", ["audit-c"] = "3",
    });
    private static readonly DateOnly Admitted = new(2026, 9, 1);

    [Fact]
    public void Configured_thresholds_replace_the_published_ones_and_the_rest_stay_published()
    {
        Assert.Equal((5, 3, 12, 3), (Changed.For("phq-9"), Changed.For("gad-7"), Changed.For("pcl-5"), Changed.For("audit-c")));
        Assert.Null(Changed.For("dast-10"));
        Assert.True(Changed.IsConfigured("gad-7"));
        Assert.False(Changed.IsConfigured("dast-10"));
        Assert.Equal((6, 4, 10), (ReliableChangeThresholds.Published.For("phq-9"), ReliableChangeThresholds.Published.For("gad-7"), ReliableChangeThresholds.Published.For("pcl-5")));
        Assert.Null(ReliableChangeThresholds.Published.For("audit-c"));
    }

    [Theory]
    [InlineData("phq-9", 16, 11, true, false)]   // -5: at the configured 5 (the published 6 would say no)
    [InlineData("phq-9", 16, 12, false, false)]  // -4: just short
    [InlineData("phq-9", 10, 15, false, true)]   // +5: deterioration at the configured threshold
    [InlineData("phq-9", 10, 14, false, false)]  // +4
    [InlineData("gad-7", 12, 9, true, false)]    // -3
    [InlineData("gad-7", 12, 10, false, false)]  // -2
    [InlineData("pcl-5", 50, 38, true, false)]   // -12: a stricter threshold than the published 10
    [InlineData("pcl-5", 50, 39, false, false)]  // -11: reliable at the published 10, not at 12
    [InlineData("audit-c", 8, 5, true, false)]   // no published threshold, one configured
    [InlineData("audit-c", 8, 6, false, false)]
    [InlineData("dast-10", 8, 0, false, false)]  // none published or configured: never "improved"
    public void Reliable_change_reads_the_configured_threshold(string code, int from, int to, bool improved, bool worse)
    {
        var o = ChangeRules.Evaluate(code, from, to, Changed)!;
        Assert.Equal((improved, worse), (o.ReliableImprovement, o.ReliableDeterioration));
        var change = ReliableChanges.Compare(code, from, to, Changed)!;
        Assert.Equal(o.Verdict, change.Label);
        if (!improved) Assert.DoesNotContain("mprovement", change.Words);
    }

    [Theory]
    // PHQ-9 14 → 9: a case at the start and not at the end; reliable recovery only when 5 points is reliable.
    [InlineData(14, 9, true, true)]
    [InlineData(14, 10, false, false)] // still a case
    [InlineData(13, 9, true, false)]   // -4: recovery, but not reliable at 5
    public void Reliable_recovery_follows_the_configured_threshold(int from, int to, bool recovery, bool reliableRecovery)
    {
        var o = ChangeRules.Evaluate("phq-9", from, to, Changed)!;
        Assert.Equal((recovery, reliableRecovery), (o.Recovery, o.ReliableRecovery));
        Assert.False(ChangeRules.Evaluate("phq-9", 14, 9, ReliableChangeThresholds.Published)!.ReliableRecovery);
    }

    [Fact]
    public void The_discharge_summary_records_the_threshold_it_used_and_every_definition()
    {
        var s = DischargeScores.Compare([new ScorePoint("phq-9", 14, Admitted), new ScorePoint("phq-9", 9, Admitted.AddDays(30))], Admitted, Admitted.AddDays(40), Changed).Single();
        Assert.Equal(5, s.ReliableChange);
        Assert.Equal("Reliable improvement", s.Outcome);
        Assert.Equal((true, false, false, false, true, true, true),
            (s.ReliableImprovement, s.ReliableDeterioration, s.Response, s.Remission, s.CaseAtStart, s.Recovery, s.ReliableRecovery));
        Assert.Contains("Reliable recovery: yes", s.Findings());

        var published = DischargeScores.Compare([new ScorePoint("phq-9", 14, Admitted), new ScorePoint("phq-9", 9, Admitted.AddDays(30))], Admitted, Admitted.AddDays(40), ReliableChangeThresholds.Published).Single();
        Assert.Equal((6, "No reliable change", false, true, false), (published.ReliableChange, published.Outcome, published.ReliableImprovement, published.Recovery, published.ReliableRecovery));
        Assert.Contains("Recovery: yes", published.Findings());
        Assert.Contains("Reliable recovery: no", published.Findings());
    }

    [Fact]
    public void A_summary_finalised_before_the_flags_were_kept_is_judged_against_the_threshold_it_recorded()
    {
        // As stored by the earlier code: scores, the threshold then in force and the words, no flags.
        var old = new ScoreComparison { Code = "phq-9", Name = "PHQ-9", AdmissionScore = 14, AdmissionOn = Admitted, DischargeScore = 9, DischargeOn = Admitted.AddDays(30), Change = -5, ReliableChange = 5, Outcome = "Reliable improvement" };
        var shown = Assert.Single(DischargeScores.AsShown([old]));
        Assert.Equal(("Reliable improvement", true, true), (shown.Outcome, shown.ReliableImprovement, shown.ReliableRecovery));
        Assert.Null(old.ReliableImprovement); // the stored row is not changed by reading it
        var oneScore = new ScoreComparison { Code = "gad-7", Name = "GAD-7", AdmissionScore = 12, AdmissionOn = Admitted, Outcome = DischargeScores.OneScore };
        Assert.Empty(Assert.Single(DischargeScores.AsShown([oneScore])).Findings());
    }

    [Theory]
    [InlineData("phq-9", "27", true)]   // the most PHQ-9 can change
    [InlineData("phq-9", "28", false)]  // just past it
    [InlineData("phq-9", "1", true)]
    [InlineData("phq-9", "0", false)]
    [InlineData("gad-7", "21", true)]
    [InlineData("gad-7", "22", false)]
    [InlineData("phq-9", "six", false)]
    [InlineData("phq-9", "5.5", false)]
    [InlineData("phq-99", "6", false)]
    [InlineData("phq-9", "", true)]     // empty: the published figure
    public void A_threshold_must_be_a_whole_number_the_scale_can_move(string code, string value, bool valid) =>
        Assert.Equal(valid, ReliableChangeThresholds.Problems(new Dictionary<string, string?> { [code] = value }).Count == 0);

    [Fact]
    public void A_bad_configuration_stops_the_app_naming_every_bad_key()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Trellis:Outcomes:ReliableChange:phq-9"] = "0", ["Trellis:Outcomes:ReliableChange:bdi"] = "5", ["Trellis:Outcomes:ReliableChange:gad-7"] = "4",
        }).Build();
        var e = Assert.Throws<InvalidOperationException>(() => ReliableChangeThresholds.FromConfiguration(config));
        Assert.Contains("Trellis:Outcomes:ReliableChange:phq-9: 0 is outside 1 to 27", e.Message);
        Assert.Contains("Trellis:Outcomes:ReliableChange:bdi: Trellis scores no instrument", e.Message);
        Assert.DoesNotContain("ReliableChange:gad-7", e.Message);

        var good = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Trellis:Outcomes:ReliableChange:phq-9"] = "5" }).Build();
        Assert.Equal(5, ReliableChangeThresholds.FromConfiguration(good).For("phq-9"));
        Assert.Equal(6, ReliableChangeThresholds.FromConfiguration(new ConfigurationBuilder().Build()).For("phq-9"));
    }
}
