using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;
using Trellis.Web.Features.Participants;

namespace Trellis.Web.Features.Organization;

/// <summary>How many participants hold a place in each track.</summary>
public static class TrackCensus
{
    /// <summary>Statuses that occupy a seat: admitted, active and on hold (a held place is kept).</summary>
    public static readonly ParticipantStatus[] Occupying = [ParticipantStatus.Admitted, ParticipantStatus.Active, ParticipantStatus.OnHold];

    /// <summary>
    /// Counts every participant, not only those the caller may see: capacity is a fact about the
    /// track, and counting through the scope filter would undercount for staff of other programs.
    /// Only counts leave this method, never a participant.
    /// </summary>
    public static async Task<Dictionary<Guid, int>> EnrolledAsync(TrellisDbContext db, CancellationToken ct = default) =>
        await db.Participants.IgnoreQueryFilters([TrellisDbContext.ScopeFilter])
            .Where(p => p.TrackId != null && Occupying.Contains(p.Status))
            .GroupBy(p => p.TrackId!.Value).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, ct);
}
