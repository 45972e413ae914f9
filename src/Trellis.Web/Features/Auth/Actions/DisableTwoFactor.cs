using Microsoft.AspNetCore.Identity;
using Trellis.Web.Features.Audit;

namespace Trellis.Web.Features.Auth.Actions;

/// <summary>
/// Turn off two-factor sign-in for yourself, unless the organization requires it of staff (409). The
/// authenticator key is replaced, so an old phone cannot be used later, and every other session of the account ends
/// (<see cref="SessionService.EndOtherSessionsAsync"/>). Audited. Called by the two-factor page.
/// </summary>
public static class DisableTwoFactor
{
    public static async Task<Result<TrellisUser>> RunAsync(TrellisDbContext db, UserManager<TrellisUser> users, CancellationToken ct = default)
    {
        var (user, refused) = await AccountOf.CallerAsync(db, users);
        if (refused is not null) return refused;
        if (user!.StaffMemberId is not null && await TwoFactorEnrollment.IsRequiredAsync(db))
            return Refusal.Conflict("Your organization requires two-factor sign-in for staff, so it cannot be turned off.");
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        var ended = await SessionService.EndOtherSessionsAsync(db, user.Id, "two-factor turned off", ct);
        db.Audit(AuditActions.TwoFactorDisabled, "User", user.Id, null, detail: $"{ended} other session(s) ended");
        await db.SaveChangesAsync(ct);
        return user;
    }
}
