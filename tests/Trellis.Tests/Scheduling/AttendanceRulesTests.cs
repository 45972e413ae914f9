using Trellis.Web.Features.Scheduling;

namespace Trellis.Tests.Scheduling;

[Trait("Category", "Unit")]
public class AttendanceRulesTests
{
    [Theory]
    [InlineData(AttendanceStatus.Present, null, null, 50)]
    [InlineData(AttendanceStatus.Telehealth, null, null, 50)]
    [InlineData(AttendanceStatus.Late, 15, null, 35)]
    [InlineData(AttendanceStatus.LeftEarly, null, 20, 30)]
    [InlineData(AttendanceStatus.Late, 10, 5, 35)]
    [InlineData(AttendanceStatus.AbsentExcused, null, null, 0)]
    [InlineData(AttendanceStatus.AbsentUnexcused, null, null, 0)]
    public void Minutes_attended_are_the_session_less_minutes_late_and_left_early(AttendanceStatus status, int? late, int? early, int expected) =>
        Assert.Equal(expected, AttendanceRules.MinutesAttended(status, 50, late, early));

    [Fact]
    public void Entries_that_make_no_sense_are_refused_with_the_field_named()
    {
        Assert.Null(AttendanceRules.Check(AttendanceStatus.Late, 50, 10, null));
        Assert.Equal("minutesLate", AttendanceRules.Check(AttendanceStatus.Late, 50, null, null)?.Field);
        Assert.Equal("minutesLeftEarly", AttendanceRules.Check(AttendanceStatus.LeftEarly, 50, null, 0)?.Field);
        Assert.Equal("minutesLate", AttendanceRules.Check(AttendanceStatus.Present, 50, -5, null)?.Field);
        Assert.Equal("status", AttendanceRules.Check(AttendanceStatus.AbsentExcused, 50, 10, null)?.Field);
        var all = AttendanceRules.Check(AttendanceStatus.Late, 50, 40, 10);
        Assert.Contains("Mark them absent instead", all?.Message);
    }
}
