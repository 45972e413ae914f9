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
/// Admission versus discharge scores for the discharge summary. Pure: the admission score is the
/// first given from two weeks before admission (pre-admission screening counts) up to discharge;
/// the discharge score is the last given after it, up to the discharge date.
///
/// Reliable change (a change larger than measurement error) uses published thresholds:
/// PHQ-9 6 points and GAD-7 4 points (NHS Talking Therapies manual, reliable improvement), PCL-5
/// 10 points (US National Center for PTSD: 5–10 reliable, 10–20 clinically meaningful; the
/// conservative end). AUDIT-C and DAST-10 have no agreed threshold, so only the change is shown.
/// </summary>
public static class DischargeScores
{
    public const int AdmissionWindowDays = 14;

    public static int? ReliableChangeFor(string code) => code.ToLowerInvariant() switch
    {
        "phq-9" => 6,
        "gad-7" => 4,
        "pcl-5" => 10,
        _ => null,
    };

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
            var c = new ScoreComparison
            {
                Code = group.Key, Name = definition?.Name ?? group.Key, AdmissionScore = first.Total, AdmissionOn = first.On,
                AdmissionBand = definition?.BandFor(first.Total)?.Words,
                DischargeScore = last?.Total, DischargeOn = last?.On, DischargeBand = last is null ? null : definition?.BandFor(last.Total)?.Words,
                Change = last is null ? null : last.Total - first.Total, ReliableChange = ReliableChangeFor(group.Key),
            };
            c.Outcome = OutcomeOf(c.Change, c.ReliableChange);
            list.Add(c);
        }
        return list;
    }

    /// <summary>Lower is better on PHQ-9, GAD-7, AUDIT-C, DAST-10 and PCL-5.</summary>
    public static string OutcomeOf(int? change, int? reliable) => change switch
    {
        null => "Only one score: repeat the measure before discharge",
        0 => "No change",
        < 0 when reliable is { } r && -change >= r => "Reliable improvement",
        < 0 => "Improved",
        > 0 when reliable is { } r && change >= r => "Reliable deterioration",
        _ => "Worse",
    };
}
