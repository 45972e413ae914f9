using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Trellis.Web.Features.Audit;

namespace Trellis.Web.Features.Auth.Actions;

/// <summary>A new password set from an emailed link (a reset, or a portal invitation).</summary>
public sealed class NewPasswordInput : IValidatableObject
{
    [Required, MaxLength(100)] public string? User { get; set; }
    [Required, MaxLength(2000)] public string? Token { get; set; }
    [Required(ErrorMessage = "Enter a new password."), MinLength(12, ErrorMessage = "Use at least 12 characters."), MaxLength(256)] public string? New { get; set; }
    [Required(ErrorMessage = "Enter the new password again.")] public string? Confirm { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (Confirm is not null && New != Confirm) yield return new("The two new passwords are not the same.", [nameof(Confirm)]);
    }
}

/// <summary>
/// Sets a new password from a reset link. Identity checks the token (expired, used, or made before the password last
/// changed: refused) and the password rules; every session and API token of the account then ends, and a lockout is
/// lifted (the person proved they hold the mailbox).
/// </summary>
public static class ResetPassword
{
    public const string LinkRefused = "This link has expired or was already used. Ask for a new one from \"Forgot your password?\" on the sign-in page.";

    public static async Task<Result<TrellisUser>> RunAsync(TrellisDbContext db, UserManager<TrellisUser> users, NewPasswordInput input, CancellationToken ct = default)
    {
        if (Validation.Check(input) is { } invalid) return invalid;
        if (await users.FindByIdAsync(input.User!) is not { IsDisabled: false } user) return Refusal.Invalid("link", LinkRefused);
        var result = await users.ResetPasswordAsync(user, input.Token!, input.New!);
        if (PasswordRefusal(result) is { } refused) return refused;
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        var ended = await SessionService.RevokeAllAsync(db, user.Id, "password reset", ct);
        db.Audit(AuditActions.PasswordReset, "User", user.Id, null, detail: $"by emailed link; {ended} session(s) ended");
        await db.SaveChangesAsync(ct);
        return user;
    }

    /// <summary>Identity's answer as a refusal: a bad token refuses the link, a weak password is shown beside the field.</summary>
    public static Refusal? PasswordRefusal(IdentityResult result) =>
        result.Succeeded ? null
        : result.Errors.Any(e => e.Code == "InvalidToken") ? Refusal.Invalid("link", LinkRefused)
        : Refusal.Invalid("new", string.Join(" ", result.Errors.Select(e => e.Description)));
}
