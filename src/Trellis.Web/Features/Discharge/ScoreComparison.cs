using Trellis.Web.Features.Instruments;

namespace Trellis.Web.Features.Discharge;

/// <summary>
/// One instrument's score at admission and at discharge, and what the change means by every definition of
/// <see cref="Outcomes.ChangeRules"/>, kept as they stood when the summary was finalised (a later change of threshold
/// does not rewrite a signed summary). The flags are null with only one score, or where the instrument has no such rule.
/// </summary>
public sealed class ScoreComparison
{
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public int AdmissionScore { get; set; }
    public DateOnly AdmissionOn { get; set; }
    public string? AdmissionBand { get; set; }
    public int? DischargeScore { get; set; }
    public DateOnly? DischargeOn { get; set; }
    public string? DischargeBand { get; set; }
    /// <summary>Discharge minus admission; negative is better on every instrument Trellis scores.</summary>
    public int? Change { get; set; }
    /// <summary>The reliable-change threshold in points the comparison used (configured or published); null where none applies.</summary>
    public int? ReliableChange { get; set; }
    /// <summary>"Reliable improvement", "Reliable deterioration", "No reliable change …" or "Only one score …".</summary>
    public string Outcome { get; set; } = "";
    public bool? ReliableImprovement { get; set; }
    public bool? ReliableDeterioration { get; set; }
    /// <summary>50% or more lower than at admission.</summary>
    public bool? Response { get; set; }
    public bool? Remission { get; set; }
    public bool? CaseAtStart { get; set; }
    public bool? Recovery { get; set; }
    public bool? ReliableRecovery { get; set; }

    public ScoreComparison Copy() => (ScoreComparison)MemberwiseClone();

    /// <summary>The definitions beyond reliable change, in words, as the page, the print and the FHIR document give them.</summary>
    public IEnumerable<string> Findings()
    {
        if (DischargeScore is null) yield break;
        if (Response is { } response) yield return $"Response (50% or more lower): {YesNo(response)}";
        if (Remission is { } remission) yield return $"Remission: {YesNo(remission)}";
        if (CaseAtStart is { } caseAtStart) yield return $"A case at admission: {YesNo(caseAtStart)}";
        if (Recovery is { } recovery) yield return $"Recovery: {YesNo(recovery)}";
        if (ReliableRecovery is { } reliable) yield return $"Reliable recovery: {YesNo(reliable)}";
    }

    private static string YesNo(bool b) => b ? "yes" : "no";
}

/// <param name="Code">Instrument code, e.g. phq-9.</param>
public sealed record ScorePoint(string Code, int Total, DateOnly On);

/// <summary>
/// Admission versus discharge scores for the discharge summary. Pure: the admission score is the first
/// given from two weeks before admission (pre-admission screening counts) up to discharge; the discharge
/// score is the last given after it, up to the discharge date. What the change means is the Outcomes feature's
/// one set of definitions (<see cref="Outcomes.ChangeRules"/>, with the clinic's <see cref="ReliableChangeThresholds"/>):
/// only a reliable change is called improvement or deterioration.
/// </summary>
public static class DischargeScores
{
    public const int AdmissionWindowDays = 14;
    public const string OneScore = "Only one score: repeat the measure before discharge";
    public const string NoThreshold = "No reliable change (no threshold is published for this measure)";

    public static List<ScoreComparison> Compare(IEnumerable<ScorePoint> points, DateOnly admittedOn, DateOnly dischargedOn, ReliableChangeThresholds thresholds)
    {
        var list = new List<ScoreComparison>();
        foreach (var group in points.Where(p => p.On >= admittedOn.AddDays(-AdmissionWindowDays) && p.On <= dischargedOn)
                     .GroupBy(p => p.Code.ToLowerInvariant()).OrderBy(g => g.Key))
        {
            var ordered = group.OrderBy(p => p.On).ToList();
            var first = ordered[0];
            var last = ordered.Count > 1 ? ordered[^1] : null;
            var definition = InstrumentCatalog.Get(group.Key);
            var s = new ScoreComparison
            {
                Code = group.Key, Name = definition?.Name ?? group.Key, AdmissionScore = first.Total, AdmissionOn = first.On,
                AdmissionBand = definition?.BandFor(first.Total)?.Words,
                DischargeScore = last?.Total, DischargeOn = last?.On, DischargeBand = last is null ? null : definition?.BandFor(last.Total)?.Words,
                Change = last is null ? null : last.Total - first.Total, ReliableChange = definition is null ? null : thresholds.For(definition),
            };
            list.Add(Judge(s));
        }
        return list;
    }

    /// <summary>
    /// Fills the outcome words and flags from the scores and the recorded threshold. Also how a summary finalised before
    /// the flags were kept is read: judged against the threshold it recorded, so its words and flags still agree.
    /// </summary>
    public static ScoreComparison Judge(ScoreComparison s)
    {
        if (s.DischargeScore is not { } latest || InstrumentCatalog.Get(s.Code) is not { } d)
        {
            s.Outcome = s.DischargeScore is null ? OneScore : NoThreshold;
            return s;
        }
        var o = Outcomes.ChangeRules.Evaluate(d, s.AdmissionScore, latest, s.ReliableChange);
        s.Outcome = o.ReliableThreshold is null ? NoThreshold : o.Verdict;
        (s.ReliableImprovement, s.ReliableDeterioration, s.Response, s.Remission, s.CaseAtStart, s.Recovery, s.ReliableRecovery) =
            (o.ReliableImprovement, o.ReliableDeterioration, o.Response, o.Remission, o.CaseAtStart, o.Recovery, o.ReliableRecovery);
        return s;
    }

    /// <summary>A stored summary's scores as they are shown: one finalised before the flags were kept is judged on read (<see cref="Judge"/>).</summary>
    public static List<ScoreComparison> AsShown(IEnumerable<ScoreComparison> stored) =>
        stored.Select(s => s.DischargeScore is not null && s.ReliableImprovement is null ? Judge(s.Copy()) : s).ToList();
}
