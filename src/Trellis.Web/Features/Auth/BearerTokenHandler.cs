using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Trellis.Web.Features.Auth;

/// <summary>
/// Authenticates API calls carrying "Authorization: Bearer &lt;token&gt;". The token is opaque: only its
/// hash is stored, and it is good only while its server-side session is open.
/// </summary>
public sealed class BearerTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, SessionService sessions)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";
    private const string FailureKey = "trellis:auth-failure";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(header)) return AuthenticateResult.NoResult();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return Fail("The Authorization header must be 'Bearer <access token>'.");
        var token = header["Bearer ".Length..].Trim();
        if (!SessionService.LooksLikeToken(token))
            return Fail("The access token is malformed.");
        var principal = await sessions.ValidateTokenAsync(token, SchemeName);
        if (principal is null)
            return Fail("The access token has expired or was revoked. Sign in again with POST /api/auth/login.");
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    private AuthenticateResult Fail(string why)
    {
        Context.Items[FailureKey] = why;
        return AuthenticateResult.Fail(why);
    }

    /// <summary>The reason a bearer token was refused, for the 401 ProblemDetails.</summary>
    public static string? FailureReason(HttpContext http) => http.Items[FailureKey] as string;

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = FailureReason(Context) is { } why
            ? $"Bearer error=\"invalid_token\", error_description=\"{why}\""
            : "Bearer";
        return Task.CompletedTask;
    }
}
