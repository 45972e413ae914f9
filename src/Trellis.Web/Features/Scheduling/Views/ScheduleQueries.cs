using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;

namespace Trellis.Web.Features.Scheduling;

public enum ScheduleItemKind { GroupSession, Appointment }

/// <summary>
/// One line of a person's schedule: a group session or an appointment, in the program's local time.
/// <paramref name="Part2"/>: of a 42 CFR Part 2 program, whose participants' names never leave in a calendar feed.
/// </summary>
public sealed record ScheduleItem(
    ScheduleItemKind Kind, Guid Id, string Title, ServiceType ServiceType, DateTimeOffset StartsAt, DateTimeOffset EndsAt,
    DateOnly LocalDate, string LocalStart, string LocalEnd, string TimeZoneId, string? Room, string? TelehealthUrl,
    bool Cancelled, string? CancellationReason, string? TrackName, IReadOnlyList<string> Staff, string? ParticipantName,
    Guid? ParticipantId, AttendanceStatus? Attendance, bool Part2 = false);

/// <summary>Schedules of a participant and of a staff member, shared by pages, the API and the calendar feeds.</summary>
public static class ScheduleQueries
{
    /// <summary>The participant's group sessions (those of the tracks they were enrolled in on each day) and appointments.</summary>
    public static async Task<List<ScheduleItem>> ForParticipantAsync(TrellisDbContext db, Guid participantId, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        var enrollments = await db.Enrollments.AsNoTracking().Where(e => e.ParticipantId == participantId && e.TrackId != null)
            .Select(e => new { TrackId = e.TrackId!.Value, e.StartedOn, e.EndedOn }).ToListAsync(ct);
        var trackIds = enrollments.Select(e => e.TrackId).Distinct().ToList();
        var sessions = await SessionsQuery(db).Where(s => s.TrackId != null && trackIds.Contains(s.TrackId.Value) && s.LocalDate >= from && s.LocalDate <= to)
            .ToListAsync(ct);
        sessions = sessions.Where(s => enrollments.Any(e => e.TrackId == s.TrackId && e.StartedOn <= s.LocalDate && (e.EndedOn == null || e.EndedOn >= s.LocalDate))).ToList();
        var appointments = await AppointmentsQuery(db).Where(a => a.ParticipantId == participantId && a.LocalDate >= from && a.LocalDate <= to).ToListAsync(ct);
        var marks = await db.Attendance.AsNoTracking().Where(a => a.ParticipantId == participantId)
            .Select(a => new { a.GroupSessionId, a.AppointmentId, a.Status }).ToListAsync(ct);
        return Merge(sessions, appointments,
            s => marks.FirstOrDefault(m => m.GroupSessionId == s)?.Status,
            a => marks.FirstOrDefault(m => m.AppointmentId == a)?.Status, includeParticipant: false);
    }

    /// <summary>What a staff member runs: the sessions they facilitate and their appointments (participants shown only within scope).</summary>
    public static async Task<List<ScheduleItem>> ForStaffAsync(TrellisDbContext db, Guid staffId, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        var sessions = await SessionsQuery(db).Where(s => s.Facilitators.Any(f => f.StaffMemberId == staffId) && s.LocalDate >= from && s.LocalDate <= to).ToListAsync(ct);
        var appointments = await AppointmentsQuery(db).Where(a => a.StaffMemberId == staffId && a.LocalDate >= from && a.LocalDate <= to).ToListAsync(ct);
        return Merge(sessions, appointments, _ => null, _ => null, includeParticipant: true);
    }

    public static IQueryable<GroupSession> SessionsQuery(TrellisDbContext db) =>
        db.GroupSessions.AsNoTracking().Include(s => s.Program).Include(s => s.Track).Include(s => s.Room)
            .Include(s => s.Facilitators).ThenInclude(f => f.StaffMember).AsSplitQuery();

    public static IQueryable<Appointment> AppointmentsQuery(TrellisDbContext db) => AppointmentQueries.Query(db).AsNoTracking();

    private static List<ScheduleItem> Merge(List<GroupSession> sessions, List<Appointment> appointments,
        Func<Guid, AttendanceStatus?> sessionMark, Func<Guid, AttendanceStatus?> appointmentMark, bool includeParticipant)
    {
        var items = sessions.Select(s =>
        {
            var zone = ProgramClock.Zone(s.Program!.TimeZoneId);
            return new ScheduleItem(ScheduleItemKind.GroupSession, s.Id, s.Title, s.ServiceType, s.StartsAt, s.EndsAt, s.LocalDate,
                ProgramClock.Time(s.StartsAt, zone), ProgramClock.Time(s.EndsAt, zone), s.Program.TimeZoneId, s.Room?.Name, s.TelehealthUrl ?? (s.Room?.IsTelehealth == true ? s.Room.TelehealthUrl : null),
                s.Status == SessionStatus.Cancelled, s.CancellationReason, s.Track?.Name,
                s.Facilitators.Select(f => f.StaffMember!.FullName).OrderBy(n => n).ToList(), null, null, sessionMark(s.Id), s.Program.IsPart2);
        });
        var appts = appointments.Select(a =>
        {
            var tz = a.Participant!.Program!.TimeZoneId;
            var zone = ProgramClock.Zone(tz);
            return new ScheduleItem(ScheduleItemKind.Appointment, a.Id, Conflicts.Describe(a.ServiceType), a.ServiceType, a.StartsAt, a.EndsAt, a.LocalDate,
                ProgramClock.Time(a.StartsAt, zone), ProgramClock.Time(a.EndsAt, zone), tz, a.Room?.Name, a.TelehealthUrl ?? (a.Room?.IsTelehealth == true ? a.Room.TelehealthUrl : null),
                a.Status == AppointmentStatus.Cancelled, a.CancellationReason, null, [a.StaffMember!.FullName],
                includeParticipant ? a.Participant.DisplayName : null, includeParticipant ? a.ParticipantId : null, appointmentMark(a.Id), a.Participant.Program.IsPart2);
        });
        return items.Concat(appts).OrderBy(i => i.StartsAt).ThenBy(i => i.Title).ToList();
    }
}
