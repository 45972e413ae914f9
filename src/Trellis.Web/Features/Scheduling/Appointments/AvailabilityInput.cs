using System.ComponentModel.DataAnnotations;

namespace Trellis.Web.Features.Scheduling;

/// <summary>Weekly hours a staff member keeps open for individual appointments, as the appointment hours page posts them.</summary>
public sealed class AvailabilityInput : IValidatableObject
{
    public DayOfWeek Day { get; set; } = DayOfWeek.Tuesday;
    [Required(ErrorMessage = "Enter the start.")] public TimeOnly? StartTime { get; set; } = new(13, 0);
    [Required(ErrorMessage = "Enter the end.")] public TimeOnly? EndTime { get; set; } = new(17, 0);
    public ServiceType ServiceType { get; set; } = ServiceType.IndividualTherapy;
    [Range(15, 120, ErrorMessage = "A slot is 15 to 120 minutes.")] public int SlotMinutes { get; set; } = 50;
    public Guid? RoomId { get; set; }
    public bool IsTelehealth { get; set; }
    /// <summary>The program the hours are for; needed only when the staff member works in more than one of yours.</summary>
    public Guid? ProgramId { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (StartTime is { } s && EndTime is { } e && e <= s) yield return new($"The hours end at {e:H\\:mm}, which is not after they start at {s:H\\:mm}.", [nameof(EndTime)]);
        else if (StartTime is { } s2 && EndTime is { } e2 && (e2 - s2).TotalMinutes < SlotMinutes) yield return new("The hours are shorter than one slot.", [nameof(EndTime)]);
    }
}
