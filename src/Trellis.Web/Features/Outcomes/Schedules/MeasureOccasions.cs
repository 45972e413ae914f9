namespace Trellis.Web.Features.Outcomes;

public enum OccasionKind { Admission, Repeat, Discharge }

/// <summary>Given: an administration fell in its window. Upcoming: its window has not opened. Due: open, due date not passed.
/// Overdue: due date passed, window still open. Missed: window closed without an administration.</summary>
public enum OccasionState { Given, Upcoming, Due, Overdue, Missed }

/// <summary>One time an instrument is due for a participant, with the window in which giving it counts.</summary>
/// <param name="ClosesOn">Last day it still counts (inclusive); null while it stays open to the end of the stay.</param>
public sealed record MeasureOccasion(string Instrument, OccasionKind Kind, DateOnly DueOn, DateOnly OpensOn, DateOnly? ClosesOn, DateOnly? GivenOn, OccasionState State)
{
    /// <summary>A measure to give now: its window is open and nothing was given in it.</summary>
    public bool IsOpenNow => State is OccasionState.Due or OccasionState.Overdue;
    /// <summary>Counts in measurement completion: its due date has passed or it was given.</summary>
    public bool Counts => State is OccasionState.Given or OccasionState.Overdue or OccasionState.Missed;
}

/// <summary>A stay in treatment as the schedule reads it.</summary>
/// <param name="DischargeOn">The final discharge date, or the one a discharge draft plans; null while none is set.</param>
public sealed record ScheduledStay(DateOnly AdmittedOn, DateOnly? DischargeOn);

/// <summary>
/// The one definition of when a measure is due (issue 10 point 1). Pure. For each rule of the program's schedule:
/// at admission (due on the admission day; anything given from <see cref="AdmissionLookBackDays"/> days before counts,
/// as pre-admission screening does for the discharge scores), every N days from admission (due on day N, 2N…; counts
/// from <see cref="EarlyDays"/> days before), and at discharge (due on the discharge date; counts in the week before).
/// An occasion's window closes the day before the next one's opens, so one administration satisfies one occasion,
/// and a repeat due in the discharge week gives way to the discharge measure. Occasions are made up to one beyond today.
/// </summary>
public static class MeasureOccasions
{
    public const int AdmissionLookBackDays = Discharge.DischargeScores.AdmissionWindowDays;
    public const int EarlyDays = 3;
    public const int DischargeWindowDays = 7;

    public static List<MeasureOccasion> For(IEnumerable<MeasureRule> rules, ScheduledStay stay, IEnumerable<(string Instrument, DateOnly On)> given, DateOnly today)
    {
        var all = new List<MeasureOccasion>();
        var givenList = given.ToList();
        foreach (var rule in rules.Where(r => r.Instrument is not null))
        {
            var code = rule.Instrument!.ToLowerInvariant();
            var slots = Slots(rule, stay, today);
            var dates = givenList.Where(g => string.Equals(g.Instrument, code, StringComparison.OrdinalIgnoreCase)).Select(g => g.On).Order().ToList();
            for (var i = 0; i < slots.Count; i++)
            {
                var (kind, due, opens) = slots[i];
                DateOnly? closes = i + 1 < slots.Count ? slots[i + 1].Opens.AddDays(-1) : stay.DischargeOn;
                if (kind == OccasionKind.Discharge) closes = due;
                DateOnly? givenOn = dates.Where(d => d >= opens && (closes is null || d <= closes)).Select(d => (DateOnly?)d).FirstOrDefault();
                var state = givenOn is not null ? OccasionState.Given
                    : today < opens ? OccasionState.Upcoming
                    : today <= due ? OccasionState.Due
                    : closes is null || today <= closes ? OccasionState.Overdue
                    : OccasionState.Missed;
                all.Add(new MeasureOccasion(code, kind, due, opens, closes, givenOn, state));
            }
        }
        return all;
    }

    private static List<(OccasionKind Kind, DateOnly Due, DateOnly Opens)> Slots(MeasureRule rule, ScheduledStay stay, DateOnly today)
    {
        var slots = new List<(OccasionKind, DateOnly, DateOnly)>();
        var end = stay.DischargeOn;
        var dischargeOpens = end?.AddDays(-DischargeWindowDays);
        if (rule.AtAdmission) slots.Add((OccasionKind.Admission, stay.AdmittedOn, stay.AdmittedOn.AddDays(-AdmissionLookBackDays)));
        if (rule.EveryDays is { } n and > 0)
        {
            var early = Math.Min(EarlyDays, n / 2);
            var horizon = end ?? today.AddDays(n);
            for (var due = stay.AdmittedOn.AddDays(n); due <= horizon; due = due.AddDays(n))
            {
                var opens = due.AddDays(-early);
                if (rule.AtDischarge && dischargeOpens is { } d && opens >= d) break;
                if (end is { } e && due >= e) break;
                slots.Add((OccasionKind.Repeat, due, opens));
                if (due > today) break;
            }
        }
        if (rule.AtDischarge && end is { } on) slots.Add((OccasionKind.Discharge, on, dischargeOpens!.Value));
        return slots;
    }

    /// <summary>Measurement completion: of the occasions that count (given, or due date passed), the share given; null when none count.</summary>
    public static double? Completion(IEnumerable<MeasureOccasion> occasions)
    {
        var counted = occasions.Where(o => o.Counts).ToList();
        return counted.Count == 0 ? null : (double)counted.Count(o => o.State == OccasionState.Given) / counted.Count;
    }
}
