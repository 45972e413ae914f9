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

public sealed record ConflictDto(string Kind, string Message, string EventType, Guid EventId)
{
    public static ConflictDto From(ScheduleConflict c) => new(EnumText.ToApi(c.Kind), c.Message, c.EventType, c.EventId);
}

public sealed record SessionChanged(SessionDto Session, IReadOnlyList<ConflictDto> Warnings);

public sealed record GenerateResult(int SessionsCreated);
