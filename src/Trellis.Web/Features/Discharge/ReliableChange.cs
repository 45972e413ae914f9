namespace Trellis.Web.Features.Discharge;

public enum ChangeVerdict { ReliableImprovement, ReliableDeterioration, NoReliableChange, NoThreshold }

/// <param name="Threshold">The smallest change, in points, that counts as reliable on the instrument; null when none is published.</param>
public sealed record ReliableChangeJudgement(ChangeVerdict Verdict, int? Threshold);

/// <summary>
/// "Is this change a reliable one?" (issue 13 point 7: only a reliable change may be called improvement or
/// worsening; anything else is "no reliable change"). The one definition belongs to the Instruments feature;
/// the discharge summary asks through this seam so that, when it is merged, only
/// <see cref="DischargeScores.ReliableChange"/> changes to call it.
/// </summary>
public interface IReliableChange
{
    /// <summary>The smallest change, in points, that is reliable on the instrument; null when none is published.</summary>
    int? ThresholdFor(string instrumentCode);

    ReliableChangeJudgement Judge(string instrumentCode, int before, int after);
}

/// <summary>
/// The published thresholds the discharge summary used until the Instruments feature's definition is merged:
/// PHQ-9 6 points and GAD-7 4 points (NHS Talking Therapies manual, reliable improvement), PCL-5 10 points
/// (US National Center for PTSD: 5–10 reliable, 10–20 clinically meaningful; the conservative end). AUDIT-C
/// and DAST-10 have no agreed threshold. Lower is better on all of them.
/// </summary>
public sealed class PublishedReliableChange : IReliableChange
{
    public static readonly PublishedReliableChange Instance = new();

    public int? ThresholdFor(string instrumentCode) => instrumentCode.ToLowerInvariant() switch
    {
        "phq-9" => 6,
        "gad-7" => 4,
        "pcl-5" => 10,
        _ => null,
    };

    public ReliableChangeJudgement Judge(string instrumentCode, int before, int after)
    {
        var threshold = ThresholdFor(instrumentCode);
        var change = after - before;
        var verdict = threshold is not { } t ? ChangeVerdict.NoThreshold
            : -change >= t ? ChangeVerdict.ReliableImprovement
            : change >= t ? ChangeVerdict.ReliableDeterioration
            : ChangeVerdict.NoReliableChange;
        return new(verdict, threshold);
    }
}
