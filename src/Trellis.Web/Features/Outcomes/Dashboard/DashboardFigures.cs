using Trellis.Web.Features.Admissions;
using Trellis.Web.Features.Discharge;
using Trellis.Web.Features.Instruments;
using Trellis.Web.Features.Scheduling;

namespace Trellis.Web.Features.Outcomes;

public sealed record CensusPoint(DateOnly On, int InCare);

public sealed record DashboardResult(DashboardFilter Filter, IReadOnlyList<Figure> Figures, IReadOnlyList<CensusPoint> Census, IReadOnlyList<FigureTable> Tables)
{
    public Figure this[string key] => Figures.First(f => f.Key == key);
    public FigureTable Table(string key) => Tables.First(t => t.Key == key);
}

/// <summary>
/// Every dashboard number, each defined once here (its <see cref="Figure.Definition"/> is the sentence the page shows),
/// for the period and the one before. Pure: <see cref="DashboardQueries"/> loads, this counts.
/// </summary>
public static class DashboardFigures
{
    public static readonly string[] OutcomeColumns = ["discharges with 2+ scores count", "reliable improvement count", "reliable deterioration count", "cases at start count", "recovery count", "reliable recovery count"];

    public static DashboardResult Compute(DashboardData d)
    {
        var now = d.Filter;
        var before = d.Filter.Previous;
        var figures = new List<Figure>
        {
            new("census", $"Participants in care on {Last(now, d.Today):MMM d, yyyy}", "Stays (admission to discharge, track moves joined) covering that day.",
                Census(d, Last(now, d.Today)), Census(d, Last(before, d.Today))),
            new("admissions", "Admissions in the period", "Stays that began in the period (a readmission is a new stay).", Admissions(d, now), Admissions(d, before)),
            Figure.Rate("conversion", "Inquiries admitted", "Of the inquiries received in the period, those admitted so far (the Admissions figures' conversion).", Conversion(d, now), Conversion(d, before)),
            Figure.Rate("attendance", "Attendance rate", "Attended (present, late, left early, by video) of all attendance marked for sessions and appointments in the period.", Attendance(d, now), Attendance(d, before)),
            new("hours", "Hours attended per participant-week", "Minutes attended in each full week (Mon–Sun) of a stay within the period, averaged over those weeks.", Hours(d, now).Average, Hours(d, before).Average, "hours"),
            Figure.Rate("hours-met", "Weeks at the weekly minimum", "Of the full weeks of a stay in the period, those with attended hours at or above the program's weekly minimum.", Hours(d, now).Met, Hours(d, before).Met),
            new("los-average", "Average length of stay", "Days from admission to discharge, both counted, of stays that ended in the period.", Los(d, now).Average, Los(d, before).Average, "days"),
            new("los-median", "Median length of stay", "The middle length of the stays that ended in the period.", Los(d, now).Median, Los(d, before).Median, "days"),
            Figure.Rate("completion", "Completed treatment", "Discharges in the period with the reason Completed, of all stays that ended in the period.",
                Ended(d, now, r => r == DischargeReason.Completed), Ended(d, before, r => r == DischargeReason.Completed)),
            Figure.Rate("dropout", "Dropped out", "Discharges in the period that left against advice or were lost to contact (the two below together), of all stays that ended.",
                Ended(d, now, DischargeReasons.IsDropOut), Ended(d, before, DischargeReasons.IsDropOut)),
            Figure.Rate("left-against-advice", "Left against advice", "Discharges in the period with the reason Left against advice (chose to stop before completing), of all stays that ended.",
                Ended(d, now, r => r == DischargeReason.LeftAgainstAdvice), Ended(d, before, r => r == DischargeReason.LeftAgainstAdvice)),
            Figure.Rate("lost-to-contact", "Lost to contact", "Discharges in the period with the reason Lost to contact (stopped coming and could not be reached), of all stays that ended.",
                Ended(d, now, r => r == DischargeReason.LostToContact), Ended(d, before, r => r == DischargeReason.LostToContact)),
            Figure.Rate("measurement", "Measurement completion", "Of the scheduled measures due in the period whose due date has passed, those given in their window (see the Outcomes tab's rule).", Measurement(d, now), Measurement(d, before)),
            Figure.Rate("reliable-improvement", "Reliable improvement at discharge", "Per instrument and stay ended in the period with 2+ scores, admission baseline against the last score: a drop of at least the reliable-change threshold.", Outcome(d, now, o => o.ReliableImprovement), Outcome(d, before, o => o.ReliableImprovement)),
            Figure.Rate("reliable-recovery", "Reliable recovery at discharge", "Of the instrument-stays that were a case at the start (PHQ-9 10+, GAD-7 8+), those not a case at discharge with reliable improvement.", Recovery(d, now, reliable: true), Recovery(d, before, reliable: true)),
            Figure.Rate("deterioration", "Reliable deterioration at discharge", "Per instrument and stay ended in the period with 2+ scores: a rise of at least the reliable-change threshold.", Outcome(d, now, o => o.ReliableDeterioration), Outcome(d, before, o => o.ReliableDeterioration)),
            Figure.Rate("readmit-30", "Readmitted within 30 days", "Of the stays that ended in the period at least 30 days ago, those followed by a new stay (any program) within 30 days.", Readmitted(d, now, 30), Readmitted(d, before, 30)),
            Figure.Rate("readmit-90", "Readmitted within 90 days", "As above, within 90 days, of the stays that ended at least 90 days ago.", Readmitted(d, now, 90), Readmitted(d, before, 90)),
            Figure.Rate("follow-up-reached", "Follow-up contacts reached", "Of the 30/60/90-day contacts due in the period, those recorded as reached.", FollowUp(d, now, c => c.Reached == true), FollowUp(d, before, c => c.Reached == true)),
        };
        return new DashboardResult(now, figures, CensusSeries(d), [AdmissionsBySource(d), DischargesByReason(d), OutcomesTable(d, "by-program"), OutcomesTable(d, "by-track"), OutcomesTable(d, "by-clinician"), FollowUpTable(d)]);
    }

