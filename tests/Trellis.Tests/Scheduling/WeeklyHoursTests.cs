using Trellis.Web.Features.Scheduling;

namespace Trellis.Tests.Scheduling;

/// <summary>Hours per week worked out by hand for three people in the week of Monday March 2, 2026 (min 9 h).</summary>
[Trait("Category", "Unit")]
public class WeeklyHoursTests
{
    private static readonly DateOnly Monday = new(2026, 3, 2);
    private static readonly IReadOnlySet<ServiceType> Counted = ScheduleSettings.DefaultCounted.ToHashSet();
    private static readonly DateOnly Later = new(2026, 6, 1);

    private static HoursItem Group(int day, int attended, ServiceType type = ServiceType.GroupTherapy, bool planned = true) =>
        new(Monday.AddDays(day), type, 60, planned, attended);

    [Fact]
    public void Avery_attends_every_group_and_an_individual_session_and_meets_the_minimum()
    {
        // Nine one-hour groups Mon/Wed/Thu, all attended: 540 min; individual 50 min attended; medication 30 min does not count.
        var items = new[] { 0, 2, 3 }.SelectMany(d => Enumerable.Range(0, 3).Select(_ => Group(d, 60))).ToList();
        items.Add(new HoursItem(Monday.AddDays(1), ServiceType.IndividualTherapy, 50, true, 50));
        items.Add(new HoursItem(Monday.AddDays(1), ServiceType.MedicationManagement, 30, true, 30));
        var week = Assert.Single(WeeklyHours.Compute(items, Counted, 9m, Monday, Monday.AddDays(6), Later));
        Assert.Equal(Monday, week.WeekStart);
        Assert.Equal(9.83m, week.PlannedHours);   // 590 / 60
        Assert.Equal(9.83m, week.AttendedHours);
        Assert.False(week.BelowMinimum);
    }

    [Fact]
    public void Blake_misses_Wednesday_and_is_late_twice_and_falls_below()
    {
        // Planned 540 min. Monday 60+45+60, Wednesday absent (0,0,0), Thursday 60+60+40 = 325 min = 5.42 h.
        var items = new List<HoursItem>
        {
            Group(0, 60), Group(0, 45), Group(0, 60), Group(2, 0), Group(2, 0), Group(2, 0), Group(3, 60), Group(3, 60), Group(3, 40),
        };
        var week = WeeklyHours.Compute(items, Counted, 9m, Monday, Monday.AddDays(6), Later)[0];
        Assert.Equal(9m, week.PlannedHours);
        Assert.Equal(5.42m, week.AttendedHours);
        Assert.True(week.BelowMinimum);
    }

    [Fact]
    public void Casey_has_a_cancelled_day_and_an_uncounted_service_type()
    {
        // Thursday cancelled by a closure: not planned, nothing attended. Case management 50 min does not count.
        var items = new List<HoursItem>
        {
            Group(0, 60), Group(0, 60), Group(0, 60), Group(2, 60), Group(2, 60), Group(2, 60),
            Group(3, 0, planned: false), Group(3, 0, planned: false), Group(3, 0, planned: false),
            new(Monday.AddDays(4), ServiceType.CaseManagement, 50, true, 50),
        };
        var weeks = WeeklyHours.Compute(items, Counted, 9m, Monday, Monday.AddDays(13), Later);
        Assert.Equal(2, weeks.Count);
        Assert.Equal(6m, weeks[0].PlannedHours);
        Assert.Equal(6m, weeks[0].AttendedHours);
        Assert.True(weeks[0].BelowMinimum);
        Assert.Equal(Monday.AddDays(7), weeks[1].WeekStart);
        Assert.Equal(0m, weeks[1].PlannedHours);
        Assert.True(weeks[1].BelowMinimum);
    }

    [Fact]
    public void The_current_week_is_judged_on_planned_hours()
    {
        // Half way through the week only 3 h are attended, but 9 h are planned: not flagged yet.
        var items = new[] { 0, 2, 3 }.SelectMany(d => Enumerable.Range(0, 3).Select(_ => Group(d, d == 0 ? 60 : 0, planned: true)))
            .Select(i => i.LocalDate.DayOfWeek == DayOfWeek.Monday ? i : i with { MinutesAttended = null }).ToList();
        var week = WeeklyHours.Compute(items, Counted, 9m, Monday, Monday.AddDays(6), today: Monday.AddDays(2))[0];
        Assert.Equal(3m, week.AttendedHours);
        Assert.False(week.BelowMinimum);
        var adolescent = WeeklyHours.Compute(items.Take(5).ToList(), Counted, 6m, Monday, Monday.AddDays(6), today: Monday.AddDays(2))[0];
        Assert.True(adolescent.BelowMinimum); // 5 h planned against 6
    }
}
