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
        var people = new HashSet<Guid>();
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            switch (entry.Entity)
            {
                case Enrollment e: people.Add(e.ParticipantId); break;
                case InstrumentAdministration i: people.Add(i.ParticipantId); break;
                case Participant p when entry.State == EntityState.Modified && entry.Property(nameof(Participant.ProgramId)).IsModified: people.Add(p.Id); break; // a score's day is read in the program's zone
            }
        }
        await OutcomeSummaries.RecomputeDaysAsync(db, await AttendanceTouches.DaysAsync(db, ct), ct);
        await OutcomeSummaries.RecomputeStaysAsync(db, people, ct);
    }
}
