using Microsoft.AspNetCore.Identity;
using Trellis.Web.Features.Audit;

namespace Trellis.Web.Features.Auth.Actions;

/// <summary>Ten new recovery codes, shown once; the old ones stop working. Audited. Called by the two-factor page.</summary>
public static class ReplaceRecoveryCodes
{
    public static async Task<Result<IReadOnlyList<string>>> RunAsync(TrellisDbContext db, UserManager<TrellisUser> users, CancellationToken ct = default)
    {
        var (user, refused) = await AccountOf.CallerAsync(db, users);
        if (refused is not null) return refused;
        if (!await users.GetTwoFactorEnabledAsync(user!)) return Refusal.Conflict("Turn on two-factor sign-in first; recovery codes belong to it.");
        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user!, 10))?.ToList() ?? [];
        db.Audit(AuditActions.RecoveryCodesReplaced, "User", user!.Id, null);
        await db.SaveChangesAsync(ct);
        return codes;
    }
}
