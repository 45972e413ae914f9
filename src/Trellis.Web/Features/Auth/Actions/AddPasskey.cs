using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Trellis.Web.Features.Audit;

namespace Trellis.Web.Features.Auth.Actions;

public sealed class AddPasskeyInput
{
    [Required(ErrorMessage = "Start again: the passkey request is missing.")] public Guid? ChallengeId { get; set; }
    [Required(ErrorMessage = "Name the passkey, for example the phone or computer it is on."), MaxLength(60, ErrorMessage = "Keep the name under 60 characters.")]
    public string? Name { get; set; }
    /// <summary>The browser's PublicKeyCredential as JSON (its toJSON()).</summary>
    [Required(ErrorMessage = "Your browser sent no passkey. Add one with a browser that supports passkeys.")]
    public System.Text.Json.JsonElement? Credential { get; set; }
}

/// <summary>
/// Register a passkey for yourself: the answer to the options <see cref="Passkeys.BeginRegistrationAsync"/> gave this
/// account (challenge taken once, origin, relying party and user verification checked by Identity's handler), kept
/// under the name the person gave it. A credential already registered (to anyone) is a 409. Audited. Called by the
/// account page and POST /api/me/passkeys.
/// </summary>
public static class AddPasskey
{
    public static async Task<Result<PasskeyView>> RunAsync(TrellisDbContext db, UserManager<TrellisUser> users, IPasskeyHandler<TrellisUser> handler,
        HttpContext http, AddPasskeyInput input, CancellationToken ct = default)
    {
        var (user, refused) = await AccountOf.CallerAsync(db, users);
        if (refused is not null) return refused;
        if (Validation.Check(input) is { } invalid) return invalid;
        var state = await Passkeys.TakeAsync(db, input.ChallengeId, PasskeyOperation.Register, user!.Id, ct);
        if (state is null) return Refusal.Invalid("challengeId", Passkeys.ExpiredChallenge);
        var (result, failure) = await Passkeys.CheckAsync(() => handler.PerformAttestationAsync(
            new PasskeyAttestationContext { CredentialJson = input.Credential!.Value.GetRawText(), AttestationState = state, HttpContext = http }));
        if (result is not { Succeeded: true } || result.UserEntity.Id != user.Id)
        {
            var why = result?.Failure?.Message ?? failure ?? "it was not made for this account.";
            return Refusal.Invalid("credential", "The passkey could not be added: " + (why.Length > 200 ? why[..200] : why));
        }
        if (await users.FindByPasskeyIdAsync(result.Passkey.CredentialId) is not null)
            return Refusal.Conflict("This passkey is already registered.");
        result.Passkey.Name = input.Name!.Trim();
        db.Audit(AuditActions.PasskeyAdded, "User", user.Id, null, detail: result.Passkey.Name);
        var saved = await users.AddOrUpdatePasskeyAsync(user, result.Passkey);
        if (!saved.Succeeded) return Refusal.Conflict("The passkey could not be saved: " + string.Join(" ", saved.Errors.Select(e => e.Description)));
        await db.SaveChangesAsync(ct);
        return (await Passkeys.ListAsync(users, user)).First(p => p.Id == System.Buffers.Text.Base64Url.EncodeToString(result.Passkey.CredentialId));
    }
}
