using System.ComponentModel.DataAnnotations;

namespace Trellis.Web.Features.Scheduling;

/// <summary>
/// A roster's attendance as both doors send it: the body of PUT …/attendance, and what the attendance
/// pages make of their form (<see cref="AttendanceForm.ToInput"/>). Lines without a status are an error,
/// never "present".
/// </summary>
public sealed class AttendanceInput : IValidatableObject
{
    public List<AttendanceLineInput>? Records { get; set; }
    /// <summary>Why records already taken are changed, or why attendance is recorded this long after: kept in each record's history.</summary>
    [MaxLength(500, ErrorMessage = "The reason is at most 500 characters.")]
    public string? Reason { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (Records is null) yield return new("Send records: one line per participant with participantId and status.", [nameof(Records)]);
    }
}

/// <summary>One participant's line of a roster.</summary>
[AcceptsRepresentation(typeof(AttendanceLineDto))]
public sealed class AttendanceLineInput : IValidatableObject
{
    public Guid ParticipantId { get; set; }
    public AttendanceStatus? Status { get; set; }
    public int? MinutesLate { get; set; }
    public int? MinutesLeftEarly { get; set; }
    [MaxLength(500, ErrorMessage = "A note is at most 500 characters.")]
    public string? Note { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (Status is null) yield return new($"Give a status: {EnumText.Allowed<AttendanceStatus>()}.", [nameof(Status)]);
    }
}

/// <summary>The session or appointment a roster belongs to.</summary>
public readonly record struct RosterOf(Guid? SessionId, Guid? AppointmentId)
{
    public static RosterOf Session(Guid id) => new(id, null);
    public static RosterOf Appointment(Guid id) => new(null, id);
}

/// <summary>What the attendance rules need to know about the event a roster is taken for.</summary>
public sealed record AttendanceEvent(
    Guid? GroupSessionId, Guid? AppointmentId, Guid ProgramId, string Title, ServiceType ServiceType, DateOnly LocalDate,
    DateTimeOffset StartsAt, int DurationMinutes, bool Cancelled, IReadOnlyCollection<Guid> Expected, bool ByVideo = false)
{
    public Guid Id => GroupSessionId ?? AppointmentId!.Value;

    /// <param name="s">With its room loaded (<see cref="SessionQueries.FindAsync"/>), which says whether it is held by video.</param>
    public static AttendanceEvent For(GroupSession s, IReadOnlyCollection<Guid> expected) =>
        new(s.Id, null, s.ProgramId, s.Title, s.ServiceType, s.LocalDate, s.StartsAt, s.DurationMinutes, s.Status == SessionStatus.Cancelled, expected,
            Modalities.EventByVideo(s.RoomId, s.Room?.IsTelehealth == true, s.TelehealthUrl));

    public static AttendanceEvent For(Appointment a) =>
        new(null, a.Id, a.Participant!.ProgramId, Conflicts.Describe(a.ServiceType), a.ServiceType, a.LocalDate, a.StartsAt, a.DurationMinutes,
            a.Status == AppointmentStatus.Cancelled, [a.ParticipantId], Modalities.EventByVideo(a.RoomId, a.Room?.IsTelehealth == true, a.TelehealthUrl));
}

/// <summary>What a roster save did.</summary>
public sealed record AttendanceTaken(AttendanceEvent Event, int Changed, int FollowUpsRaised, int EngagementAlertsRaised);