    private static DateOnly Last(DashboardFilter f, DateOnly today) => f.LastDay < today ? f.LastDay : today;
    private static bool In(DashboardFilter f, DateOnly day) => day >= f.From && day < f.To;

    public static int Census(DashboardData d, DateOnly day) => d.Stays.Where(s => s.InCareOn(day)).Select(s => s.ParticipantId).Distinct().Count();

    public static List<CensusPoint> CensusSeries(DashboardData d)
    {
        var f = d.Filter;
        var step = Math.Max(1, f.Days / 26);
        var points = new List<CensusPoint>();
        for (var day = f.From; day <= Last(f, d.Today); day = day.AddDays(step)) points.Add(new CensusPoint(day, Census(d, day)));
        return points;
    }

    public static int Admissions(DashboardData d, DashboardFilter f) => d.Stays.Count(s => In(f, s.StartedOn));

    public static (int, int) Conversion(DashboardData d, DashboardFilter f)
    {
        var arrived = d.Leads.Where(l => In(f, DateOnly.FromDateTime(l.Timeline.ReceivedAt.UtcDateTime))).ToList();
        return (arrived.Count(l => l.Timeline.Stage == AdmissionStage.Admitted), arrived.Count);
    }

    public static (int, int) Attendance(DashboardData d, DashboardFilter f)
    {
        var t = d.Attendance.FirstOrDefault(a => a.From == f.From && a.To == f.To);
        return (t?.Attended ?? 0, t?.Marked ?? 0);
    }

