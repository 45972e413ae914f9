using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Trellis.Web.Data;
using Trellis.Web.Features.Audit;

namespace Trellis.Web.Features.Auth;

public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        // A form post (with its anti-forgery token) so that another site cannot sign a person out.
        app.MapPost("/account/logout", async Task<IResult> (HttpContext http, SessionService sessions, TrellisDbContext db) =>
        {
            // The endpoint reads no form fields, so nothing else would reject a missing or wrong token.
            if (http.Features.Get<Microsoft.AspNetCore.Antiforgery.IAntiforgeryValidationFeature>() is { IsValid: false })
                return TypedResults.BadRequest("The sign-out form has expired. Reload the page and sign out again.");
            await SignOutBrowserAsync(http, sessions, db, "signed out");
            return TypedResults.LocalRedirect("/account/login?signedOut=1");
        }).RequireAuthorization().WithMetadata(new Microsoft.AspNetCore.Antiforgery.RequireAntiforgeryTokenAttribute(true))
          .ExcludeFromDescription();
        return app;
    }

    /// <summary>
    /// Starts a fresh server-side session and issues a new cookie for it. Any session the browser
    /// held before is ended first, so a session id can never be carried across a sign-in.
    /// </summary>
    public static async Task SignInBrowserAsync(HttpContext http, TrellisUser user, SessionService sessions, UserManager<TrellisUser> users)
    {
        if (Guid.TryParse(http.User.FindFirstValue(TrellisClaims.Session), out var old) && await sessions.FindAsync(old) is { } previous)
            await sessions.RevokeAsync(previous, "replaced by a new sign-in");
        await http.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
        var session = await sessions.StartBrowserSessionAsync(user, http);
        var principal = await sessions.BuildPrincipalAsync(user, await users.GetRolesAsync(user), session, IdentityConstants.ApplicationScheme);
        await http.SignInAsync(IdentityConstants.ApplicationScheme, principal, new AuthenticationProperties { IsPersistent = false, AllowRefresh = true });
    }

    public static async Task SignOutBrowserAsync(HttpContext http, SessionService sessions, TrellisDbContext db, string reason)
    {
        if (Guid.TryParse(http.User.FindFirstValue(TrellisClaims.Session), out var id) && await sessions.FindAsync(id) is { } session)
        {
            await sessions.RevokeAsync(session, reason);
            db.Audit(AuditActions.SignOut, "User", http.User.FindFirstValue(ClaimTypes.NameIdentifier), null);
            await db.SaveChangesAsync();
        }
        await http.SignOutAsync(IdentityConstants.ApplicationScheme);
    }

    /// <summary>Holds the half-signed-in user between the password and the authenticator steps.</summary>
    public static Task StartSecondFactorAsync(HttpContext http, TrellisUser user) =>
        http.SignInAsync(IdentityConstants.TwoFactorUserIdScheme,
            new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, user.Id)], IdentityConstants.TwoFactorUserIdScheme)));

    public static async Task<TrellisUser?> PendingSecondFactorUserAsync(HttpContext http, UserManager<TrellisUser> users)
    {
        var result = await http.AuthenticateAsync(IdentityConstants.TwoFactorUserIdScheme);
        var id = result.Principal?.FindFirstValue(ClaimTypes.Name);
        return id is null ? null : await users.FindByIdAsync(id);
    }
}
