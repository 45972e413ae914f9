using System.ComponentModel.DataAnnotations;

namespace Trellis.Web.Features.Scheduling;

/// <summary>A program's scheduling and attendance rules, as the scheduling rules page posts them.</summary>
public sealed class ScheduleSettingsInput : IValidatableObject
{
    [Range(1, 26, ErrorMessage = "Make sessions 1 to 26 weeks ahead.")] public int WeeksAhead { get; set; }
    [Range(0, 90, ErrorMessage = "Between 0 and 90 days.")] public int AttendanceLockDays { get; set; }
    [Range(0, 10, ErrorMessage = "Between 0 (off) and 10.")] public int ConsecutiveAbsencesAlert { get; set; }
    [Range(0, 100, ErrorMessage = "Between 0 (off) and 100.")] public int MinimumAttendancePercent { get; set; }
    [Range(1, 8, ErrorMessage = "Between 1 and 8 weeks.")] public int AttendanceWindowWeeks { get; set; }
    public List<ServiceType> Counted { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (Counted.Count == 0) yield return new("Choose at least one service that counts toward weekly hours.", [nameof(Counted)]);
    }

    public static ScheduleSettingsInput From(ScheduleSettings s) => new()
    {
        WeeksAhead = s.WeeksAhead, AttendanceLockDays = s.AttendanceLockDays, ConsecutiveAbsencesAlert = s.ConsecutiveAbsencesAlert,
        MinimumAttendancePercent = s.MinimumAttendancePercent, AttendanceWindowWeeks = s.AttendanceWindowWeeks, Counted = s.Counted.ToList(),
    };

    public void ApplyTo(ScheduleSettings s)
    {
        s.WeeksAhead = WeeksAhead;
        s.AttendanceLockDays = AttendanceLockDays;
        s.ConsecutiveAbsencesAlert = ConsecutiveAbsencesAlert;
        s.MinimumAttendancePercent = MinimumAttendancePercent;
        s.AttendanceWindowWeeks = AttendanceWindowWeeks;
        s.CountedServiceTypes = string.Join(",", Counted.Distinct());
    }
}