    public static (double? Average, (int, int) Met) Hours(DashboardData d, DashboardFilter f)
    {
        var minutes = d.Weeks.Where(w => In(f, w.WeekStart)).ToDictionary(w => (w.ParticipantId, w.WeekStart), w => w.Minutes);
        var weeks = new List<(Guid Participant, double Hours)>();
        foreach (var s in d.Stays)
            for (var w = ProgramClock.WeekStart(s.StartedOn < f.From ? f.From : s.StartedOn); w.AddDays(6) < f.To && w.AddDays(6) <= d.Today; w = w.AddDays(7))
                if (w >= f.From && w >= s.StartedOn && (s.EndedOn is null || w.AddDays(6) <= s.EndedOn))
                    weeks.Add((s.ParticipantId, minutes.GetValueOrDefault((s.ParticipantId, w)) / 60.0));
        var met = weeks.Count(w => (decimal)w.Hours >= d.MinimumHours.GetValueOrDefault(w.Participant, 9m));
        return (weeks.Count == 0 ? null : weeks.Average(w => w.Hours), (met, weeks.Count));
    }

    public static (double? Average, double? Median) Los(DashboardData d, DashboardFilter f)
    {
        var days = Ended(d, f).Select(s => (double)s.LengthDays!.Value).ToList();
        return (days.Count == 0 ? null : days.Average(), PipelineFigures.Median(days));
    }

    public static IEnumerable<Stay> Ended(DashboardData d, DashboardFilter f) => d.Stays.Where(s => s.EndedOn is { } e && In(f, e));

    /// <summary>Why a stay ended: its final discharge's reason, or none (moved to another program, or not recorded).</summary>
    public static DischargeReason? ReasonOf(DashboardData d, Stay s) => d.ReasonOn(s.ParticipantId, s.EndedOn);

    /// <summary>Stays that ended in the period for a reason that passes the test, of all that ended (a stay with no final discharge counts only below the line).</summary>
    public static (int, int) Ended(DashboardData d, DashboardFilter f, Func<DischargeReason, bool> reason)
    {
        var ended = Ended(d, f).ToList();
        return (ended.Count(s => ReasonOf(d, s) is { } r && reason(r)), ended.Count);
    }

    public static (int, int) Measurement(DashboardData d, DashboardFilter f)
    {
        var counted = d.Occasions.Where(o => o.Counts && In(f, o.DueOn)).ToList();
        return (counted.Count(o => o.State == OccasionState.Given), counted.Count);
    }

    /// <summary>Each stay that ended in the period, per instrument with 2+ scores in it, judged by <see cref="ChangeRules"/>.</summary>
    public static IEnumerable<(Stay Stay, ChangeOutcome Outcome)> Outcomes(DashboardData d, DashboardFilter f)
    {
        foreach (var s in Ended(d, f))
            foreach (var x in d.ScoresOf(s).OrderBy(x => x.Instrument, StringComparer.Ordinal))
                if (x.Scores >= 2 && ChangeRules.Evaluate(x.Instrument, x.Baseline, x.Latest, d.Thresholds) is { } o)
                    yield return (s, o);
    }

    public static (int, int) Outcome(DashboardData d, DashboardFilter f, Func<ChangeOutcome, bool> test)
    {
        var all = Outcomes(d, f).ToList();
        return (all.Count(x => test(x.Outcome)), all.Count);
    }

    public static (int, int) Recovery(DashboardData d, DashboardFilter f, bool reliable)
    {
        var cases = Outcomes(d, f).Where(x => x.Outcome.CaseAtStart == true).ToList();
        return (cases.Count(x => reliable ? x.Outcome.ReliableRecovery == true : x.Outcome.Recovery == true), cases.Count);
    }

    public static (int, int) Readmitted(DashboardData d, DashboardFilter f, int days)
    {
        var ended = Ended(d, f).Where(s => s.EndedOn!.Value.AddDays(days) <= d.Today).ToList();
        return (ended.Count(s => d.AllStaysByPerson[s.ParticipantId].Any(n => n.StartedOn > s.EndedOn && n.StartedOn <= s.EndedOn!.Value.AddDays(days))), ended.Count);
    }

    public static (int, int) FollowUp(DashboardData d, DashboardFilter f, Func<FollowUpMark, bool> test)
    {
        var due = d.FollowUps.Where(c => In(f, c.DueOn)).ToList();
        return (due.Count(test), due.Count);
    }

