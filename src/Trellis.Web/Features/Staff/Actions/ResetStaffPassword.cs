using Microsoft.AspNetCore.Identity;
using Trellis.Web.Features.Audit;
using Trellis.Web.Features.Auth;

namespace Trellis.Web.Features.Staff.Actions;

/// <summary>
/// A forgotten password: the administrator gives the person a new one-time password (shown once) and
/// every open session of theirs ends, since whoever knew the old one may hold one. Audited.
/// </summary>
public static class ResetStaffPassword
{
    public static async Task<Result<string>> RunAsync(TrellisDbContext db, UserManager<TrellisUser> users, Guid staffId, CancellationToken ct = default)
    {
        var (account, refused) = await SaveStaff.AccountOfAsync(db, users, staffId, ct);
        if (refused is not null) return refused;
        var temporary = SaveStaff.NewTemporaryPassword();
        var token = await users.GeneratePasswordResetTokenAsync(account!);
        var result = await users.ResetPasswordAsync(account!, token, temporary);
        if (!result.Succeeded) return Refusal.Conflict(string.Join(" ", result.Errors.Select(e => e.Description)));
        await SessionService.RevokeAllAsync(db, account!.Id, "password reset", ct);
        db.Audit(AuditActions.PasswordReset, "User", account.Id, null);
        await db.SaveChangesAsync(ct);
        return temporary;
    }
}
