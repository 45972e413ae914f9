using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;
using Trellis.Web.Features.Participants;

namespace Trellis.Web.Features.Scheduling;

/// <summary>One participant's week in the program list.</summary>
public sealed record ParticipantWeek(Guid ParticipantId, string Name, string? TrackName, WeekHours Week);

/// <summary>
/// Gathers what hours-per-week counts from the database; the counting, and which weeks a participant is
/// held to the minimum, is <see cref="WeeklyHours"/>. The chart, its flag, the program list, the home
/// card and the API all read through here, so they agree.
/// </summary>
public static class HoursQueries
{
    public static async Task<IReadOnlyList<WeekHours>> ForParticipantAsync(TrellisDbContext db, Participant participant, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        var program = participant.Program ?? await db.Programs.AsNoTracking().FirstAsync(p => p.Id == participant.ProgramId, ct);
        var settings = await ScheduleSettings.ForAsync(db, program.Id, ct);
        var weekFrom = ProgramClock.WeekStart(from);
        var weekTo = ProgramClock.WeekStart(to).AddDays(6);
        var items = await ItemsAsync(db, [participant.Id], weekFrom, weekTo, ct);
        var spans = (await SpansAsync(db, [participant.Id], program.Id, ct)).GetValueOrDefault(participant.Id) ?? [];
        var onHold = participant.Status == ParticipantStatus.OnHold;
        return WeeklyHours.Compute(items.GetValueOrDefault(participant.Id) ?? [], settings.Counted, program.MinimumWeeklyHours, weekFrom, weekTo,
            ProgramClock.Today(db.Now, program.TimeZoneId), week => WeeklyHours.NotHeldBecause(onHold, spans, week));
    }

    /// <summary>The Monday of the first week the participant was enrolled, for pages that show weeks from then on.</summary>
    public static async Task<DateOnly?> FirstWeekAsync(TrellisDbContext db, Guid participantId, CancellationToken ct = default)
    {
        var first = await db.Enrollments.AsNoTracking().Where(e => e.ParticipantId == participantId).OrderBy(e => e.StartedOn)
            .Select(e => (DateOnly?)e.StartedOn).FirstOrDefaultAsync(ct);
        return first is { } d ? ProgramClock.WeekStart(d) : null;
    }

    /// <summary>Every participant of a program enrolled in one week (discharged since included), those below the minimum first, then lowest attended.</summary>
    public static async Task<List<ParticipantWeek>> ForProgramAsync(TrellisDbContext db, Organization.TreatmentProgram program, DateOnly weekStart, CancellationToken ct = default)
    {
        var settings = await ScheduleSettings.ForAsync(db, program.Id, ct);
        var today = ProgramClock.Today(db.Now, program.TimeZoneId);
        var weekEnd = weekStart.AddDays(6);
        var people = await db.Participants.AsNoTracking()
            .Where(p => p.ProgramId == program.Id && p.Enrollments.Any(e => e.ProgramId == program.Id && e.StartedOn <= weekEnd && (e.EndedOn == null || e.EndedOn >= weekStart))
                && (p.Status == ParticipantStatus.Active || p.Status == ParticipantStatus.Admitted || p.Status == ParticipantStatus.OnHold || p.Status == ParticipantStatus.Discharged))
            .Select(p => new
            {
                p.Id, Name = Participant.NameOf(p.PreferredName, p.LegalFirstName, p.LegalLastName), Track = p.Track != null ? p.Track.Name : null,
                OnHold = p.Status == ParticipantStatus.OnHold,
            })
            .ToListAsync(ct);
        var ids = people.Select(p => p.Id).ToList();
        var items = await ItemsAsync(db, ids, weekStart, weekEnd, ct);
        var spans = await SpansAsync(db, ids, program.Id, ct);
        return people.Select(p => new ParticipantWeek(p.Id, p.Name, p.Track,
                WeeklyHours.Compute(items.GetValueOrDefault(p.Id) ?? [], settings.Counted, program.MinimumWeeklyHours, weekStart, weekEnd, today,
                    week => WeeklyHours.NotHeldBecause(p.OnHold, spans.GetValueOrDefault(p.Id) ?? [], week))[0]))
            .OrderBy(r => r.Week.BelowMinimum ? 0 : 1).ThenBy(r => r.Week.AttendedHours).ThenBy(r => r.Name).ToList();
    }

