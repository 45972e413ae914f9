using Microsoft.AspNetCore.Identity;
using Trellis.Web.Features.Audit;
using Trellis.Web.Features.Auth;

namespace Trellis.Web.Features.Staff.Actions;

/// <summary>Lift a lockout after repeated failed sign-ins before it runs out (the administrator has checked who is asking). Audited.</summary>
public static class UnlockStaffAccount
{
    public static async Task<Result<TrellisUser>> RunAsync(TrellisDbContext db, UserManager<TrellisUser> users, Guid staffId, CancellationToken ct = default)
    {
        var (account, refused) = await SaveStaff.AccountOfAsync(db, users, staffId, ct);
        if (refused is not null) return refused;
        SaveStaff.Ensure(await users.SetLockoutEndDateAsync(account!, null));
        SaveStaff.Ensure(await users.ResetAccessFailedCountAsync(account!));
        db.Audit(AuditActions.Unlock, "User", account!.Id, null);
        await db.SaveChangesAsync(ct);
        return account;
    }
}
