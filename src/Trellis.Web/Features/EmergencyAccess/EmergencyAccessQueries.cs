using Microsoft.EntityFrameworkCore;

namespace Trellis.Web.Features.EmergencyAccess;

public static class EmergencyAccessQueries
{
    public const int Days = 30;

    /// <summary>
    /// The last 30 days' grants the caller may see: their own (wherever the chart is), and through the
    /// filters those to charts of their programs. Unreviewed first, then newest.
    /// </summary>
    public static async Task<List<EmergencyAccessGrant>> VisibleAsync(TrellisDbContext db, CancellationToken ct = default)
    {
        var since = db.Now.AddDays(-Days);
        var programs = await db.Set<EmergencyAccessGrant>().AsNoTracking().Where(g => g.GrantedAt >= since).ToListAsync(ct);
        var own = db.Me.StaffId is { } me
            ? await EmergencyAccessGrant.HeldBy(db, me).AsNoTracking().Where(g => g.GrantedAt >= since).ToListAsync(ct)
            : [];
        return programs.Concat(own).DistinctBy(g => g.Id)
            .OrderBy(g => g.ReviewedAt is null ? 0 : 1).ThenByDescending(g => g.GrantedAt).ToList();
    }

    /// <summary>The caller's own grants that are open now, for the banner.</summary>
    public static async Task<List<EmergencyAccessGrant>> ActiveOwnAsync(TrellisDbContext db, CancellationToken ct = default) =>
        db.Me.StaffId is { } me && db.Me.EmergencyCharts.Length > 0
            ? await EmergencyAccessGrant.ActiveFor(db, me, db.Now).AsNoTracking()
                .OrderBy(g => g.ExpiresAt).ToListAsync(ct)
            : [];
}
