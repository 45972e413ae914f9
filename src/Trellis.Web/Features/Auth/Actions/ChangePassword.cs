using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Trellis.Web.Features.Audit;

namespace Trellis.Web.Features.Auth.Actions;

public sealed class PasswordInput : IValidatableObject
{
    [Required(ErrorMessage = "Enter your current password.")] public string? Current { get; set; }
    [Required(ErrorMessage = "Enter a new password."), MinLength(12, ErrorMessage = "Use at least 12 characters."), MaxLength(256)] public string? New { get; set; }
    [Required(ErrorMessage = "Enter the new password again.")] public string? Confirm { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (Confirm is not null && New != Confirm) yield return new("The two new passwords are not the same.", [nameof(Confirm)]);
    }
}

/// <summary>
/// Change your own password. Every other session of the account ends (whoever knew the old password may
/// hold one); the session it is changed from stays. Audited, without the password. Called by the account page.
/// </summary>
public static class ChangePassword
{
    public static async Task<Result<TrellisUser>> RunAsync(TrellisDbContext db, UserManager<TrellisUser> users, PasswordInput input, CancellationToken ct = default)
    {
        var (user, refused) = await AccountOf.CallerAsync(db, users);
        if (refused is not null) return refused;
        if (Validation.Check(input) is { } invalid) return invalid;
        var result = await users.ChangePasswordAsync(user!, input.Current!, input.New!);
        if (!result.Succeeded)
            return result.Errors.Any(e => e.Code == "PasswordMismatch")
                ? Refusal.Invalid("current", "The current password is not right.")
                : Refusal.Invalid("new", string.Join(" ", result.Errors.Select(e => e.Description)));
        var ended = await SessionService.EndOtherSessionsAsync(db, user!.Id, "password changed", ct);
        db.Audit(AuditActions.PasswordChanged, "User", user.Id, null, detail: $"{ended} other session(s) ended");
        await db.SaveChangesAsync(ct);
        return user;
    }
}
