using Microsoft.AspNetCore.Authentication;
using OpenIddict.Validation.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Trellis.Web.Features.Smart;

/// <summary>
/// SMART on FHIR authorization (docs/security.md "SMART on FHIR"): an OpenIddict authorization server whose stores
/// are tables of the app's context, backend services (client credentials with private_key_jwt) and app launch
/// (authorization code with PKCE), /.well-known/smart-configuration, and the "Smart" scheme /fhir reads the tokens
/// with, which turns a token into the same kind of principal a session gives (so the scope filters decide).
/// </summary>
public sealed class SmartFeature : IFeature
{
    public const string TokenPath = "/connect/token";
    public const string AuthorizePath = "/connect/authorize";
    public const string RevokePath = "/connect/revoke";
    public const string IntrospectPath = "/connect/introspect";
    public const string JwksPath = "/.well-known/jwks";

    public static void Register(IServiceCollection services, IConfiguration config)
    {
        // Outside Production (development, the tests' in-memory server) the endpoints answer over plain HTTP too.
        var production = string.Equals(config[HostDefaults.EnvironmentKey] ?? Environments.Production, Environments.Production, StringComparison.OrdinalIgnoreCase);
        services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<TrellisDbContext>())
            .AddServer(o =>
            {
                o.SetAuthorizationEndpointUris(AuthorizePath[1..]).SetTokenEndpointUris(TokenPath[1..])
                    .SetRevocationEndpointUris(RevokePath[1..]).SetIntrospectionEndpointUris(IntrospectPath[1..])
                    .SetJsonWebKeySetEndpointUris(JwksPath[1..]);
                o.AllowClientCredentialsFlow().AllowAuthorizationCodeFlow().AllowRefreshTokenFlow().RequireProofKeyForCodeExchange();
                // SMART scopes are checked against each client's registration by Trellis (SmartScope.Covers), where
                // system/*.rs covers system/Patient.rs; OpenIddict's exact-match scope lists cannot say that.
                o.DisableScopeValidation();
                o.IgnoreScopePermissions();
                o.Configure(options =>
                {
                    options.CodeChallengeMethods.Clear();
                    options.CodeChallengeMethods.Add(CodeChallengeMethods.Sha256);
                });
                o.SetAccessTokenLifetime(TimeSpan.FromHours(1));
                o.SetRefreshTokenLifetime(TimeSpan.FromDays(30));
                o.AddEventHandler(ClientAssertionReplay.Descriptor);
                o.AddEventHandler(ClientAssertionErrors.TokenDescriptor);
                o.AddEventHandler(ClientAssertionErrors.RevocationDescriptor);
                var host = o.UseAspNetCore().EnableTokenEndpointPassthrough().EnableAuthorizationEndpointPassthrough();
                if (!production) host.DisableTransportSecurityRequirement();
            })
            .AddValidation(o =>
            {
                o.UseLocalServer();
                o.UseAspNetCore();
                // Every /fhir request reads the token's row, so a revoked token (or a removed authorization) ends at once.
                o.EnableTokenEntryValidation();
                o.EnableAuthorizationEntryValidation();
            });
        services.ConfigureOptions<SmartKeys>();
        services.AddSingleton(new Components.Layout.NavItem("/admin/smart-clients", "SMART clients", Auth.Permissions.ManageOrganization, 125, "Administration"));
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, SmartTokenHandler>(SmartTokenHandler.SchemeName, null)
            .AddPolicyScheme(SmartTokenHandler.FhirScheme, "FHIR bearer tokens", o => o.ForwardDefaultSelector = SmartTokenHandler.SchemeFor);
    }

    public static void MapApi(RouteGroupBuilder api) => SmartClientsApi.Map(api);

    public static void MapEndpoints(IEndpointRouteBuilder app) => SmartEndpoints.Map(app);

    internal static string ValidationScheme => OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme;
}
