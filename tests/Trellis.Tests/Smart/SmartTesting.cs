using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
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

/// <summary>
/// SMART App Launch as a person's app goes through it: register the app, send the person to /connect/authorize with
/// PKCE S256, answer the consent page in their signed-in browser, redeem the code.
/// </summary>
public sealed class AppLaunch(TrellisFactory app)
{
    public const string Redirect = "http://127.0.0.1:7777/callback";

    public async Task<string> RegisterAsync(string scopes = "patient/*.rs user/*.rs launch/patient openid fhirUser")
    {
        var admin = await app.ApiAsync(Roles.Administrator);
        var response = await admin.PostAsJsonAsync("/api/smart-clients/", new { name = "My Recovery App", kind = "App", scopes, redirectUri = Redirect });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == 201, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("clientId").GetString()!;
    }

    public static (string Verifier, string Challenge) Pkce()
    {
        var verifier = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        return (verifier, Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))));
    }

    public static string AuthorizeUrl(string clientId, string scope, string challenge, string method = "S256") =>
        QueryHelpers.AddQueryString("/connect/authorize", new Dictionary<string, string?>
        {
            ["response_type"] = "code", ["client_id"] = clientId, ["redirect_uri"] = Redirect, ["scope"] = scope, ["state"] = "s-123",
            ["code_challenge"] = challenge, ["code_challenge_method"] = method, ["aud"] = "http://localhost/fhir",
        });

    /// <summary>Goes through the consent page and answers it; returns where the browser is sent back to.</summary>
    public static async Task<Uri> ConsentAsync(PageClient browser, string authorizeUrl, string decision)
    {
        var first = await browser.Http.GetAsync(authorizeUrl);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        var consentUrl = first.Headers.Location!.ToString();
        Assert.StartsWith("/account/authorize-app?", consentUrl);
        var (page, doc) = await browser.GetAsync(consentUrl);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var form = doc.QuerySelector("form[action='/connect/authorize']") ?? throw new InvalidOperationException("no consent form: " + doc.Body?.TextContent);
        var fields = form.QuerySelectorAll("input[type=hidden]").Select(i => KeyValuePair.Create(i.GetAttribute("name")!, i.GetAttribute("value") ?? "")).ToList();
        fields.Add(KeyValuePair.Create("decision", decision));
        var answer = await browser.Http.PostAsync("/connect/authorize", new FormUrlEncodedContent(fields));
        Assert.True(answer.StatusCode == HttpStatusCode.Redirect, $"{(int)answer.StatusCode}: {await answer.Content.ReadAsStringAsync()}");
        return answer.Headers.Location!;
    }

    public async Task<JsonElement> RedeemAsync(string clientId, Uri back, string verifier)
    {
        Assert.StartsWith(Redirect, back.ToString());
        var query = QueryHelpers.ParseQuery(back.Query);
        Assert.Equal("s-123", query["state"]);
        var response = await app.Anonymous().PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["code"] = query["code"]!, ["redirect_uri"] = Redirect, ["client_id"] = clientId, ["code_verifier"] = verifier,
        }));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement;
    }

    /// <summary>The whole launch for the demo account of a role, allowed: the token response.</summary>
    public async Task<JsonElement> LaunchAsync(string role, string clientId, string scope)
    {
        var browser = await app.PagesAsync(role);
        var (verifier, challenge) = Pkce();
        return await RedeemAsync(clientId, await ConsentAsync(browser, AuthorizeUrl(clientId, scope, challenge), "allow"), verifier);
    }
}
