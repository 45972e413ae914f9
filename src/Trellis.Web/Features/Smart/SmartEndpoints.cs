using System.Collections.Immutable;
using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using Trellis.Web.Features.Auth;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Trellis.Web.Features.Smart;

/// <summary>
/// The parts of the OAuth endpoints OpenIddict hands to Trellis once it has validated the request (passthrough):
/// who gets which claims and scopes. Revocation, introspection and the JWKS are OpenIddict's own.
/// </summary>
public static class SmartEndpoints
{
    private const string Scheme = OpenIddictServerAspNetCoreDefaults.AuthenticationScheme;

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/.well-known/smart-configuration", Configuration).AllowAnonymous().ExcludeFromDescription();
        app.MapPost(SmartFeature.TokenPath, TokenAsync).AllowAnonymous().ExcludeFromDescription().DisableAntiforgery();
        app.MapMethods(SmartFeature.AuthorizePath, ["GET", "POST"], AuthorizeAsync).AllowAnonymous().ExcludeFromDescription().DisableAntiforgery();
    }

    /// <summary>SMART App Launch 2.0 discovery (§ "SMART configuration").</summary>
    public static IResult Configuration(HttpContext http)
    {
        var b = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}";
        return TypedResults.Json(new Dictionary<string, object>
        {
            ["issuer"] = b + "/",
            ["jwks_uri"] = b + SmartFeature.JwksPath,
            ["authorization_endpoint"] = b + SmartFeature.AuthorizePath,
            ["token_endpoint"] = b + SmartFeature.TokenPath,
            ["revocation_endpoint"] = b + SmartFeature.RevokePath,
            ["introspection_endpoint"] = b + SmartFeature.IntrospectPath,
            ["grant_types_supported"] = new[] { GrantTypes.AuthorizationCode, GrantTypes.ClientCredentials, GrantTypes.RefreshToken },
            ["token_endpoint_auth_methods_supported"] = new[] { ClientAuthenticationMethods.PrivateKeyJwt, ClientAuthenticationMethods.None },
            ["token_endpoint_auth_signing_alg_values_supported"] = new[] { "RS384", "ES384" },
            ["response_types_supported"] = new[] { ResponseTypes.Code },
            ["code_challenge_methods_supported"] = new[] { CodeChallengeMethods.Sha256 },
            // Reads and searches of every type; of writes, what /fhir takes: Patient create and update (intake from referring
            // systems) and QuestionnaireResponse create.
            ["scopes_supported"] = new[]
            {
                "openid", "fhirUser", "launch/patient", "offline_access", "patient/*.rs", "user/*.rs", "system/*.rs",
                "user/Patient.cu", "system/Patient.cu", "user/QuestionnaireResponse.c", "system/QuestionnaireResponse.c",
            },
            ["capabilities"] = new[]
            {
                "launch-standalone", "client-public", "client-confidential-asymmetric", "context-standalone-patient",
                "permission-patient", "permission-user", "permission-v2", "permission-offline", "sso-openid-connect", "authorize-post",
            },
        });
    }

    public static async Task<IResult> TokenAsync(HttpContext http, TrellisDbContext db, UserManager<TrellisUser> users)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("OpenIddict handed over no request.");
        if (request.IsClientCredentialsGrantType())
        {
            var client = await FindClientAsync(db, request.ClientId, SmartClientKind.Backend);
            if (client is null) return Refuse(Errors.InvalidClient, "This client is not registered as a backend service.");
            var asked = request.GetScopes();
            if (asked.IsEmpty) return Refuse(Errors.InvalidScope, $"Ask for one or more of the scopes this client is registered for: {client.Scopes}.");
            foreach (var scope in asked)
                if (SmartScope.Parse(scope) is not { Context: "system" } parsed || !client.ScopeList.Any(r => r.Covers(parsed)))
                    return Refuse(Errors.InvalidScope, $"The scope '{scope}' is beyond this client's registration ({client.Scopes}).");
            var identity = new ClaimsIdentity(Scheme, Claims.Name, Claims.Role);
            identity.SetClaim(Claims.Subject, client.ClientId).SetClaim(SmartScope.ClientClaim, client.ClientId).SetClaim(SmartScope.KindClaim, "system");
            var principal = new ClaimsPrincipal(identity);
            principal.SetScopes(asked);
            principal.SetAccessTokenLifetime(TimeSpan.FromMinutes(5));
            identity.SetDestinations(_ => [OpenIddictConstants.Destinations.AccessToken]);
            return Results.SignIn(principal, null, Scheme);
        }
        if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType())
        {
            var granted = (await http.AuthenticateAsync(Scheme)).Principal;
            var user = granted?.GetClaim(Claims.Subject) is { } id ? await users.FindByIdAsync(id) : null;
            if (granted is null || user is null || user.IsDisabled) return Refuse(Errors.InvalidGrant, "The account this grant was made by is disabled or gone.");
            if (await FindClientAsync(db, granted.GetClaim(SmartScope.ClientClaim), SmartClientKind.App) is null)
                return Refuse(Errors.InvalidGrant, "The app this grant was made to is no longer registered.");
            var identity = new ClaimsIdentity(granted.Claims, Scheme, Claims.Name, Claims.Role);
            identity.SetDestinations(Destinations);
            var patient = granted.GetClaim(PatientClaim);
            var properties = patient is null ? null : new AuthenticationProperties(null, new Dictionary<string, object?> { ["patient"] = patient });
            return Results.SignIn(new ClaimsPrincipal(identity), properties, Scheme);
        }
        return Refuse(Errors.UnsupportedGrantType, "This server grants client_credentials, authorization_code and refresh_token.");
    }

    private const string PatientClaim = "patient";
    private const string FhirUserClaim = "fhirUser";

    /// <summary>
    /// The authorization endpoint of app launch. Not signed in: the sign-in page, which comes back here. Signed in: a GET
    /// shows the consent page (/account/authorize-app, the request in its address); the consent form posts the request
    /// back here with the person's decision and its anti-forgery token, and an "allow" issues the code.
    /// </summary>
    public static async Task<IResult> AuthorizeAsync(HttpContext http, TrellisDbContext db, IAntiforgery antiforgery)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("OpenIddict handed over no request.");
        var cookie = await http.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        if (!cookie.Succeeded || cookie.Principal is not { } person)
        {
            var parameters = request.GetParameters().Select(p => KeyValuePair.Create(p.Key, (string?)p.Value.ToString()));
            return Results.Challenge(new AuthenticationProperties { RedirectUri = SmartFeature.AuthorizePath + QueryString.Create(parameters) },
                [IdentityConstants.ApplicationScheme]);
        }
        var me = CurrentUser.From(person);
        var grant = await Grant.DecideAsync(db, me, request.ClientId, request.GetScopes());
        if (grant.Denied is { } refused) return Refuse(refused.Error, refused.Description);
        if (HttpMethods.IsGet(http.Request.Method)) return Results.Redirect("/account/authorize-app" + http.Request.QueryString);

        if (!await antiforgery.IsRequestValidAsync(http)) return Refuse(Errors.AccessDenied, "The consent form expired; start the sign-in from the app again.");
        if (http.Request.Form["decision"] != "allow") return Refuse(Errors.AccessDenied, "You did not allow the app to read your records.");

        var identity = new ClaimsIdentity(Scheme, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, me.UserId).SetClaim(Claims.Name, me.UserName)
            .SetClaim(SmartScope.ClientClaim, grant.Client!.ClientId).SetClaim(SmartScope.KindClaim, "user");
        var b = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/fhir";
        if (me.ParticipantId is { } participant)
        {
            identity.SetClaim(FhirUserClaim, $"{b}/Patient/{participant}");
            if (grant.Scopes.Contains("launch/patient") || grant.Scopes.Any(s => s.StartsWith("patient/", StringComparison.Ordinal)))
                identity.SetClaim(PatientClaim, participant.ToString());
        }
        else if (me.StaffId is { } staff) identity.SetClaim(FhirUserClaim, $"{b}/Practitioner/{staff}");
        var principal = new ClaimsPrincipal(identity);
        principal.SetScopes(grant.Scopes);
        identity.SetDestinations(Destinations);
        return Results.SignIn(principal, null, Scheme);
    }

    /// <summary>Which claim goes where: what /fhir needs into the access token; who the person is into the id_token when openid and fhirUser were granted.</summary>
    private static IEnumerable<string> Destinations(Claim claim) => claim.Type switch
    {
        Claims.Subject => [OpenIddictConstants.Destinations.AccessToken, OpenIddictConstants.Destinations.IdentityToken],
        SmartScope.ClientClaim or SmartScope.KindClaim or PatientClaim => [OpenIddictConstants.Destinations.AccessToken],
        FhirUserClaim => [OpenIddictConstants.Destinations.IdentityToken],
        Claims.Name => [OpenIddictConstants.Destinations.IdentityToken],
        _ => [],
    };

    private static Task<SmartClient?> FindClientAsync(TrellisDbContext db, string? clientId, SmartClientKind kind) =>
        db.Set<SmartClient>().AsNoTracking().FirstOrDefaultAsync(c => c.ClientId == clientId && c.IsActive && c.Kind == kind);

    private static IResult Refuse(string error, string description) => Results.Forbid(new AuthenticationProperties(new Dictionary<string, string?>
    {
        [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
        [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
    }), [Scheme]);

    /// <summary>
    /// What an app launch grants a person: the scopes asked for that the app's registration covers (resource scopes
    /// patient/ and user/; openid, fhirUser, launch/patient, offline_access). patient/ scopes and launch/patient are a
    /// participant's (their own chart is the patient in context); staff are granted user/ scopes, their care team.
    /// Support people and accounts with neither chart nor staff record get no grant.
    /// </summary>
    public sealed record Grant(SmartClient? Client, ImmutableArray<string> Scopes, (string Error, string Description)? Denied)
    {
        public static async Task<Grant> DecideAsync(TrellisDbContext db, CurrentUser me, string? clientId, ImmutableArray<string> asked)
        {
            var client = await FindClientAsync(db, clientId, SmartClientKind.App);
            if (client is null) return new(null, [], (Errors.InvalidClient, "This app is not registered here."));
            if (me.ParticipantId is null && me.StaffId is null)
                return new(client, [], (Errors.AccessDenied, "Only participants and staff can let an app read their records."));
            var granted = new List<string>();
            foreach (var scope in asked)
            {
                if (SmartScope.AppExtras.Contains(scope))
                {
                    if (scope != "launch/patient" || me.ParticipantId is not null) granted.Add(scope);
                    continue;
                }
                if (SmartScope.Parse(scope) is not { Context: "patient" or "user" } parsed || !client.ScopeList.Any(r => r.Covers(parsed)))
                    return new(client, [], (Errors.InvalidScope, $"The scope '{scope}' is beyond this app's registration ({client.Scopes})."));
                if (parsed.Context == "user" || me.ParticipantId is not null) granted.Add(scope);
            }
            if (!granted.Any(s => SmartScope.Parse(s) is not null))
                return new(client, [], (Errors.InvalidScope, "Ask for at least one resource scope this app is registered for, e.g. patient/*.rs or user/*.rs."));
            return new(client, [.. granted], null);
        }
    }
}
