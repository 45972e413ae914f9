using Trellis.Web.Features.Instruments;

namespace Trellis.Web.Features.Discharge;

/// <summary>One instrument's score at admission and at discharge.</summary>
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
    public int? ReliableChange { get; set; }
    public string Outcome { get; set; } = "";
}

/// <param name="Code">Instrument code, e.g. phq-9.</param>
public sealed record ScorePoint(string Code, int Total, DateOnly On);

/// <summary>
/// Admission versus discharge scores for the discharge summary. Pure: the admission score is the first
/// given from two weeks before admission (pre-admission screening counts) up to discharge; the discharge
/// score is the last given after it, up to the discharge date. Whether the change is reliable is the
/// Instruments feature's one definition (<see cref="ReliableChanges"/>): only a reliable change is called
/// improvement or worsening.
/// </summary>
public static class DischargeScores
{
    public const int AdmissionWindowDays = 14;

    public static List<ScoreComparison> Compare(IEnumerable<ScorePoint> points, DateOnly admittedOn, DateOnly dischargedOn)
    {
        var list = new List<ScoreComparison>();
        foreach (var group in points.Where(p => p.On >= admittedOn.AddDays(-AdmissionWindowDays) && p.On <= dischargedOn)
                     .GroupBy(p => p.Code.ToLowerInvariant()).OrderBy(g => g.Key))
        {
            var ordered = group.OrderBy(p => p.On).ToList();
            var first = ordered[0];
            var last = ordered.Count > 1 ? ordered[^1] : null;
            var definition = InstrumentCatalog.Get(group.Key);
            var change = last is null ? null : ReliableChanges.Compare(group.Key, first.Total, last.Total);
            list.Add(new ScoreComparison
            {
                Code = group.Key, Name = definition?.Name ?? group.Key, AdmissionScore = first.Total, AdmissionOn = first.On,
                AdmissionBand = definition?.BandFor(first.Total)?.Words,
                DischargeScore = last?.Total, DischargeOn = last?.On, DischargeBand = last is null ? null : definition?.BandFor(last.Total)?.Words,
                Change = last is null ? null : last.Total - first.Total, ReliableChange = ReliableChanges.ThresholdOf(group.Key),
                Outcome = OutcomeOf(change, hasSecondScore: last is not null),
            });
        }
        return list;
    }

    /// <summary>The words for a change: only a reliable one is an improvement or a worsening.</summary>
    public static string OutcomeOf(ScoreChange? change, bool hasSecondScore = true) => change switch
    {
        _ when !hasSecondScore => "Only one score: repeat the measure before discharge",
        null or { Threshold: null } => "No reliable change (no threshold is published for this measure)",
        _ => change.Label,
    };
}
