using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Trellis.Tests.Support;
using Trellis.Web.Features.Auth;

namespace Trellis.Tests.Smart;

/// <summary>A backend service as a SMART client would be: its own RSA key, its registration, and signed client assertions.</summary>
public sealed class BackendService(TrellisFactory app, RSA key, string kid, string clientId)
{
    public const string TokenUrl = "http://localhost/connect/token";
    /// <summary>
    /// The audience of a client assertion: the authorization server's issuer, as RFC 10070 (which OpenIddict 7 follows) requires,
    /// with the explicit type client-authentication+jwt.
    /// </summary>
    public const string Issuer = "http://localhost/";
    public string ClientId { get; } = clientId;

    public static string Jwks(RSA key, string kid)
    {
        var p = key.ExportParameters(false);
        return JsonSerializer.Serialize(new { keys = new[] { new { kty = "RSA", kid, alg = "RS384", use = "sig", n = Base64UrlEncoder.Encode(p.Modulus), e = Base64UrlEncoder.Encode(p.Exponent) } } });
    }

    /// <summary>Registers a backend service through POST /api/smart-clients, as the administrator.</summary>
    public static async Task<BackendService> RegisterAsync(TrellisFactory app, string scopes, Guid[] programs, string role = Roles.Clinician, string? recipient = null, string? purpose = null)
    {
        var key = RSA.Create(2048);
        var kid = Guid.NewGuid().ToString("N");
        var admin = await app.ApiAsync(Roles.Administrator);
        var response = await admin.PostAsJsonAsync("/api/smart-clients/", new { name = "Registry " + kid[..6], kind = "Backend", scopes, role, programIds = programs, jwks = Jwks(key, kid), recipient, purpose });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == 201, body);
        return new BackendService(app, key, kid, JsonDocument.Parse(body).RootElement.GetProperty("clientId").GetString()!);
    }

    public string Assertion(string? audience = Issuer, DateTime? expires = null, string? jti = null, RSA? signWith = null, string? kidOverride = null)
    {
        var now = DateTime.UtcNow;
        var exp = expires ?? now.AddMinutes(4);
        var signing = new RsaSecurityKey(signWith ?? key) { KeyId = kidOverride ?? kid };
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = ClientId,
            Audience = audience,
            Claims = new Dictionary<string, object> { ["sub"] = ClientId, ["jti"] = jti ?? Guid.NewGuid().ToString() },
            IssuedAt = exp.AddMinutes(-4),
            NotBefore = exp.AddMinutes(-4),
            Expires = exp,
            SigningCredentials = new SigningCredentials(signing, SecurityAlgorithms.RsaSha384),
            TokenType = "client-authentication+jwt",
        });
    }

    /// <summary>An unsigned assertion (alg: none) with the right claims.</summary>
    public string UnsignedAssertion()
    {
        static string Part(object o) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(o)));
        var now = DateTimeOffset.UtcNow;
        return Part(new { alg = "none", typ = "client-authentication+jwt" }) + "." + Part(new { iss = ClientId, sub = ClientId, aud = Issuer, jti = Guid.NewGuid().ToString(), exp = now.AddMinutes(4).ToUnixTimeSeconds(), iat = now.ToUnixTimeSeconds() }) + ".";
    }

    public Task<HttpResponseMessage> RequestTokenAsync(string scope, string? assertion = null) =>
        app.Anonymous().PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["scope"] = scope,
            ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            ["client_assertion"] = assertion ?? Assertion(),
        }));

    public async Task<string> TokenAsync(string scope)
    {
        var response = await RequestTokenAsync(scope);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        var json = JsonDocument.Parse(body).RootElement;
        Assert.Equal("Bearer", json.GetProperty("token_type").GetString(), StringComparer.OrdinalIgnoreCase);
        Assert.InRange(json.GetProperty("expires_in").GetInt32(), 1, 300);
        return json.GetProperty("access_token").GetString()!;
    }

    public HttpClient Fhir(string token)
    {
        var client = app.Anonymous();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>The OAuth error of a refused token request: 400 or 401 with {"error": …}.</summary>
    public static async Task<string> ErrorAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode is 400 or 401, $"expected an OAuth error, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("error").GetString()!;
    }
}
