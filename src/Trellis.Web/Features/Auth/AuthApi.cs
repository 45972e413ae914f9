using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Trellis.Web.Data;
using Trellis.Web.Features.Audit;
using Trellis.Web.Infrastructure;

namespace Trellis.Web.Features.Auth;

public sealed class LoginRequest
{
    [Required, EmailAddress, MaxLength(256)] public string Email { get; set; } = "";
    [Required, MaxLength(256)] public string Password { get; set; } = "";
    [MaxLength(20)] public string? TwoFactorCode { get; set; }
}

public sealed record LoginResponse(string AccessToken, int ExpiresIn, string TokenType = "Bearer");
public sealed record MeResponse(string UserId, string Email, string DisplayName, string[] Roles, Guid? StaffMemberId, Guid? ParticipantId, Guid[] ProgramIds);

public static class AuthApi
{
    public static RouteGroupBuilder MapAuthApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/auth").WithTags("Sign-in");
        group.MapPost("/login", Login).AllowAnonymous().RequireRateLimiting(RateLimits.SignIn)
            .WithSummary("Exchange email, password and (when enabled) a two-factor code for an access token.");
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
            return Problems.Forbidden("Your organization requires two-factor sign-in for staff. Set up an authenticator in the web app (Account → Two-factor sign-in) first.");

        var (_, token) = await sessions.StartApiSessionAsync(user, http);
        return TypedResults.Ok(new LoginResponse(token, options.Value.ApiTokenMinutes * 60));
    }

    public static async Task<NoContent> Logout(ClaimsPrincipal user, SessionService sessions, TrellisDbContext db)
    {
        if (Guid.TryParse(user.FindFirstValue(TrellisClaims.Session), out var id) && await sessions.FindAsync(id) is { } session)
        {
            await sessions.RevokeAsync(session, "signed out");
            db.Audit(AuditActions.SignOut, "User", user.FindFirstValue(ClaimTypes.NameIdentifier), null);
            await db.SaveChangesAsync();
        }
        return TypedResults.NoContent();
    }

    public static async Task<Ok<MeResponse>> Me(ClaimsPrincipal user, UserManager<TrellisUser> users)
    {
        var account = await users.Users.AsNoTracking().FirstAsync(u => u.Id == user.FindFirstValue(ClaimTypes.NameIdentifier));
        return TypedResults.Ok(new MeResponse(account.Id, account.Email ?? "", account.DisplayName,
            user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToArray(), account.StaffMemberId, account.ParticipantId,
            CurrentUser.From(user).ProgramIds));
    }
}
