using Microsoft.AspNetCore.Identity;
using Trellis.Web.Features.Audit;

namespace Trellis.Web.Features.Auth.Actions;

/// <summary>
/// Remove one of your own passkeys (its id is the base64url credential id). Another account's passkey, or none, is a
/// 404. It stops working at once: its next sign-in is refused as an unknown credential, and every other session of the
/// account ends (<see cref="SessionService.EndOtherSessionsAsync"/>). Audited. Called by the
/// account page and DELETE /api/me/passkeys/{id}.
/// </summary>
public static class RemovePasskey
{
    public static async Task<Result<PasskeyView>> RunAsync(TrellisDbContext db, UserManager<TrellisUser> users, string id, CancellationToken ct = default)
    {
        var (user, refused) = await AccountOf.CallerAsync(db, users);
        if (refused is not null) return refused;
        if (Passkeys.CredentialId(id) is not { } credentialId || await users.GetPasskeyAsync(user!, credentialId) is not { } passkey)
            return Refusal.NotFound("passkey");
        var removed = await users.RemovePasskeyAsync(user!, credentialId);
        if (!removed.Succeeded) return Refusal.NotFound("passkey");
        // Whoever holds the device the key was on may hold a session made with it: those end now, as on a password change.
        var ended = await SessionService.EndOtherSessionsAsync(db, user!.Id, "passkey removed", ct);
        db.Audit(AuditActions.PasskeyRemoved, "User", user.Id, null, detail: $"{passkey.Name}; {ended} other session(s) ended");
        await db.SaveChangesAsync(ct);
        return new PasskeyView(id, passkey.Name ?? "Passkey", passkey.CreatedAt, passkey.IsBackedUp);
    }
}
