using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Trellis.Web.Features.Audit;

namespace Trellis.Web.Features.Auth.Actions;

public sealed class AuthenticatorCodeInput
{
    [Required(ErrorMessage = "Enter the code from the app."), MaxLength(10)] public string? Code { get; set; }
}

/// <summary>
/// Turn on two-factor sign-in once the person proves their authenticator works (its current code), and
/// hand out ten recovery codes, shown once. Audited. Called by the two-factor page.
/// </summary>
public static class EnableTwoFactor
{
    public static async Task<Result<IReadOnlyList<string>>> RunAsync(TrellisDbContext db, UserManager<TrellisUser> users, AuthenticatorCodeInput input,
        CancellationToken ct = default)
    {
        var (user, refused) = await AccountOf.CallerAsync(db, users);
        if (refused is not null) return refused;
        if (Validation.Check(input) is { } invalid) return invalid;
        var code = input.Code!.Replace(" ", "").Replace("-", "");
        if (!await users.VerifyTwoFactorTokenAsync(user!, users.Options.Tokens.AuthenticatorTokenProvider, code))
            return Refusal.Invalid("code", "That code is not right. Check that the app's clock is correct and enter the code it shows now.");
        await users.SetTwoFactorEnabledAsync(user!, true);
        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user!, 10))?.ToList() ?? [];
        db.Audit(AuditActions.TwoFactorEnabled, "User", user!.Id, null);
        await db.SaveChangesAsync(ct);
        return codes;
    }
}
