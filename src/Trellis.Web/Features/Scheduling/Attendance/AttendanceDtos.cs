namespace Trellis.Web.Features.Scheduling;

/// <summary>
/// One participant on a roster: their record if taken (with how they attended: in_person or video), or nulls if not yet;
/// and their preferred language and whether an interpreter is needed, so whoever runs the session can arrange one.
/// </summary>
public sealed record AttendanceLineDto(Guid ParticipantId, string Name, bool Expected, AttendanceStatus? Status, int? MinutesLate,
    int? MinutesLeftEarly, int? MinutesAttended, string? Note, DateTimeOffset? UpdatedAt, string? UpdatedBy, Modality? Modality = null,
    string? PreferredLanguage = null, bool InterpreterNeeded = false);

/// <summary>A roster with its version (the ETag to send back as If-Match) and whether only a program director may change it now.</summary>
public sealed record RosterDto(Guid EventId, string Title, DateOnly LocalDate, int DurationMinutes, bool Locked, long Version, IReadOnlyList<AttendanceLineDto> Records);

public sealed record AttendanceSaved(int Changed, int FollowUpsRaised, int EngagementAlertsRaised, RosterDto Roster);
