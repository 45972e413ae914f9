using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Trellis.Web.Features.Audit;
using Trellis.Web.Features.Mail;

namespace Trellis.Web.Features.Auth.Actions;

/// <summary>The body of POST /api/auth/password-reset and the "Forgot your password?" form.</summary>
public sealed class PasswordResetRequest
{
    [Required(ErrorMessage = "Enter your email."), EmailAddress(ErrorMessage = "Enter an email address like name@clinic.org."), MaxLength(256)]
    public string Email { get; set; } = "";
}

/// <summary>
/// "Forgot your password?": emails a single-use link to the account with that address, if there is one and it is not
/// disabled. The answer is the same either way, so the form cannot be used to learn who has an account; the attempt is
/// audited (the address is not). The email waits in the outbox and leaves after the request.
/// </summary>
public static class RequestPasswordReset
{
    public const string Answer = "If an account uses that address, we have emailed it a link to set a new password. Check your inbox (and spam folder).";

    public static async Task<Result<string>> RunAsync(TrellisDbContext db, UserManager<TrellisUser> users, PublicLinks links,
        IOptions<MailOptions> mail, PasswordResetRequest input, CancellationToken ct = default)
    {
        if (Validation.Check(input) is { } invalid) return invalid;
        var user = await users.FindByEmailAsync(input.Email.Trim());
        if (user is { IsDisabled: false, Email: { } email })
        {
            var token = await users.GeneratePasswordResetTokenAsync(user);
            Outbox.Email(db, email, Notices.PasswordReset(links.To(AccountLinks.ResetPath(user.Id, token)), mail.Value.ResetLinkMinutes));
            db.Audit(AuditActions.PasswordReset, "User", user.Id, null, outcome: "Requested", detail: "reset link emailed");
            await db.SaveChangesAsync(ct);
        }
        return Answer;
    }
}
