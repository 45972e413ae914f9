namespace Trellis.Web.Features.Scheduling;

public sealed record FacilitatorDto(Guid Id, string Name);

public sealed record SessionDto(
    Guid Id, Guid ProgramId, Guid? TrackId, string? TrackName, Guid? TemplateId, string Title, ServiceType ServiceType,
    DateTimeOffset StartsAt, DateTimeOffset EndsAt, DateOnly LocalDate, string LocalStart, string LocalEnd, string TimeZoneId,
    Guid? RoomId, string? RoomName, string? TelehealthUrl, int Capacity, int Enrolled, SessionStatus Status, string? CancellationReason,
    bool IsOneOffChange, IReadOnlyList<FacilitatorDto> Facilitators, long Version)
{
    public static SessionDto From(GroupSession s, int enrolled)
    {
        var zone = ProgramClock.Zone(s.Program!.TimeZoneId);
        return new(s.Id, s.ProgramId, s.TrackId, s.Track?.Name, s.TemplateId, s.Title, s.ServiceType, s.StartsAt, s.EndsAt, s.LocalDate,
            ProgramClock.Time(s.StartsAt, zone), ProgramClock.Time(s.EndsAt, zone), s.Program.TimeZoneId, s.RoomId, s.Room?.Name, s.TelehealthUrl,
            s.Capacity, enrolled, s.Status, s.CancellationReason, s.IsOneOffChange,
            s.Facilitators.Select(f => new FacilitatorDto(f.StaffMemberId, f.StaffMember?.FullName ?? "")).OrderBy(f => f.Name).ToList(), s.Version);
    }
}

/// <summary>One participant on a roster: their record if taken, or nulls if not yet.</summary>
public sealed record AttendanceLineDto(Guid ParticipantId, string Name, bool Expected, AttendanceStatus? Status, int? MinutesLate,
    int? MinutesLeftEarly, int? MinutesAttended, string? Note, DateTimeOffset? UpdatedAt, string? UpdatedBy);

/// <summary>A roster with its version (the ETag to send back as If-Match) and whether only a program director may change it now.</summary>
public sealed record RosterDto(Guid EventId, string Title, DateOnly LocalDate, int DurationMinutes, bool Locked, long Version, IReadOnlyList<AttendanceLineDto> Records);

/// <summary>A line of PUT …/attendance. Status is required: a missing one is an error, never "present".</summary>
public sealed record AttendanceLineInput(Guid ParticipantId, AttendanceStatus? Status, int? MinutesLate, int? MinutesLeftEarly, string? Note);

public sealed record AttendanceBody(List<AttendanceLineInput>? Records, string? Reason);

public sealed record AttendanceSaved(int Changed, int FollowUpsRaised, int EngagementAlertsRaised, RosterDto Roster);

public sealed record ConflictDto(string Kind, string Message, string EventType, Guid EventId)
{
    public static ConflictDto From(ScheduleConflict c) => new(Infrastructure.EnumText.ToApi(c.Kind), c.Message, c.EventType, c.EventId);
}

public sealed record SessionChanged(SessionDto Session, IReadOnlyList<ConflictDto> Warnings);

public sealed record CancelBody(string? Reason);

public sealed record AppointmentDto(Guid Id, Guid ParticipantId, string ParticipantName, Guid StaffMemberId, string StaffName, ServiceType ServiceType,
    DateTimeOffset StartsAt, DateTimeOffset EndsAt, DateOnly LocalDate, string LocalStart, string LocalEnd, string TimeZoneId, Guid? RoomId,
    string? RoomName, string? TelehealthUrl, AppointmentStatus Status, string? CancellationReason, Guid? SeriesId, string? Notes, long Version)
{
    public static AppointmentDto From(Appointment a)
    {
        var tz = a.Participant!.Program!.TimeZoneId;
        var zone = ProgramClock.Zone(tz);
        return new(a.Id, a.ParticipantId, a.Participant.DisplayName, a.StaffMemberId, a.StaffMember?.FullName ?? "", a.ServiceType, a.StartsAt, a.EndsAt,
            a.LocalDate, ProgramClock.Time(a.StartsAt, zone), ProgramClock.Time(a.EndsAt, zone), tz, a.RoomId, a.Room?.Name, a.TelehealthUrl,
            a.Status, a.CancellationReason, a.SeriesId, a.Notes, a.Version);
    }
}

public sealed record FeedRequest(bool? IncludeDetails);

public sealed record FeedUrl(string Url, bool IncludeDetails);

public sealed record ClosureInput(Guid? ProgramId, DateOnly? StartsOn, DateOnly? EndsOn, string? Reason);

public sealed record ClosureDto(Guid Id, Guid? ProgramId, string? ProgramName, DateOnly StartsOn, DateOnly EndsOn, string Reason, bool CalledOff);

public sealed record ClosureApplied(ClosureDto Closure, int SessionsCancelled, int AppointmentsCancelled, int ParticipantsNotified);

public sealed record GenerateResult(int SessionsCreated);
