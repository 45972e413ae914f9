using Microsoft.AspNetCore.Identity;
using Trellis.Web.Features.Audit;
using Trellis.Web.Features.Auth;

namespace Trellis.Web.Features.Staff.Actions;

/// <summary>
/// A lost phone: two-factor sign-in is turned off and the authenticator key replaced, and every session
/// ends; the person sets up a new authenticator at their next sign-in. Audited.
/// </summary>
public static class ResetStaffTwoFactor
{
    public static async Task<Result<TrellisUser>> RunAsync(TrellisDbContext db, UserManager<TrellisUser> users, Guid staffId, CancellationToken ct = default)
    {
        var (account, refused) = await SaveStaff.AccountOfAsync(db, users, staffId, ct);
        if (refused is not null) return refused;
        SaveStaff.Ensure(await users.SetTwoFactorEnabledAsync(account!, false));
        SaveStaff.Ensure(await users.ResetAuthenticatorKeyAsync(account!));
        await SessionService.RevokeAllAsync(db, account!.Id, "two-factor reset", ct);
        db.Audit(AuditActions.TwoFactorReset, "User", account.Id, null);
        await db.SaveChangesAsync(ct);
        return account;
    }
}
