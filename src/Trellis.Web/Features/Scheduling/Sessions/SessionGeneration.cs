using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;
using Trellis.Web.Features.Organization;

namespace Trellis.Web.Features.Scheduling;

/// <summary>
/// Makes the dated group sessions of every track from its weekly template, some weeks ahead. Safe to
/// run any number of times, on any number of app nodes at once: a session is keyed by template item
/// and day (a unique index), what exists is never touched, and a save that loses the race to
/// another node is simply re-read. Runs at start-up, daily in the background and on demand.
/// </summary>
public static class SessionGeneration
{
    public static async Task<int> GenerateAsync(TrellisDbContext db, DateOnly? from = null, Guid? trackId = null, DateOnly? until = null, CancellationToken ct = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try { return await GenerateOnceAsync(db, from, trackId, until, ct); }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Another node made some of the same sessions first: forget ours and look again.
                foreach (var e in db.ChangeTracker.Entries().Where(e => e.State == EntityState.Added).ToList()) e.State = EntityState.Detached;
            }
        }
    }

    private static async Task<int> GenerateOnceAsync(TrellisDbContext db, DateOnly? from, Guid? trackId, DateOnly? until, CancellationToken ct)
    {
        var tracks = await db.Tracks.Include(t => t.Program).AsNoTracking()
            .Where(t => t.IsActive && t.Program!.IsActive && (trackId == null || t.Id == trackId)).ToListAsync(ct);
        var trackIds = tracks.Select(t => t.Id).ToList();
        var templates = await db.Set<SessionTemplate>().Include(t => t.Facilitators).AsNoTracking()
            .Where(t => t.IsActive && trackIds.Contains(t.TrackId)).ToListAsync(ct);
        var closures = await db.Set<Closure>().AsNoTracking().Where(c => c.CancelledAt == null).ToListAsync(ct);
        var made = 0;
        foreach (var program in tracks.GroupBy(t => t.Program!))
        {
            var zone = ProgramClock.Zone(program.Key.TimeZoneId);
            var settings = await ScheduleSettings.ForAsync(db, program.Key.Id, ct);
            var today = ProgramClock.LocalDate(db.Now, zone);
            var start = from ?? today;
            var end = until ?? today.AddDays(7 * settings.WeeksAhead - 1);
            if (end < start) continue;
            var ids = templates.Where(t => program.Any(tr => tr.Id == t.TrackId)).Select(t => t.Id).ToList();
            var existing = (await db.GroupSessions.AsNoTracking()
                    .Where(s => s.TemplateId != null && ids.Contains(s.TemplateId.Value) && s.TemplateDate >= start && s.TemplateDate <= end)
                    .Select(s => new { s.TemplateId, s.TemplateDate }).ToListAsync(ct))
                .Select(s => (s.TemplateId!.Value, s.TemplateDate!.Value)).ToHashSet();
            foreach (var track in program)
                foreach (var template in templates.Where(t => t.TrackId == track.Id))
                    foreach (var planned in SessionPlanner.Plan(template, track, start, end, zone))
                    {
                        if (existing.Contains((template.Id, planned.LocalDate))) continue;
                        var closure = closures.FirstOrDefault(c => c.Covers(program.Key.Id, planned.LocalDate));
                        db.GroupSessions.Add(NewSession(program.Key.Id, track, template, planned, closure));
                        made++;
                    }
        }
        if (made > 0) await db.SaveChangesAsync(ct);
        return made;
    }

    private static GroupSession NewSession(Guid programId, Organization.Track track, SessionTemplate template, PlannedSession planned, Closure? closure)
    {
        var session = new GroupSession
        {
            ProgramId = programId, TrackId = track.Id, TemplateId = template.Id, Title = template.Title, ServiceType = template.ServiceType,
            StartsAt = planned.StartsAt, EndsAt = planned.EndsAt, LocalDate = planned.LocalDate, TemplateDate = planned.LocalDate,
            RoomId = template.RoomId ?? track.DefaultRoomId, TelehealthUrl = template.TelehealthUrl,
            Capacity = template.Capacity ?? track.Capacity,
            // A closed day is made already cancelled: nobody was told of a session that never was.
            Status = closure is null ? SessionStatus.Scheduled : SessionStatus.Cancelled,
            CancellationReason = closure?.Reason, ClosureId = closure?.Id,
        };
        session.Facilitators.AddRange(template.Facilitators.Select(f => new SessionFacilitator { GroupSessionId = session.Id, StaffMemberId = f.StaffMemberId }));
        return session;
    }

    /// <summary>
    /// After a template item changes: future sessions made from it that nobody changed by hand follow
    /// the new template; those with a one-off change keep it. Days the item no longer meets on are
    /// cancelled (unless attendance was taken), and new days are generated.
    /// </summary>
    public static async Task<int> ApplyTemplateAsync(TrellisDbContext db, SessionTemplate template, CancellationToken ct = default)
    {
        var track = await db.Tracks.Include(t => t.Program).AsNoTracking().FirstAsync(t => t.Id == template.TrackId, ct);
        var zone = ProgramClock.Zone(track.Program!.TimeZoneId);
        var today = ProgramClock.LocalDate(db.Now, zone);
        var sessions = await db.GroupSessions.Include(s => s.Facilitators)
            .Where(s => s.TemplateId == template.Id && s.LocalDate >= today && !s.IsOneOffChange && s.Status == SessionStatus.Scheduled && s.StartsAt > db.Now)
            .ToListAsync(ct);
        var sessionIds = sessions.Select(s => s.Id).ToList();
        var recorded = await db.Attendance.IgnoreQueryFilters().Where(a => a.GroupSessionId != null && sessionIds.Contains(a.GroupSessionId.Value))
            .Select(a => a.GroupSessionId!.Value).Distinct().ToListAsync(ct);
        var meets = template.Weekdays & track.Weekdays;
        var changed = 0;
        foreach (var s in sessions)
        {
            if ((!template.IsActive || !meets.HasFlag(s.LocalDate.DayOfWeek.ToFlag())) && !recorded.Contains(s.Id))
            {
                s.Status = SessionStatus.Cancelled;
                s.CancellationReason = "Removed from the track's weekly schedule.";
                changed++;
                continue;
            }
            s.Title = template.Title;
            s.ServiceType = template.ServiceType;
            s.StartsAt = ProgramClock.ToInstant(s.LocalDate, template.StartTime, zone);
            s.EndsAt = ProgramClock.ToInstant(s.LocalDate, template.EndTime, zone);
            s.RoomId = template.RoomId ?? track.DefaultRoomId;
            s.TelehealthUrl = template.TelehealthUrl;
            s.Capacity = template.Capacity ?? track.Capacity;
            var want = template.Facilitators.Select(f => f.StaffMemberId).ToHashSet();
            s.Facilitators.RemoveAll(f => !want.Contains(f.StaffMemberId));
            foreach (var id in want.Where(id => s.Facilitators.All(f => f.StaffMemberId != id)))
                s.Facilitators.Add(new SessionFacilitator { GroupSessionId = s.Id, StaffMemberId = id });
            changed++;
        }
        await db.SaveChangesAsync(ct);
        if (template.IsActive) changed += await GenerateAsync(db, trackId: track.Id, ct: ct);
        return changed;
    }
}