    private static FigureTable AdmissionsBySource(DashboardData d)
    {
        var arrived = d.Leads.Where(l => In(d.Filter, DateOnly.FromDateTime(l.Timeline.ReceivedAt.UtcDateTime))).ToList();
        var rows = Enum.GetValues<InquirySource>().Select(src =>
        {
            var these = arrived.Where(l => l.Source == src).ToList();
            return new TableRow(Infrastructure.EnumText.Label(src), [these.Count, these.Count(l => l.Timeline.Stage == AdmissionStage.Admitted)]);
        }).ToList();
        return new FigureTable("admissions-by-source", "Inquiries by referral source", "Inquiries received in the period by how they came, and those admitted so far.",
            ["inquiries count", "admitted count"], rows);
    }

    private static FigureTable DischargesByReason(DashboardData d)
    {
        var ended = Ended(d, d.Filter).ToList();
        var rows = Enum.GetValues<DischargeReason>().Select(r => new TableRow(Infrastructure.EnumText.Label(r), [ended.Count(s => ReasonOf(d, s) == r)])).ToList();
        rows.Add(new TableRow("Moved to another program or not recorded", [ended.Count(s => ReasonOf(d, s) is null)]));
        return new FigureTable("discharges-by-reason", "Stays ended, by reason", "Stays that ended in the period, by the final discharge's reason.", ["stays count"], rows);
    }

    public static FigureTable OutcomesTable(DashboardData d, string by)
    {
        var all = Outcomes(d, d.Filter).ToList();
        string GroupOf(Stay s) => by switch
        {
            "by-program" => d.Programs.GetValueOrDefault(s.ProgramId, "Unknown program"),
            "by-track" => s.LastTrackId is { } t ? $"{d.Programs.GetValueOrDefault(s.ProgramId)} · {d.Tracks.GetValueOrDefault(t, "track")}" : "No track",
            _ => d.ClinicianOf.GetValueOrDefault(s.ParticipantId) is { } c ? d.Clinicians.GetValueOrDefault(c, "Unknown clinician") : "No primary clinician",
        };
        var rows = all.GroupBy(x => (Group: GroupOf(x.Stay), x.Outcome.Instrument)).OrderBy(g => g.Key.Group).ThenBy(g => g.Key.Instrument)
            .Select(g => new TableRow($"{g.Key.Group} · {InstrumentCatalog.Get(g.Key.Instrument)?.Name ?? g.Key.Instrument}",
            [
                g.Count(), g.Count(x => x.Outcome.ReliableImprovement), g.Count(x => x.Outcome.ReliableDeterioration),
                g.Count(x => x.Outcome.CaseAtStart == true), g.Count(x => x.Outcome.Recovery == true), g.Count(x => x.Outcome.ReliableRecovery == true),
            ])).ToList();
        var word = by switch { "by-program" => "program", "by-track" => "track left from", _ => "primary clinician" };
        return new FigureTable($"outcomes-{by}", $"Outcomes at discharge by {word} and instrument",
            "Stays ended in the period with 2+ scores of an instrument: admission baseline against the last score before discharge, by the definitions in docs/instruments.md.",
            OutcomeColumns, rows);
    }

    private static FigureTable FollowUpTable(DashboardData d)
    {
        var due = d.FollowUps.Where(c => In(d.Filter, c.DueOn)).ToList();
        return new FigureTable("follow-ups", "Post-discharge follow-up", "Contacts due in the period (30, 60 and 90 days after discharge) and what they found.",
            ["due count", "recorded count", "reached count", "in treatment elsewhere count", "use or relapse count", "readmitted count"],
            [new TableRow("All contacts due", [due.Count, due.Count(c => c.Recorded), due.Count(c => c.Reached == true), due.Count(c => c.InTreatmentElsewhere == true), due.Count(c => c.UseOrRelapse == true), due.Count(c => c.Readmitted == true)])]);
    }
}
