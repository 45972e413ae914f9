using Microsoft.EntityFrameworkCore;

namespace Trellis.Web.Features.EmergencyAccess.Actions;

/// <summary>
/// The clinician ends their own emergency access before it expires (the emergency is over). Only the
/// grant's holder ends it. Called by the banner's "End now" and POST /api/emergency-access/{id}/end.
/// </summary>
public static class EndEmergencyAccess
{
    public static async Task<Result<EmergencyAccessGrant>> RunAsync(TrellisDbContext db, Guid grantId, CancellationToken ct = default)
    {
        var grant = db.Me.StaffId is { } me
            ? await EmergencyAccessGrant.HeldBy(db, me).FirstOrDefaultAsync(g => g.Id == grantId, ct)
            : null;
        if (grant is null) return Refusal.NotFound("emergency access");
        if (!grant.IsActive(db.Now)) return grant;
        grant.EndedAt = db.Now;
        return await db.SaveOrStaleAsync(grant, ct) is { } lost ? lost : grant;
    }
}
