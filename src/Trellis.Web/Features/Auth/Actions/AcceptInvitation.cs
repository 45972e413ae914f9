using Microsoft.AspNetCore.Identity;
using Trellis.Web.Features.Audit;

namespace Trellis.Web.Features.Auth.Actions;

/// <summary>
/// The participant (or a support person they invited) follows their invitation and chooses a password (Identity's rules). Setting it changes the account's
/// security stamp, so the link (and any earlier one) works once. The page then signs them in to the portal.
/// </summary>
public static class AcceptInvitation
{
    public static async Task<Result<TrellisUser>> RunAsync(TrellisDbContext db, UserManager<TrellisUser> users, NewPasswordInput input, CancellationToken ct = default)
    {
        if (Validation.Check(input) is { } invalid) return invalid;
        if (await users.FindByIdAsync(input.User!) is not { IsDisabled: false } user
            || (user.ParticipantId is null && !await users.IsInRoleAsync(user, Roles.SupportPerson))
            || await users.HasPasswordAsync(user)
            || !await users.VerifyUserTokenAsync(user, AccountLinks.InvitationProvider, AccountLinks.InvitationPurpose, input.Token!))
            return Refusal.Invalid("link", "This invitation has expired or was already used. Ask your care team to send a new one; if you already chose a password, sign in.");
        if (ResetPassword.PasswordRefusal(await users.AddPasswordAsync(user, input.New!)) is { } refused) return refused;
        user.EmailConfirmed = true;
        await users.UpdateAsync(user);
        db.Audit(AuditActions.PasswordChanged, "User", user.Id, user.ParticipantId, detail: "portal invitation accepted");
        await db.SaveChangesAsync(ct);
        return user;
    }
}
