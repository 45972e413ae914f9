using System.ComponentModel.DataAnnotations;

namespace Trellis.Web.Features.Scheduling;

/// <summary>A one-off change to one group session: the page's form and the API's body.</summary>
public sealed class SessionChangeInput : IValidatableObject
{
    [Required(ErrorMessage = "Give the session a title."), MaxLength(120)] public string? Title { get; set; }
    [Required(ErrorMessage = "Choose the day.")] public DateOnly? Date { get; set; }
    [Required(ErrorMessage = "Enter the start time."), Display(Name = "Starts")] public TimeOnly? StartTime { get; set; }
    [Required(ErrorMessage = "Enter the end time."), Display(Name = "Ends")] public TimeOnly? EndTime { get; set; }
    [Display(Name = "Room")] public Guid? RoomId { get; set; }
    [MaxLength(500), Display(Name = "Video link")] public string? TelehealthUrl { get; set; }
    [Range(1, 100, ErrorMessage = "Capacity must be between 1 and 100.")] public int Capacity { get; set; } = 12;
    public List<Guid> FacilitatorIds { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        foreach (var r in EventRules.Check("session", StartTime, EndTime, RoomId, TelehealthUrl, ": participants need to know where to go")) yield return r;
        if (FacilitatorIds.Count == 0) yield return new("Choose at least one facilitator.", [nameof(FacilitatorIds)]);
    }

    public static SessionChangeInput From(GroupSession s, TimeZoneInfo zone) => new()
    {
        Title = s.Title, Date = s.LocalDate, StartTime = ProgramClock.LocalTime(s.StartsAt, zone), EndTime = ProgramClock.LocalTime(s.EndsAt, zone),
        RoomId = s.RoomId, TelehealthUrl = s.TelehealthUrl, Capacity = s.Capacity, FacilitatorIds = s.Facilitators.Select(f => f.StaffMemberId).ToList(),
    };
}

/// <summary>Why a session or an appointment is cancelled: people are told.</summary>
public sealed class CancelInput
{
    [Required(ErrorMessage = "Say why it is cancelled (at most 500 characters)."), MaxLength(500, ErrorMessage = "Say why it is cancelled (at most 500 characters).")]
    public string? Reason { get; set; }
}
