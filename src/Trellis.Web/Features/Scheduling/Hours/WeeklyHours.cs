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
/// <param name="BelowMinimum">For a finished week, attended hours below the minimum; for the current
/// or a later week, planned hours below it (the week cannot reach the minimum as scheduled).</param>
public sealed record WeekHours(DateOnly WeekStart, decimal PlannedHours, decimal AttendedHours, decimal MinimumHours, bool BelowMinimum);

/// <summary>Hours per week against the program minimum, counting only the service types that count. Pure.</summary>
public static class WeeklyHours
{
    public static IReadOnlyList<WeekHours> Compute(IEnumerable<HoursItem> items, IReadOnlySet<ServiceType> counted,
        decimal minimumHours, DateOnly from, DateOnly to, DateOnly today)
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
            var below = finished ? attended < minimumHours : planned < minimumHours;
            weeks.Add(new WeekHours(week, planned, attended, minimumHours, below));
        }
        return weeks;
    }

    /// <summary>Hours to two decimals: 170 minutes is 2.83 h. Sums are kept in minutes, so rounding never adds up.</summary>
    public static decimal Hours(int minutes) => Math.Round(minutes / 60m, 2, MidpointRounding.AwayFromZero);
}
