using Microsoft.EntityFrameworkCore;

namespace Trellis.Web.Features.Scheduling;

/// <summary>
/// The participant-days whose attendance a save changes, before and after it: attendance recorded, corrected or removed
/// (the day of its session or appointment, as the save leaves it), a group session moved to another day (each of its
/// attendees, the old day and the new), an appointment moved (its participant, both days). The one answer for every
/// feature that keeps something derived from attendance in the same transaction (charges, the outcome summaries), so
/// that they cannot disagree about which days to recompute.
/// </summary>
public static class AttendanceTouches
{
    public static async Task<HashSet<(Guid Participant, DateOnly Day)>> DaysAsync(TrellisDbContext db, CancellationToken ct)
    {
        var records = new List<AttendanceRecord>();
        var movedSessions = new List<(Guid Id, DateOnly Was, DateOnly Now)>();
        var days = new HashSet<(Guid, DateOnly)>();
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            switch (entry.Entity)
            {
                case AttendanceRecord a: records.Add(a); break;
                case GroupSession s when entry.State == EntityState.Modified && entry.OriginalValues[nameof(GroupSession.LocalDate)] is DateOnly was && was != s.LocalDate:
                    movedSessions.Add((s.Id, was, s.LocalDate));
                    break;
                case Appointment a when entry.State == EntityState.Modified && entry.OriginalValues[nameof(Appointment.LocalDate)] is DateOnly was && was != a.LocalDate:
                    days.Add((a.ParticipantId, was));
                    days.Add((a.ParticipantId, a.LocalDate));
                    break;
            }
        }
        if (records.Count > 0)
        {
            var sessionIds = records.Where(r => r.GroupSessionId != null).Select(r => r.GroupSessionId!.Value).Distinct().ToList();
            var appointmentIds = records.Where(r => r.AppointmentId != null).Select(r => r.AppointmentId!.Value).Distinct().ToList();
            var sessions = sessionIds.Count == 0 ? [] : await db.GroupSessions.IgnoreQueryFilters().AsNoTracking().Where(x => sessionIds.Contains(x.Id)).ToDictionaryAsync(x => x.Id, x => x.LocalDate, ct);
            var appointments = appointmentIds.Count == 0 ? [] : await db.Appointments.IgnoreQueryFilters().AsNoTracking().Where(x => appointmentIds.Contains(x.Id)).ToDictionaryAsync(x => x.Id, x => x.LocalDate, ct);
            // What this save makes of them wins over what the database holds (a session made or moved in the same save).
            foreach (var e in db.ChangeTracker.Entries<GroupSession>()) if (e.State is EntityState.Added or EntityState.Modified) sessions[e.Entity.Id] = e.Entity.LocalDate;
            foreach (var e in db.ChangeTracker.Entries<Appointment>()) if (e.State is EntityState.Added or EntityState.Modified) appointments[e.Entity.Id] = e.Entity.LocalDate;
            foreach (var r in records)
            {
                if (r.GroupSessionId is { } s && sessions.TryGetValue(s, out var d)) days.Add((r.ParticipantId, d));
                else if (r.AppointmentId is { } a && appointments.TryGetValue(a, out var d2)) days.Add((r.ParticipantId, d2));
            }
        }
        foreach (var (id, was, now) in movedSessions)
        {
            var attendees = await db.Attendance.IgnoreQueryFilters().AsNoTracking().Where(a => a.GroupSessionId == id).Select(a => a.ParticipantId).ToListAsync(ct);
            foreach (var p in attendees.Concat(records.Where(a => a.GroupSessionId == id).Select(a => a.ParticipantId)).Distinct())
            {
                days.Add((p, was));
                days.Add((p, now));
            }
        }
        return days;
    }
}
