namespace Trellis.Web.Features.Instruments;

/// <summary>The smallest change in an instrument's total that is more than measurement error, and where that figure comes from.</summary>
public sealed record ReliableChange(int Points, string Source);

/// <summary>How two totals of one instrument compare: only a reliable change is an improvement or a worsening.</summary>
public enum ChangeVerdict { ReliableImprovement, ReliableDeterioration, NoReliableChange }

/// <summary>The change from one total to a later one of the same instrument, read against its reliable change.</summary>
/// <param name="Threshold">The instrument's reliable change in points; null where none is published (AUDIT-C, DAST-10).</param>
public sealed record ScoreChange(string Instrument, int From, int To, int? Threshold, ChangeVerdict Verdict)
{
    /// <summary>Later minus earlier; negative is better on every instrument Trellis totals.</summary>
    public int Change => To - From;

    /// <summary>"Reliable improvement", "Reliable deterioration" or "No reliable change": the words every screen uses (issue 10's terms).</summary>
    public string Label => LabelOf(Verdict);

    public static string LabelOf(ChangeVerdict verdict) => verdict switch
    {
        ChangeVerdict.ReliableImprovement => "Reliable improvement",
        ChangeVerdict.ReliableDeterioration => "Reliable deterioration",
        _ => "No reliable change",
    };

    /// <summary>"10 points lower: reliable improvement (on PHQ-9 a reliable change is 6 points or more)".</summary>
    public string Words
    {
        get
        {
            var moved = Change == 0 ? "the same score" : $"{Math.Abs(Change)} point{(Math.Abs(Change) == 1 ? "" : "s")} {(Change < 0 ? "lower" : "higher")}";
            var rule = Threshold is { } t ? $"on {Instrument} a reliable change is {t} points or more" : $"{Instrument} has no published reliable-change threshold";
            return $"{moved}: {Label.ToLowerInvariant()} ({rule})";
        }
    }
}

/// <summary>
/// The one definition of reliable change, used wherever scores are compared (the Measures tab, the trend charts, the
/// dashboards, the discharge summary, the outcomes API): a change at least the instrument's threshold
/// (<see cref="ReliableChangeThresholds"/>: the published <see cref="InstrumentDefinition.ReliableChange"/> unless the
/// clinic configured another) is a reliable improvement (lower) or deterioration (higher); anything smaller, and any
/// change on an instrument without a threshold, is no reliable change. Lower is better on every instrument Trellis
/// totals. Pure: the thresholds are passed in, so no caller can fall back on a figure of its own.
/// </summary>
public static class ReliableChanges
{
    public static ScoreChange Compare(InstrumentDefinition definition, int from, int to, ReliableChangeThresholds thresholds) =>
        Compare(definition, from, to, thresholds.For(definition));

    /// <summary>Against a given threshold: the one a finalised discharge summary recorded when it was signed.</summary>
    public static ScoreChange Compare(InstrumentDefinition definition, int from, int to, int? threshold)
    {
        var change = to - from;
        var verdict = threshold is not { } t || Math.Abs(change) < t ? ChangeVerdict.NoReliableChange
            : change < 0 ? ChangeVerdict.ReliableImprovement : ChangeVerdict.ReliableDeterioration;
        return new ScoreChange(definition.Name, from, to, threshold, verdict);
    }

    /// <summary>As above, by code ("phq-9"); null for an unknown instrument.</summary>
    public static ScoreChange? Compare(string code, int from, int to, ReliableChangeThresholds thresholds) =>
        InstrumentCatalog.Get(code) is { } definition ? Compare(definition, from, to, thresholds) : null;
}
