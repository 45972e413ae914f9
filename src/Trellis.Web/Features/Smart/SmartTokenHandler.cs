using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using Trellis.Web.Features.Auth;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Trellis.Web.Features.Smart;

/// <summary>
/// Reads a SMART access token on /fhir (OpenIddict's validation: signature, lifetime, and the token's row, so a
/// revoked token is refused) and builds the principal the request runs as:
/// <list type="bullet">
/// <item>an app's token (app launch): the signed-in person's own principal, from the session check's
/// <see cref="SessionService.ClaimsForAppAsync"/> (roles, programs, participant, emergency access; cached under the
/// access stamp as a session's are): the scope filters treat it exactly as that person's session;</item>
/// <item>a backend service's token: a principal with the registered client's role and programs, as a staff member
/// assigned to those programs; it is an outside recipient, so of a 42 CFR Part 2 program it reads only the charts whose
/// active Part 2 consent names its recipient and purpose (<see cref="Disclosures.Part2Disclosures"/>).</item>
/// </list>
/// Both carry the granted SMART scopes (<see cref="SmartScope.Permits"/> narrows the resource types) and the client id
/// (the audit trail records it).
/// </summary>
public sealed class SmartTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    TrellisDbContext db, SessionService sessions) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Smart";
    /// <summary>/fhir's scheme: a session token (43 characters) goes to the Bearer handler, anything else is a SMART token.</summary>
    public const string FhirScheme = "Fhir";
    private const string FailureKey = "trellis:smart-failure";

    public static string SchemeFor(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && !SessionService.LooksLikeToken(header["Bearer ".Length..].Trim())
            ? SchemeName : BearerTokenHandler.SchemeName;
    }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var result = await Context.AuthenticateAsync(SmartFeature.ValidationScheme);
        if (result.None) return AuthenticateResult.NoResult();
        if (!result.Succeeded || result.Principal is not { } token)
            return Fail("The access token is not valid: it expired, was revoked, or was not issued by this server.");
        var clientId = token.GetClaim(SmartScope.ClientClaim);
        var client = clientId is null ? null : await db.Set<SmartClient>().AsNoTracking().FirstOrDefaultAsync(c => c.ClientId == clientId && c.IsActive);
        if (client is null) return Fail("The client this token was issued to is no longer registered.");
        List<Claim>? claims;
        if (token.GetClaim(SmartScope.KindClaim) == "system" && client.Kind == SmartClientKind.Backend)
        {
            claims =
            [
                new(ClaimTypes.Name, "smart:" + client.ClientId),
                new(TrellisClaims.DisplayName, client.Name),
                new(ClaimTypes.Role, client.Role ?? ""),
            ];
            // Its programs, and of Part 2 programs only the charts its consents cover: an outside recipient (Features/Disclosures).
            await Disclosures.Part2Disclosures.AddClaimsAsync(db, client, claims, Context.RequestAborted);
        }
        else if (token.GetClaim(SmartScope.KindClaim) == "user" && client.Kind == SmartClientKind.App)
        {
            claims = await sessions.ClaimsForAppAsync(token.GetClaim(Claims.Subject) ?? "");
            if (claims is null) return Fail("The account this token was issued for is disabled or gone.");
        }
        else return Fail("The access token is not a SMART token of this server.");
        // What the token was granted, less anything the registration no longer allows.
        var registered = client.ScopeList;
        claims.AddRange(token.GetScopes().Select(SmartScope.Parse).OfType<SmartScope>()
            .Where(s => registered.Any(r => r.Covers(s))).Select(s => new Claim(SmartScope.ClaimType, s.ToString())));
        claims.Add(new Claim(SmartScope.ClientClaim, client.ClientId));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName, ClaimTypes.Name, ClaimTypes.Role)), SchemeName));
    }

    private AuthenticateResult Fail(string why)
    {
        Context.Items[FailureKey] = why;
        return AuthenticateResult.Fail(why);
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = Context.Items[FailureKey] is string why
            ? $"Bearer error=\"invalid_token\", error_description=\"{why}\""
            : "Bearer";
        return Task.CompletedTask;
    }
}