    /// <summary>Each participant's enrollments in the program, for <see cref="WeeklyHours.NotHeldBecause"/>.</summary>
    private static async Task<Dictionary<Guid, List<EnrolledSpan>>> SpansAsync(TrellisDbContext db, List<Guid> participantIds, Guid programId, CancellationToken ct) =>
        (await db.Enrollments.AsNoTracking().Where(e => participantIds.Contains(e.ParticipantId) && e.ProgramId == programId)
            .Select(e => new { e.ParticipantId, e.StartedOn, e.EndedOn }).ToListAsync(ct))
        .GroupBy(e => e.ParticipantId).ToDictionary(g => g.Key, g => g.Select(e => new EnrolledSpan(e.StartedOn, e.EndedOn)).ToList());

    /// <summary>Sessions and appointments of these participants in the days given, with the minutes each attended.</summary>
    public static async Task<Dictionary<Guid, List<HoursItem>>> ItemsAsync(TrellisDbContext db, List<Guid> participantIds, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var result = participantIds.ToDictionary(id => id, _ => new List<HoursItem>());
        if (participantIds.Count == 0) return result;
        var enrollments = await db.Enrollments.AsNoTracking().Where(e => participantIds.Contains(e.ParticipantId) && e.TrackId != null
                && e.StartedOn <= to && (e.EndedOn == null || e.EndedOn >= from))
            .Select(e => new { e.ParticipantId, TrackId = e.TrackId!.Value, e.StartedOn, e.EndedOn }).ToListAsync(ct);
        var trackIds = enrollments.Select(e => e.TrackId).Distinct().ToList();
        var sessions = await db.GroupSessions.AsNoTracking().Where(s => s.TrackId != null && trackIds.Contains(s.TrackId.Value) && s.LocalDate >= from && s.LocalDate <= to)
            .Select(s => new { s.Id, s.TrackId, s.LocalDate, s.ServiceType, s.StartsAt, s.EndsAt, s.Status }).ToListAsync(ct);
        var appointments = await db.Appointments.AsNoTracking().Where(a => participantIds.Contains(a.ParticipantId) && a.LocalDate >= from && a.LocalDate <= to)
            .Select(a => new { a.Id, a.ParticipantId, a.LocalDate, a.ServiceType, a.StartsAt, a.EndsAt, a.Status }).ToListAsync(ct);
        var sessionIds = sessions.Select(s => s.Id).ToList();
        var appointmentIds = appointments.Select(a => a.Id).ToList();
        var marks = await db.Attendance.AsNoTracking().Where(a => participantIds.Contains(a.ParticipantId)
                && ((a.GroupSessionId != null && sessionIds.Contains(a.GroupSessionId.Value)) || (a.AppointmentId != null && appointmentIds.Contains(a.AppointmentId.Value))))
            .Select(a => new { a.ParticipantId, a.GroupSessionId, a.AppointmentId, a.MinutesAttended }).ToListAsync(ct);
        var bySession = marks.Where(m => m.GroupSessionId != null).ToDictionary(m => (m.ParticipantId, m.GroupSessionId!.Value), m => m.MinutesAttended);
        var byAppointment = marks.Where(m => m.AppointmentId != null).ToDictionary(m => m.AppointmentId!.Value, m => m.MinutesAttended);

        foreach (var e in enrollments)
            foreach (var s in sessions.Where(s => s.TrackId == e.TrackId && s.LocalDate >= e.StartedOn && (e.EndedOn == null || s.LocalDate <= e.EndedOn)))
            {
                if (result[e.ParticipantId].Any(i => i.Source == s.Id)) continue;
                var attended = bySession.TryGetValue((e.ParticipantId, s.Id), out var m) ? m : (int?)null;
                result[e.ParticipantId].Add(new HoursItem(s.LocalDate, s.ServiceType, (int)(s.EndsAt - s.StartsAt).TotalMinutes, s.Status == SessionStatus.Scheduled, attended) { Source = s.Id });
            }
        foreach (var a in appointments)
            result[a.ParticipantId].Add(new HoursItem(a.LocalDate, a.ServiceType, (int)(a.EndsAt - a.StartsAt).TotalMinutes,
                a.Status == AppointmentStatus.Scheduled, byAppointment.TryGetValue(a.Id, out var m) ? m : null) { Source = a.Id });
        return result;
    }
}
