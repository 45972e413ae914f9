using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;
using Trellis.Web.Features.Instruments;
using Trellis.Web.Features.Participants;
using Trellis.Web.Features.Scheduling;

namespace Trellis.Web.Features.Outcomes.Summaries;

/// <summary>
/// Keeps the dashboard's summaries in the same transaction as the records they come from, so they are never stale:
/// attendance recorded, corrected or removed, a session or appointment moved to another day (the participant-days
/// it touches); an enrollment opened, ended or changed (admission, track move, discharge, an undone discharge) and a
/// score entered, corrected or removed (that participant's stays). Recomputes from the records, not by adding
/// differences, so a correction cannot leave a drift. Two saves racing over the same summary row meet the row's
/// version: the second is refused, never silently stale.
/// </summary>
public sealed class OutcomeSummaryHook : ISaveHook
{
    public async Task BeforeSaveAsync(TrellisDbContext db, CancellationToken ct)
    {
        var detect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try { await FollowAsync(db, ct); }
        finally { db.ChangeTracker.AutoDetectChangesEnabled = detect; }
    }

    private static async Task FollowAsync(TrellisDbContext db, CancellationToken ct)
    {
        var attendance = new List<AttendanceRecord>();
        var movedSessions = new List<(Guid Id, DateOnly Was)>();
        var days = new HashSet<(Guid, DateOnly)>();
        var people = new HashSet<Guid>();
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            switch (entry.Entity)
            {
                case AttendanceRecord a: attendance.Add(a); break;
                case GroupSession s when entry.State == EntityState.Modified && entry.OriginalValues[nameof(GroupSession.LocalDate)] is DateOnly was && was != s.LocalDate:
                    movedSessions.Add((s.Id, was));
                    break;
                case Appointment a when entry.State == EntityState.Modified && entry.OriginalValues[nameof(Appointment.LocalDate)] is DateOnly was && was != a.LocalDate:
                    days.Add((a.ParticipantId, was));
                    days.Add((a.ParticipantId, a.LocalDate));
                    break;
                case Enrollment e: people.Add(e.ParticipantId); break;
                case InstrumentAdministration i: people.Add(i.ParticipantId); break;
                case Participant p when entry.State == EntityState.Modified && entry.Property(nameof(Participant.ProgramId)).IsModified: people.Add(p.Id); break; // a score's day is read in the program's zone
            }
        }
        if (attendance.Count > 0 || movedSessions.Count > 0)
        {
            var (sessions, appointments) = await OutcomeSummaries.DatesAsync(db,
                attendance.Where(a => a.GroupSessionId != null).Select(a => a.GroupSessionId!.Value),
                attendance.Where(a => a.AppointmentId != null).Select(a => a.AppointmentId!.Value), ct);
            foreach (var a in attendance)
                if (OutcomeSummaries.Fact(a, sessions, appointments) is { } f) days.Add((f.ParticipantId, f.On));
            foreach (var (id, was) in movedSessions)
            {
                var now = db.ChangeTracker.Entries<GroupSession>().First(e => e.Entity.Id == id).Entity.LocalDate;
                var who = await db.Attendance.IgnoreQueryFilters().AsNoTracking().Where(a => a.GroupSessionId == id).Select(a => a.ParticipantId).ToListAsync(ct);
                foreach (var p in who.Concat(attendance.Where(a => a.GroupSessionId == id).Select(a => a.ParticipantId)).Distinct())
                {
                    days.Add((p, was));
                    days.Add((p, now));
                }
            }
        }
        await OutcomeSummaries.RecomputeDaysAsync(db, days, ct);
        await OutcomeSummaries.RecomputeStaysAsync(db, people, ct);
    }
}
