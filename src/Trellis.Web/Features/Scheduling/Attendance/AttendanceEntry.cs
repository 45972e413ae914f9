namespace Trellis.Web.Features.Scheduling;

/// <summary>One participant's line of a roster as a client sends it.</summary>
public sealed record AttendanceEntry(Guid ParticipantId, AttendanceStatus Status, int? MinutesLate = null, int? MinutesLeftEarly = null, string? Note = null);

/// <summary>What the service needs to know about the event attendance is taken for.</summary>
public sealed record AttendanceEvent(
    Guid? GroupSessionId, Guid? AppointmentId, Guid ProgramId, string Title, ServiceType ServiceType, DateOnly LocalDate,
    DateTimeOffset StartsAt, int DurationMinutes, bool Cancelled, IReadOnlyCollection<Guid> Expected)
{
    public static AttendanceEvent For(GroupSession s, IReadOnlyCollection<Guid> expected) =>
        new(s.Id, null, s.ProgramId, s.Title, s.ServiceType, s.LocalDate, s.StartsAt, s.DurationMinutes, s.Status == SessionStatus.Cancelled, expected);

    public static AttendanceEvent For(Appointment a, Guid programId) =>
        new(null, a.Id, programId, Conflicts.Describe(a.ServiceType), a.ServiceType, a.LocalDate, a.StartsAt, a.DurationMinutes,
            a.Status == AppointmentStatus.Cancelled, [a.ParticipantId]);
}

/// <summary>The answer to a roster save: the errors by field (nothing saved), or what changed.</summary>
public sealed record AttendanceResult(Dictionary<string, string[]> Errors, int Changed, int FollowUpsRaised, int AlertsRaised, bool Stale = false)
{
    public bool Ok => Errors.Count == 0 && !Stale;
    public static AttendanceResult Invalid(string field, string message) => new(new() { [field] = [message] }, 0, 0, 0);
}
