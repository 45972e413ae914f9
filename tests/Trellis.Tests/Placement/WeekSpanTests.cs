using Trellis.Web.Features.Scheduling.Placement;
using static Trellis.Tests.Placement.PlacementWeeks;

namespace Trellis.Tests.Placement;

[Trait("Category", "Unit")]
public sealed class WeekSpanTests
{
    [Theory]
    [InlineData(DayOfWeek.Monday, "8:00", "16:30", DayOfWeek.Monday, "16:30", "18:00", false)] // touching ends
    [InlineData(DayOfWeek.Monday, "8:00", "16:30", DayOfWeek.Monday, "16:29", "18:00", true)]
    [InlineData(DayOfWeek.Monday, "22:00", "6:30", DayOfWeek.Tuesday, "6:00", "7:00", true)] // overnight
    [InlineData(DayOfWeek.Sunday, "22:00", "6:30", DayOfWeek.Monday, "6:00", "7:00", true)] // the week wraps
    [InlineData(DayOfWeek.Sunday, "22:00", "6:30", DayOfWeek.Sunday, "6:00", "7:00", false)] // not the same morning
    public void Overlap_follows_the_wall_clock_of_a_repeating_week(
        DayOfWeek day1, string start1, string end1, DayOfWeek day2, string start2, string end2, bool overlaps)
    {
        var a = WeekSpan.On(day1, At(start1), At(end1));
        var b = WeekSpan.On(day2, At(start2), At(end2));

        Assert.Equal(overlaps, a.Overlaps(b));
        Assert.Equal(overlaps, b.Overlaps(a));
    }

    [Fact]
    public void Travel_time_before_Monday_morning_reaches_back_into_Sunday_night()
    {
        var shift = WeekSpan.On(DayOfWeek.Monday, At("0:30"), At("8:00")).Widen(60, 0);

        Assert.True(shift.Overlaps(WeekSpan.On(DayOfWeek.Sunday, At("23:00"), At("23:45"))));
        Assert.False(shift.Overlaps(WeekSpan.On(DayOfWeek.Sunday, At("22:00"), At("23:30"))));
    }
}
