using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Trellis.Web.Features.Smart;

/// <summary>
/// What OpenIddict leaves to the server about a client assertion (private_key_jwt) once it has checked its signature
/// against the client's registered keys, its audience (the token endpoint) and its lifetime: SMART Backend Services
/// asks that an assertion carry a <c>jti</c>, expire within five minutes and be used once. The jti is kept (per client)
/// until the assertion expires; a second use, on any node, is refused with invalid_client.
/// </summary>
public sealed class ClientAssertionReplay(TrellisDbContext db) : IOpenIddictServerHandler<ProcessAuthenticationContext>
{
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromMinutes(5);

    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessAuthenticationContext>()
        .AddFilter<OpenIddictServerHandlerFilters.RequireClientAssertionPrincipal>()
        .UseScopedHandler<ClientAssertionReplay>()
        .SetOrder(OpenIddictServerHandlers.ValidateClientId.Descriptor.Order - 500) // after the assertion's signature, issuer and audience
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public async ValueTask HandleAsync(ProcessAuthenticationContext context)
    {
        var assertion = context.ClientAssertionPrincipal!;
        var clientId = assertion.GetClaim(Claims.Issuer) ?? "";
        var jti = assertion.GetClaim(Claims.JwtId);
        var expires = assertion.GetExpirationDate();
        var now = db.Now;
        if (string.IsNullOrEmpty(jti) || jti.Length > 200)
        {
            context.Reject(Errors.InvalidClient, "The client assertion must carry a jti (a unique id of at most 200 characters).");
            return;
        }
        if (expires is null || expires - now > MaxLifetime)
        {
            context.Reject(Errors.InvalidClient, "The client assertion must expire (exp) within five minutes of now.");
            return;
        }
        var uses = db.Set<ClientAssertionUse>();
        if (await uses.AnyAsync(u => u.ClientId == clientId && u.Jti == jti))
        {
            context.Reject(Errors.InvalidClient, "This client assertion was already used: make a new one, with a new jti, for each token request.");
            return;
        }
        // Expired entries can go: an assertion that old is refused for its exp anyway.
        await uses.Where(u => u.ExpiresAt < now).ExecuteDeleteAsync();
        uses.Add(new ClientAssertionUse { ClientId = clientId, Jti = jti, ExpiresAt = expires.Value });
        try { await db.SaveChangesAsync(); }
        catch (DbUpdateException)
        {
            context.Reject(Errors.InvalidClient, "This client assertion was already used: make a new one, with a new jti, for each token request.");
        }
    }
}

/// <summary>
/// OpenIddict reports a client assertion that fails token validation (its audience, lifetime, signature, alg) as
/// invalid_token; at the token and revocation endpoints RFC 6749 §5.2 names that a failed client authentication:
/// invalid_client. The description (what was wrong) is kept.
/// </summary>
public sealed class ClientAssertionErrors :
    IOpenIddictServerHandler<ApplyTokenResponseContext>, IOpenIddictServerHandler<ApplyRevocationResponseContext>
{
    public static OpenIddictServerHandlerDescriptor TokenDescriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ApplyTokenResponseContext>()
        .UseSingletonHandler<ClientAssertionErrors>().SetOrder(int.MinValue + 100_000).SetType(OpenIddictServerHandlerType.Custom).Build();

    public static OpenIddictServerHandlerDescriptor RevocationDescriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ApplyRevocationResponseContext>()
        .UseSingletonHandler<ClientAssertionErrors>().SetOrder(int.MinValue + 100_000).SetType(OpenIddictServerHandlerType.Custom).Build();

    public ValueTask HandleAsync(ApplyTokenResponseContext context) => Fix(context.Request, context.Response);

    public ValueTask HandleAsync(ApplyRevocationResponseContext context) => Fix(context.Request, context.Response);

    private static ValueTask Fix(OpenIddictRequest? request, OpenIddictResponse response)
    {
        if (response.Error == Errors.InvalidToken && !string.IsNullOrEmpty(request?.ClientAssertion)) response.Error = Errors.InvalidClient;
        return default;
    }
}
