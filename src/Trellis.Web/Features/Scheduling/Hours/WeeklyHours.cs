using System.Globalization;

namespace Trellis.Web.Features.Scheduling;

/// <summary>One session or appointment as hours-per-week sees it.</summary>
/// <param name="Planned">Scheduled and not cancelled: the participant was expected.</param>
/// <param name="MinutesAttended">From the attendance record; null when none was taken.</param>
public sealed record HoursItem(DateOnly LocalDate, ServiceType ServiceType, int Minutes, bool Planned, int? MinutesAttended)
{
    /// <summary>The session or appointment it came from, so one enrolled twice in a day is not counted twice.</summary>
    public Guid Source { get; init; }
}

/// <summary>One week of one participant: the API's weekly-hours entry.</summary>
/// <param name="BelowMinimum">Held to the minimum that week and below it: for a finished week on attended hours,
/// for the current or a later week on planned hours (the week cannot reach the minimum as scheduled).</param>
/// <param name="NotHeldBecause">Why the week is not held to the minimum ("on hold", "joined Wed Mar 4"); null when it is.</param>
public sealed record WeekHours(DateOnly WeekStart, decimal PlannedHours, decimal AttendedHours, decimal MinimumHours, bool BelowMinimum, string? NotHeldBecause = null);

/// <summary>A stretch of a participant's enrollment in their program (a track move ends one and starts the next).</summary>
public readonly record struct EnrolledSpan(DateOnly StartedOn, DateOnly? EndedOn)
{
    public bool Covers(DateOnly day) => StartedOn <= day && (EndedOn is null || EndedOn >= day);
}

/// <summary>Hours per week against the program minimum, counting only the service types that count. Pure.</summary>
public static class WeeklyHours
{
    /// <summary>Every week of the range, each held to the minimum.</summary>
    public static IReadOnlyList<WeekHours> Compute(IEnumerable<HoursItem> items, IReadOnlySet<ServiceType> counted,
        decimal minimumHours, DateOnly from, DateOnly to, DateOnly today) =>
        Compute(items, counted, minimumHours, from, to, today, _ => null);

    /// <summary>Every week of the range; <paramref name="notHeldBecause"/> (see <see cref="NotHeldBecause"/>) says which weeks are not held to the minimum, and why.</summary>
    public static IReadOnlyList<WeekHours> Compute(IEnumerable<HoursItem> items, IReadOnlySet<ServiceType> counted,
        decimal minimumHours, DateOnly from, DateOnly to, DateOnly today, Func<DateOnly, string?> notHeldBecause)
    {
        var byWeek = items.Where(i => counted.Contains(i.ServiceType))
            .GroupBy(i => ProgramClock.WeekStart(i.LocalDate)).ToDictionary(g => g.Key, g => g.ToList());
        var weeks = new List<WeekHours>();
        var currentWeek = ProgramClock.WeekStart(today);
        for (var week = ProgramClock.WeekStart(from); week <= to; week = week.AddDays(7))
        {
            var list = byWeek.GetValueOrDefault(week) ?? [];
            var planned = Hours(list.Where(i => i.Planned).Sum(i => i.Minutes));
            var attended = Hours(list.Sum(i => i.MinutesAttended ?? 0));
            var finished = week < currentWeek;
            var why = notHeldBecause(week);
            var below = why is null && (finished ? attended < minimumHours : planned < minimumHours);
            weeks.Add(new WeekHours(week, planned, attended, minimumHours, below, why));
        }
        return weeks;
    }

    /// <summary>
    /// "Held to the weekly minimum", the one rule the chart, its flag, the program list, the home card and
    /// the API share: a week is held against someone only when they were enrolled in the program every day
    /// of it (a first week joined part way through, or the week of a discharge, cannot be) and their
    /// treatment is not paused. Holds are not kept as history, so someone on hold now is held to none of
    /// the weeks shown. Null when held; otherwise why not, in words for a badge.
    /// </summary>
    public static string? NotHeldBecause(bool onHold, IReadOnlyCollection<EnrolledSpan> enrollments, DateOnly weekStart)
    {
        if (onHold) return "on hold";
        var days = Enumerable.Range(0, 7).Select(weekStart.AddDays).Where(d => enrollments.Any(e => e.Covers(d))).ToList();
        if (days.Count == 7) return null;
        if (days.Count == 0) return "not enrolled";
        if (days[0] > weekStart) return "joined " + days[0].ToString("ddd MMM d", CultureInfo.InvariantCulture);
        if (days[^1] < weekStart.AddDays(6)) return "left " + days[^1].ToString("ddd MMM d", CultureInfo.InvariantCulture);
        return "not enrolled every day";
    }

    /// <summary>Hours to two decimals: 170 minutes is 2.83 h. Sums are kept in minutes, so rounding never adds up.</summary>
    public static decimal Hours(int minutes) => Math.Round(minutes / 60m, 2, MidpointRounding.AwayFromZero);
}
