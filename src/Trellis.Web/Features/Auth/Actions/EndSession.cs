using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Audit;

namespace Trellis.Web.Features.Auth.Actions;

/// <summary>An administrator ends someone's open session (a lost laptop, a shared computer). Audited. Called by the security page.</summary>
public static class EndSession
{
    public static async Task<Result<UserSession>> RunAsync(TrellisDbContext db, Guid sessionId, CancellationToken ct = default)
    {
        if (!db.Me.May(Permissions.ManageOrganization)) return Refusal.Forbidden("Only administrators end other people's sessions.");
        if (await db.UserSessions.FirstOrDefaultAsync(s => s.Id == sessionId, ct) is not { } session) return Refusal.NotFound("session");
        if (session.RevokedAt is not null) return session;
        session.RevokedAt = db.Now;
        session.RevokedReason = "ended by an administrator";
        db.Audit(AuditActions.SessionEnded, "User", session.UserId, null);
        await db.SaveChangesAsync(ct);
        return session;
    }
}
