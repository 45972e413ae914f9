using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using Trellis.Web.Features.Auth;
using OI = OpenIddict.Abstractions.OpenIddictConstants;

namespace Trellis.Web.Features.Smart.Actions;

/// <summary>
/// Register a SMART client (administrators): the row Trellis decides with (<see cref="SmartClient"/>) and the OpenIddict
/// application the authorization server authenticates it by, saved together. A backend service authenticates with
/// private_key_jwt against its JWKS and may use client credentials; an app is a public client using authorization
/// code with PKCE. Called by /admin/smart-clients and POST /api/smart-clients.
/// </summary>
public static class RegisterSmartClient
{
    public static async Task<Result<SmartClient>> RunAsync(TrellisDbContext db, IOpenIddictApplicationManager apps, SmartClientInput input, CancellationToken ct = default)
    {
        if (!db.Me.May(Permissions.ManageOrganization)) return Refusal.Forbidden("Only administrators register SMART clients.");
        if (Validation.Check(input) is { } invalid) return invalid;
        var programs = input.Kind == SmartClientKind.Backend ? input.ProgramIds.Distinct().ToList() : [];
        if (programs.Count > 0 && await db.Programs.CountAsync(p => programs.Contains(p.Id), ct) != programs.Count)
            return Refusal.Invalid(nameof(input.ProgramIds), "One of the programs does not exist.");
        var scopes = string.Join(' ', input.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct());
        var client = new SmartClient
        {
            ClientId = "trellis-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12)),
            Name = input.Name.Trim(), Kind = input.Kind, Scopes = scopes,
            Role = input.Kind == SmartClientKind.Backend ? input.Role : null, ProgramIds = programs,
            RedirectUri = input.Kind == SmartClientKind.App ? input.RedirectUri : null,
            Recipient = input.Kind == SmartClientKind.Backend ? Clean(input.Recipient) : null,
            Purpose = input.Kind == SmartClientKind.Backend ? Clean(input.Purpose) : null,
        };
        var descriptor = new OpenIddictApplicationDescriptor { ClientId = client.ClientId, DisplayName = client.Name };
        if (input.Kind == SmartClientKind.Backend)
        {
            descriptor.ClientType = OI.ClientTypes.Confidential;
            descriptor.JsonWebKeySet = new Microsoft.IdentityModel.Tokens.JsonWebKeySet(input.Jwks);
            descriptor.Permissions.UnionWith([OI.Permissions.Endpoints.Token, OI.Permissions.Endpoints.Revocation, OI.Permissions.Endpoints.Introspection, OI.Permissions.GrantTypes.ClientCredentials]);
        }
        else
        {
            descriptor.ClientType = OI.ClientTypes.Public;
            descriptor.RedirectUris.Add(new Uri(input.RedirectUri!));
            descriptor.Permissions.UnionWith([OI.Permissions.Endpoints.Authorization, OI.Permissions.Endpoints.Token, OI.Permissions.Endpoints.Revocation,
                OI.Permissions.GrantTypes.AuthorizationCode, OI.Permissions.GrantTypes.RefreshToken, OI.Permissions.ResponseTypes.Code]);
            descriptor.Requirements.Add(OI.Requirements.Features.ProofKeyForCodeExchange);
        }
        db.Set<SmartClient>().Add(client);
        // The application manager saves through this same context, so the client row and the application are one save.
        await apps.CreateAsync(descriptor, ct);
        return client;
    }

    internal static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
