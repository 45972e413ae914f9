using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Trellis.Web.Data;
using Trellis.Web.Features.Audit;
using Trellis.Web.Infrastructure;

namespace Trellis.Web.Features.Auth;

/// <summary>A sign-in: the body of POST /api/auth/login and the sign-in page's form.</summary>
public sealed class LoginRequest
{
    [Required(ErrorMessage = "Enter your email."), EmailAddress(ErrorMessage = "Enter an email address like name@clinic.org."), MaxLength(256)]
    public string Email { get; set; } = "";
    [Required(ErrorMessage = "Enter your password."), MaxLength(256)] public string Password { get; set; } = "";
    [MaxLength(20)] public string? TwoFactorCode { get; set; }
}

public sealed record PasswordResetAnswer(string Message);
public sealed record LoginResponse(string AccessToken, int ExpiresIn, string TokenType = "Bearer");
public sealed record MeResponse(string UserId, string Email, string DisplayName, string[] Roles, Guid? StaffMemberId, Guid? ParticipantId, Guid[] ProgramIds);

public static class AuthApi
{
    public static RouteGroupBuilder MapAuthApi(this RouteGroupBuilder api)
    {
        // The body is validated in the handler, with the sign-in page's messages.
        var group = api.MapGroup("/auth").WithTags("Sign-in");
        group.MapPost("/login", Login).AllowAnonymous().RequireRateLimiting(RateLimits.SignIn)
            .WithSummary("Exchange email, password and (when enabled) a two-factor code for an access token.");
        group.MapPost("/password-reset", RequestPasswordResetAsync).AllowAnonymous().RequireRateLimiting(RateLimits.SignIn)
            .WithSummary("Email a single-use link to set a new password. 202 whatever the address, so it reveals no account.");
        group.MapPost("/logout", Logout).RequireAuthorization()
            .WithSummary("Revoke the access token used for this request.");
        group.MapGet("/me", Me).RequireAuthorization()
            .WithSummary("Who the token belongs to: roles, programs and linked staff or participant record.");
        return api;
    }

    public static async Task<Results<Ok<LoginResponse>, ProblemHttpResult>> Login(
        LoginRequest request, SignInService signIn, SessionService sessions, TrellisDbContext db,
        IOptions<SecurityOptions> options, HttpContext http)
    {
        if (Validation.Check(request) is { } invalid) return invalid.ToProblem();
        var check = await signIn.CheckPasswordAsync(request.Email, request.Password);
        if (check.Status == SignInStatus.RequiresTwoFactor)
        {
            if (string.IsNullOrWhiteSpace(request.TwoFactorCode))
                return Problems.Unauthorized("This account uses two-factor sign-in: send the six-digit code from the authenticator app as twoFactorCode.",
                    new() { ["twoFactorRequired"] = true });
            check = await signIn.CheckSecondFactorAsync(check.User!, request.TwoFactorCode);
        }
        if (!check.Succeeded) return Problems.Unauthorized(check.Message);

        var user = check.User!;
        if (await TwoFactorEnrollment.IsRequiredButMissingAsync(db, http.RequestServices.GetRequiredService<UserManager<TrellisUser>>(), user))
            return Refusal.Forbidden("Your organization requires two-factor sign-in for staff. Set up an authenticator in the web app (Account → Two-factor sign-in) first.").ToProblem();

        var (_, token) = await sessions.StartApiSessionAsync(user, http);
        return TypedResults.Ok(new LoginResponse(token, options.Value.ApiTokenMinutes * 60));
    }

    public static async Task<Results<Accepted<PasswordResetAnswer>, ProblemHttpResult>> RequestPasswordResetAsync(
        Actions.PasswordResetRequest request, TrellisDbContext db, UserManager<TrellisUser> users, Mail.PublicLinks links,
        IOptions<Mail.MailOptions> mail, CancellationToken ct)
    {
        var (answer, refused) = await Actions.RequestPasswordReset.RunAsync(db, users, links, mail, request, ct);
        return refused is not null ? refused.ToProblem() : TypedResults.Accepted((string?)null, new PasswordResetAnswer(answer!));
    }

    public static async Task<NoContent> Logout(SessionService sessions, TrellisDbContext db)
    {
        if (db.Me.SessionId is { } id && await sessions.FindAsync(id) is { } session)
        {
            await sessions.RevokeAsync(session, "signed out");
            db.Audit(AuditActions.SignOut, "User", db.Me.UserId, null);
            await db.SaveChangesAsync();
        }
        return TypedResults.NoContent();
    }

    public static async Task<Ok<MeResponse>> Me(TrellisDbContext db, UserManager<TrellisUser> users)
    {
        var account = await users.Users.AsNoTracking().FirstAsync(u => u.Id == db.Me.UserId);
        return TypedResults.Ok(new MeResponse(account.Id, account.Email ?? "", account.DisplayName,
            [.. db.Me.Roles], account.StaffMemberId, account.ParticipantId, db.Me.ProgramIds));
    }
}
