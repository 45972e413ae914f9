using Trellis.Web.Features.Scheduling;

namespace Trellis.Tests.Scheduling;

[Trait("Category", "Unit")]
public class EngagementRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 20, 18, 0, 0, TimeSpan.Zero);

    private static List<AttendanceMark> Marks(params AttendanceStatus[] statuses) =>
        statuses.Select((s, i) => new AttendanceMark(Now.AddDays(-statuses.Length + i), s)).ToList();

    [Fact]
    public void Two_absences_in_a_row_raise_an_alert_and_one_does_not()
    {
        var two = EngagementRules.Evaluate(Marks(AttendanceStatus.Present, AttendanceStatus.Present, AttendanceStatus.AbsentExcused, AttendanceStatus.AbsentUnexcused), Now, 2, 75, 2);
        Assert.Equal("Missed the last 2 sessions in a row.", two?.Reason);
        Assert.Null(EngagementRules.Evaluate(Marks(AttendanceStatus.Present, AttendanceStatus.Present, AttendanceStatus.Present, AttendanceStatus.AbsentUnexcused), Now, 2, 75, 2));
        Assert.Null(EngagementRules.Evaluate(Marks(AttendanceStatus.AbsentUnexcused, AttendanceStatus.AbsentUnexcused, AttendanceStatus.Present), Now, 2, 0, 2));
    }

    [Fact]
    public void Attendance_under_the_share_over_the_window_raises_an_alert()
    {
        // 5 of 8 = 62 %: under 75 %; the absences are not consecutive.
        var marks = Marks(AttendanceStatus.Present, AttendanceStatus.AbsentUnexcused, AttendanceStatus.Present, AttendanceStatus.AbsentExcused,
            AttendanceStatus.Late, AttendanceStatus.AbsentUnexcused, AttendanceStatus.Present, AttendanceStatus.Telehealth);
        Assert.Equal("Attended 5 of 8 sessions (62%) in the last 2 weeks, under the program's 75%.", EngagementRules.Evaluate(marks, Now, 2, 75, 2)?.Reason);
        Assert.Null(EngagementRules.Evaluate(marks, Now, 2, 60, 2));
    }

    [Fact]
    public void Old_sessions_fall_out_of_the_window_and_too_few_say_nothing()
    {
        var old = new List<AttendanceMark>
        {
            new(Now.AddDays(-30), AttendanceStatus.AbsentUnexcused), new(Now.AddDays(-29), AttendanceStatus.AbsentUnexcused), new(Now.AddDays(-28), AttendanceStatus.AbsentUnexcused),
            new(Now.AddDays(-3), AttendanceStatus.Present), new(Now.AddDays(-2), AttendanceStatus.Present), new(Now.AddDays(-1), AttendanceStatus.Present),
        };
        Assert.Null(EngagementRules.Evaluate(old, Now, 2, 75, 2));
        Assert.Null(EngagementRules.Evaluate(Marks(AttendanceStatus.Present, AttendanceStatus.AbsentUnexcused), Now, 0, 75, 2));
    }
}
