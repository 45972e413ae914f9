using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;
using Trellis.Web.Features.Participants;

namespace Trellis.Web.Features.Scheduling;

/// <summary>
/// Who is expected at a group session: everyone whose enrollment puts them in the session's track on
/// its day (so a move between tracks or a discharge is respected for past sessions too), except
/// people on hold or not yet admitted. Goes through the care-team scope like every participant query.
/// </summary>
public static class Rosters
{
    private static readonly ParticipantStatus[] Expected = [ParticipantStatus.Admitted, ParticipantStatus.Active, ParticipantStatus.Discharged];

    public static IQueryable<Participant> Expecting(TrellisDbContext db, Guid? trackId, DateOnly day) =>
        db.Participants.Where(p => trackId != null && Expected.Contains(p.Status)
            && p.Enrollments.Any(e => e.TrackId == trackId && e.StartedOn <= day && (e.EndedOn == null || e.EndedOn >= day)));

    /// <summary>The roster: the people expected plus anyone who already has a record for it, by name.</summary>
    public static async Task<List<Participant>> ForSessionAsync(TrellisDbContext db, GroupSession session, CancellationToken ct = default)
    {
        var recorded = db.Attendance.Where(a => a.GroupSessionId == session.Id).Select(a => a.ParticipantId);
        return await db.Participants.AsNoTracking()
            .Where(p => Expecting(db, session.TrackId, session.LocalDate).Any(e => e.Id == p.Id) || recorded.Contains(p.Id))
            .OrderBy(p => p.LegalLastName).ThenBy(p => p.LegalFirstName).ToListAsync(ct);
    }

    /// <summary>How many are expected at each of these sessions; counts only, never a person.</summary>
    public static async Task<Dictionary<Guid, int>> CountsAsync(TrellisDbContext db, IReadOnlyCollection<GroupSession> sessions, CancellationToken ct = default)
    {
        var trackIds = sessions.Where(s => s.TrackId != null).Select(s => s.TrackId!.Value).Distinct().ToList();
        if (trackIds.Count == 0) return [];
        var enrollments = await db.Enrollments.IgnoreQueryFilters([TrellisDbContext.ScopeFilter]).AsNoTracking()
            .Where(e => e.TrackId != null && trackIds.Contains(e.TrackId.Value) && Expected.Contains(e.Participant!.Status))
            .Select(e => new { e.TrackId, e.StartedOn, e.EndedOn, e.ParticipantId }).ToListAsync(ct);
        return sessions.ToDictionary(s => s.Id, s => enrollments
            .Where(e => e.TrackId == s.TrackId && e.StartedOn <= s.LocalDate && (e.EndedOn == null || e.EndedOn >= s.LocalDate))
            .Select(e => e.ParticipantId).Distinct().Count());
    }
}
