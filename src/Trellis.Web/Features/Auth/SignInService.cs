using Microsoft.AspNetCore.Identity;
using Trellis.Web.Data;
using Trellis.Web.Features.Audit;

namespace Trellis.Web.Features.Auth;

public enum SignInStatus { Succeeded, RequiresTwoFactor, Failed, LockedOut, Disabled }

public sealed record SignInCheck(SignInStatus Status, TrellisUser? User, string Message)
{
    public bool Succeeded => Status == SignInStatus.Succeeded;
}

/// <summary>
/// The one place where credentials are checked, for the sign-in page and the API alike:
/// password, lockout after repeated failures, the authenticator step, and an audit entry for
/// every success and failure.
/// </summary>
public sealed class SignInService(
    UserManager<TrellisUser> users, SignInManager<TrellisUser> signIn, TrellisDbContext db, IHttpContextAccessor http,
    IPasskeyHandler<TrellisUser> passkeys)
{
    public const string InvalidCredentials = "The email or password is not right.";
    public const string PasskeyNotAccepted = "That passkey was not accepted. Try again, or sign in with your email and password.";

    /// <summary>
    /// Checks a passkey's answer to a sign-in challenge (<see cref="Passkeys.BeginSignInAsync"/>): the challenge is taken
    /// once, then Identity's handler checks origin, relying party, signature, user verification and counter. The account
    /// must be enabled and not locked out, as for a password. A passkey verifies its user, so there is no code step
    /// after it. Every outcome is audited; the stored passkey's counter and backup state are updated.
    /// </summary>
    public async Task<SignInCheck> CheckPasskeyAsync(Guid? challengeId, string? credentialJson, CancellationToken ct = default)
    {
        var state = await Passkeys.TakeAsync(db, challengeId, PasskeyOperation.SignIn, null, ct);
        if (state is null)
            return await AuditedAsync(null, null, new(SignInStatus.Failed, null, Passkeys.ExpiredChallenge), "passkey: unknown, used or expired challenge");
        if (string.IsNullOrWhiteSpace(credentialJson))
            return await AuditedAsync(null, null, new(SignInStatus.Failed, null, PasskeyNotAccepted), "passkey: no credential");
        var (result, failure) = await Passkeys.CheckAsync(() => passkeys.PerformAssertionAsync(
            new PasskeyAssertionContext { CredentialJson = credentialJson, AssertionState = state, HttpContext = http.HttpContext! }));
        if (result is not { Succeeded: true, User: { } user })
        {
            var why = result?.Failure?.Message ?? failure ?? "not accepted";
            return await AuditedAsync(null, null, new(SignInStatus.Failed, null, PasskeyNotAccepted), "passkey: " + (why.Length > 200 ? why[..200] : why));
        }
        if (user.IsDisabled)
            return await AuditedAsync(user.Email, user, new(SignInStatus.Disabled, user, "This account is disabled. Ask an administrator to enable it."), "passkey: account disabled");
        if (await users.IsLockedOutAsync(user))
            return await AuditedAsync(user.Email, user, new(SignInStatus.LockedOut, user, LockedOutMessage(user)), "passkey: locked out");
        await users.AddOrUpdatePasskeyAsync(user, result.Passkey);
        return await AuditedAsync(user.Email, user, new(SignInStatus.Succeeded, user, "Signed in."), "passkey");
    }

    public async Task<SignInCheck> CheckPasswordAsync(string email, string password)
    {
        var user = await users.FindByEmailAsync(email.Trim());
        if (user is null)
            return await AuditedAsync(email, null, new(SignInStatus.Failed, null, InvalidCredentials), "unknown account");
        if (user.IsDisabled)
            return await AuditedAsync(email, user, new(SignInStatus.Disabled, user, "This account is disabled. Ask an administrator to enable it."), "account disabled");

        var result = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        if (result.IsLockedOut)
            return await AuditedAsync(email, user, new(SignInStatus.LockedOut, user, LockedOutMessage(user)), "locked out");
        if (!result.Succeeded)
            return await AuditedAsync(email, user, new(SignInStatus.Failed, user, InvalidCredentials), "wrong password");
        if (await users.GetTwoFactorEnabledAsync(user))
            return new(SignInStatus.RequiresTwoFactor, user, "Enter the code from your authenticator app.");
        return await AuditedAsync(email, user, new(SignInStatus.Succeeded, user, "Signed in."), "password");
    }

    /// <summary>Checks a six-digit authenticator code or a recovery code; failures count toward lockout.</summary>
    public async Task<SignInCheck> CheckSecondFactorAsync(TrellisUser user, string code, bool isRecoveryCode = false)
    {
        if (await users.IsLockedOutAsync(user))
            return await AuditedAsync(user.Email, user, new(SignInStatus.LockedOut, user, LockedOutMessage(user)), "locked out");
        var cleaned = code.Replace(" ", "").Replace("-", "");
        var ok = isRecoveryCode
            ? (await users.RedeemTwoFactorRecoveryCodeAsync(user, cleaned)).Succeeded
            : await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, cleaned);
        if (!ok)
        {
            await users.AccessFailedAsync(user);
            var status = await users.IsLockedOutAsync(user) ? SignInStatus.LockedOut : SignInStatus.Failed;
            var message = status == SignInStatus.LockedOut ? LockedOutMessage(user) : "That code is not right. Codes change every 30 seconds; try the current one.";
            return await AuditedAsync(user.Email, user, new(status, user, message), isRecoveryCode ? "wrong recovery code" : "wrong two-factor code");
        }
        await users.ResetAccessFailedCountAsync(user);
        return await AuditedAsync(user.Email, user, new(SignInStatus.Succeeded, user, "Signed in."), isRecoveryCode ? "recovery code" : "two-factor");
    }

    private static string LockedOutMessage(TrellisUser user) =>
        user.LockoutEnd is { } end
            ? $"This account is locked after repeated failed sign-ins. Try again after {end.ToUniversalTime():HH:mm} UTC, or ask an administrator to unlock it."
            : "This account is locked. Ask an administrator to unlock it.";

    private async Task<SignInCheck> AuditedAsync(string? email, TrellisUser? user, SignInCheck check, string how)
    {
        var actor = Actor.FromHttp(http.HttpContext) with { UserId = user?.Id, UserName = email?.Trim() is { Length: > 256 } e ? e[..256] : email?.Trim() };
        db.Audit(AuditActions.SignIn, "User", user?.Id, user?.ParticipantId,
            outcome: check.Succeeded ? "Success" : "Failure: " + check.Status, detail: how, actingAs: actor);
        await db.SaveChangesAsync();
        return check;
    }
}
