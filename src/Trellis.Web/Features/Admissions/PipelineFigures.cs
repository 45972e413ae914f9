namespace Trellis.Web.Features.Admissions;

/// <summary>A lead reduced to what the figures need.</summary>
public sealed record CaseTimeline(Guid Id, DateTimeOffset ReceivedAt, AdmissionStage Stage, IReadOnlyList<(AdmissionStage Stage, DateTimeOffset At)> Steps);

public sealed record FunnelStep(AdmissionStage Stage, int Reached, double ShareOfInquiries);

public sealed record StageTime(AdmissionStage Stage, int Leads, double MedianDays, double AverageDays);

/// <summary>How the front door is doing over a period.</summary>
/// <param name="Inquiries">Leads received in the period.</param>
/// <param name="Admitted">Of the period's inquiries, those admitted so far (whenever): not <paramref name="AdmittedInPeriod"/>.</param>
/// <param name="Conversion">Admitted leads as a share of the period's inquiries (0–1); null without inquiries.</param>
/// <param name="DecidedConversion">Admitted as a share of those that reached an outcome (admitted, referred or closed).</param>
/// <param name="AdmittedInPeriod">Leads admitted in the period, whenever they arrived: the base of the time-to-admission figures.</param>
public sealed record PipelineFiguresResult(
    DateTimeOffset From, DateTimeOffset To, int Inquiries, int Admitted, int Referred, int Closed, int Waitlisted, int StillOpen,
    double? Conversion, double? DecidedConversion, IReadOnlyList<FunnelStep> Funnel,
    int AdmittedInPeriod, double? MedianDaysToAdmission, double? AverageDaysToAdmission, IReadOnlyList<StageTime> TimeInStage);

/// <summary>Conversion and time-to-admission from the leads' dated steps. Pure: the caller loads, this counts.</summary>
public static class PipelineFigures
{
    /// <summary>The pipeline in order, for the funnel: reaching a later stage counts as having passed the earlier ones.</summary>
    public static readonly AdmissionStage[] Funnel =
        [AdmissionStage.Inquiry, AdmissionStage.Screening, AdmissionStage.Assessment, AdmissionStage.LevelOfCareDecision, AdmissionStage.Authorization, AdmissionStage.Admitted];

    public static PipelineFiguresResult Compute(IReadOnlyList<CaseTimeline> cases, DateTimeOffset from, DateTimeOffset to, DateTimeOffset now)
    {
        var arrived = cases.Where(c => c.ReceivedAt >= from && c.ReceivedAt < to).ToList();
        int Count(AdmissionStage s) => arrived.Count(c => c.Stage == s);
        var admitted = Count(AdmissionStage.Admitted);
        var decided = admitted + Count(AdmissionStage.Referred) + Count(AdmissionStage.Closed);

        var funnel = Funnel.Select(stage =>
        {
            var index = Array.IndexOf(Funnel, stage);
            var reached = arrived.Count(c => c.Steps.Any(s => Array.IndexOf(Funnel, s.Stage) >= index));
            return new FunnelStep(stage, reached, arrived.Count == 0 ? 0 : (double)reached / arrived.Count);
        }).ToList();

        var admissions = cases
            .Select(c => (Case: c, At: c.Steps.Where(s => s.Stage == AdmissionStage.Admitted).Select(s => (DateTimeOffset?)s.At).FirstOrDefault()))
            .Where(x => x.At is { } at && at >= from && at < to)
            .Select(x => (x.At!.Value - x.Case.ReceivedAt).TotalDays).ToList();

        var runs = cases.SelectMany(c => Runs(c, now)).Where(r => r.Start < to && r.End >= from).ToList();
        var times = AdmissionStages.Open.Select(stage =>
        {
            var days = runs.Where(r => r.Stage == stage).Select(r => (r.End - r.Start).TotalDays).ToList();
            return new StageTime(stage, days.Count, Median(days) ?? 0, days.Count == 0 ? 0 : days.Average());
        }).ToList();

        return new PipelineFiguresResult(from, to, arrived.Count, admitted, Count(AdmissionStage.Referred), Count(AdmissionStage.Closed),
            Count(AdmissionStage.Waitlisted), arrived.Count(c => AdmissionStages.IsOpen(c.Stage)),
            arrived.Count == 0 ? null : (double)admitted / arrived.Count, decided == 0 ? null : (double)admitted / decided,
            funnel, admissions.Count, Median(admissions), admissions.Count == 0 ? null : admissions.Average(), times);
    }

    /// <summary>Consecutive steps at one stage (an owner change, say) are one stay in it; an open stay runs until now.</summary>
    public static IEnumerable<(AdmissionStage Stage, DateTimeOffset Start, DateTimeOffset End)> Runs(CaseTimeline c, DateTimeOffset now)
    {
        var steps = c.Steps.OrderBy(s => s.At).ToList();
        for (var i = 0; i < steps.Count; i++)
        {
            if (i > 0 && steps[i - 1].Stage == steps[i].Stage) continue;
            var next = steps.Skip(i + 1).FirstOrDefault(s => s.Stage != steps[i].Stage);
            if (!AdmissionStages.IsOpen(steps[i].Stage)) continue;
            yield return (steps[i].Stage, steps[i].At, next.At == default ? now : next.At);
        }
    }

    public static double? Median(IReadOnlyList<double> values)
    {
        if (values.Count == 0) return null;
        var sorted = values.Order().ToList();
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
