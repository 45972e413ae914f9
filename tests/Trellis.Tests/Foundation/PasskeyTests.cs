using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Trellis.Tests.Support;
using Trellis.Web.Features.Audit;
using Trellis.Web.Features.Auth;

namespace Trellis.Tests.Foundation;

/// <summary>
/// Passkeys on the server: registration and sign-in through the API and the sign-in page, with an authenticator in the
/// test. Every spoiled answer (challenge, origin, replay, unknown or removed key, nonsense) is a 4xx, never a 500.
/// </summary>
public class PasskeyTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    private async Task<(string Email, string Password, HttpClient Api)> NewStaffAsync()
    {
        var admin = await app.ApiAsync(Roles.Administrator);
        var email = $"passkey-{Guid.NewGuid():N}@cedargrove.example.org";
        var response = await admin.PostAsJsonAsync("/api/staff", new { firstName = "Rowan", lastName = "Keyfield", email, roles = new[] { Roles.Clinician }, programIds = new[] { await Demo.ProgramIdAsync(app, Demo.MentalHealth) } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var password = (string)(await Json.ReadAsync(response))["temporaryPassword"]!;
        var api = app.Anonymous();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TrellisFactory.LoginAsync(api, email, password));
        return (email, password, api);
    }

    private static async Task<(Guid ChallengeId, JsonNode Options)> StartAsync(HttpClient client, string url)
    {
        var response = await client.PostAsync(url, null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Json.ReadAsync(response);
        return (Guid.Parse((string)body["challengeId"]!), body["options"]!);
    }

    private static async Task<JsonNode> RegisterAsync(HttpClient api, SoftAuthenticator key, string name = "Work laptop")
    {
        var (challengeId, options) = await StartAsync(api, "/api/me/passkeys/options");
        Assert.Equal("required", (string?)options["authenticatorSelection"]!["residentKey"]);
        Assert.Equal("required", (string?)options["authenticatorSelection"]!["userVerification"]);
        var response = await api.PostAsJsonAsync("/api/me/passkeys", new { challengeId, name, credential = key.Create(options) });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await Json.ReadAsync(response);
    }

    private Task<HttpResponseMessage> SignInAsync(Guid challengeId, JsonNode credential) =>
        app.Anonymous().PostAsJsonAsync("/api/auth/passkey/login", new { challengeId, credential });

    [Fact]
    public async Task A_registered_passkey_signs_in_and_gets_a_token_like_a_password()
    {
        var (email, _, api) = await NewStaffAsync();
        using var key = new SoftAuthenticator();
        var added = await RegisterAsync(api, key, "Work laptop");
        Assert.Equal(key.Id, (string)added["id"]!);
        var list = (await Json.ReadAsync(await api.GetAsync("/api/me/passkeys"))).AsArray();
        Assert.Equal("Work laptop", (string)list.Single()!["name"]!);

        var (challengeId, options) = await StartAsync(app.Anonymous(), "/api/auth/passkey/options");
        Assert.Equal("required", (string?)options["userVerification"]);
        var ok = await SignInAsync(challengeId, key.Get(options));
        Assert.True(ok.StatusCode == HttpStatusCode.OK, await ok.Content.ReadAsStringAsync());
        var token = (string)(await Json.ReadAsync(ok))["accessToken"]!;
        var client = app.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(email, (string)(await Json.ReadAsync(await client.GetAsync("/api/auth/me")))["email"]!);

        await using var s = app.Db();
        var audit = await s.Context.AuditEntries.Where(a => a.Action == AuditActions.SignIn && a.UserName == email && a.Detail == "passkey").CountAsync();
        Assert.Equal(1, audit);
        Assert.True(await s.Context.AuditEntries.AnyAsync(a => a.Action == AuditActions.PasskeyAdded && a.Detail == "Work laptop"));
    }

    [Fact]
    public async Task A_replayed_assertion_a_wrong_challenge_or_origin_and_an_unknown_key_are_refused()
    {
        var (_, _, api) = await NewStaffAsync();
        using var key = new SoftAuthenticator();
        await RegisterAsync(api, key);

        // Replay: the same challenge and answer twice. The challenge works once.
        var (first, options) = await StartAsync(app.Anonymous(), "/api/auth/passkey/options");
        var answer = key.Get(options);
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(first, answer.DeepClone())).StatusCode);
        var replayed = await Json.ProblemAsync(await SignInAsync(first, answer.DeepClone()), 401);
        Assert.Equal(Passkeys.ExpiredChallenge, (string?)replayed["detail"]);

        // The old answer sent with a new challenge: its signed challenge is not the new one.
        var (second, _) = await StartAsync(app.Anonymous(), "/api/auth/passkey/options");
        var wrongChallenge = await Json.ProblemAsync(await SignInAsync(second, answer.DeepClone()), 401);
        Assert.Equal(SignInService.PasskeyNotAccepted, (string?)wrongChallenge["detail"]);

        // Signed for another site.
        var (third, options3) = await StartAsync(app.Anonymous(), "/api/auth/passkey/options");
        await Json.ProblemAsync(await SignInAsync(third, key.Get(options3, originOverride: "https://evil.example")), 401);

        // A key the server never saw.
        using var stranger = new SoftAuthenticator();
        stranger.UserHandle = key.UserHandle; // claims to be the same account; its key was never registered
        var (fourth, options4) = await StartAsync(app.Anonymous(), "/api/auth/passkey/options");
        await Json.ProblemAsync(await SignInAsync(fourth, stranger.Get(options4)), 401);

        // No such challenge, and nonsense in place of a credential.
        await Json.ProblemAsync(await SignInAsync(Guid.NewGuid(), key.Get(options4)), 401);
        var (fifth, _) = await StartAsync(app.Anonymous(), "/api/auth/passkey/options");
        await Json.ProblemAsync(await SignInAsync(fifth, JsonValue.Create("not a credential")!), 401);
        var (sixth, _) = await StartAsync(app.Anonymous(), "/api/auth/passkey/options");
        await Json.ProblemAsync(await SignInAsync(sixth, new JsonObject { ["id"] = "x", ["response"] = new JsonObject() }), 401);
        await Json.ProblemAsync(await app.Anonymous().PostAsJsonAsync("/api/auth/passkey/login", new { credential = new { } }), 400);
        await Json.ProblemAsync(await app.Anonymous().PostAsJsonAsync("/api/auth/passkey/login", new { challengeId = Guid.NewGuid() }), 400);
        await Json.ProblemAsync(await app.Anonymous().PostAsync("/api/auth/passkey/login", new StringContent("{", System.Text.Encoding.UTF8, "application/json")), 400);
    }

    [Fact]
    public async Task A_disabled_or_locked_account_cannot_sign_in_with_its_passkey_and_a_removed_passkey_stops_working()
    {
        var (email, _, api) = await NewStaffAsync();
        using var key = new SoftAuthenticator();
        await RegisterAsync(api, key);

        await using (var s = app.Db())
        {
            var users = s.Services.GetRequiredService<UserManager<TrellisUser>>();
            var user = (await users.FindByEmailAsync(email))!;
            await users.SetLockoutEndDateAsync(user, DateTimeOffset.UtcNow.AddMinutes(10));
        }
        var (c1, o1) = await StartAsync(app.Anonymous(), "/api/auth/passkey/options");
        Assert.Contains("locked", (string)(await Json.ProblemAsync(await SignInAsync(c1, key.Get(o1)), 401))["detail"]!);

        await using (var s = app.Db())
        {
            var users = s.Services.GetRequiredService<UserManager<TrellisUser>>();
            var user = (await users.FindByEmailAsync(email))!;
            await users.SetLockoutEndDateAsync(user, null);
            user.IsDisabled = true;
            await users.UpdateAsync(user);
        }
        var (c2, o2) = await StartAsync(app.Anonymous(), "/api/auth/passkey/options");
        Assert.Contains("disabled", (string)(await Json.ProblemAsync(await SignInAsync(c2, key.Get(o2)), 401))["detail"]!);

        await using (var s = app.Db())
        {
            var users = s.Services.GetRequiredService<UserManager<TrellisUser>>();
            var user = (await users.FindByEmailAsync(email))!;
            user.IsDisabled = false;
            await users.UpdateAsync(user);
        }
        var (_, _, again) = await SignInWithPasswordAsync(email);
        // Another person's passkey is not yours to remove.
        var other = await app.ApiAsync(Roles.CaseManager);
        await Json.ProblemAsync(await other.DeleteAsync($"/api/me/passkeys/{key.Id}"), 404);
        await Json.ProblemAsync(await other.DeleteAsync("/api/me/passkeys/not*base64"), 404);
        Assert.Equal(HttpStatusCode.NoContent, (await again.DeleteAsync($"/api/me/passkeys/{key.Id}")).StatusCode);
        Assert.Empty((await Json.ReadAsync(await again.GetAsync("/api/me/passkeys"))).AsArray());
        var (c3, o3) = await StartAsync(app.Anonymous(), "/api/auth/passkey/options");
        await Json.ProblemAsync(await SignInAsync(c3, key.Get(o3)), 401);
    }

    private async Task<(string, string, HttpClient)> SignInWithPasswordAsync(string email)
    {
        await using var s = app.Db();
        var users = s.Services.GetRequiredService<UserManager<TrellisUser>>();
        var user = (await users.FindByEmailAsync(email))!;
        var password = "a fresh test password " + Guid.NewGuid().ToString("N")[..6];
        await users.RemovePasswordAsync(user);
        await users.AddPasswordAsync(user, password);
        var api = app.Anonymous();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TrellisFactory.LoginAsync(api, email, password));
        return (email, password, api);
    }

    [Fact]
    public async Task Registration_is_refused_for_a_spoiled_answer_a_used_challenge_or_another_accounts_challenge()
    {
        var (_, _, api) = await NewStaffAsync();
        using var key = new SoftAuthenticator();

        var (c1, o1) = await StartAsync(api, "/api/me/passkeys/options");
        var wrongOrigin = await Json.ProblemAsync(await api.PostAsJsonAsync("/api/me/passkeys", new { challengeId = c1, name = "Phone", credential = key.Create(o1, originOverride: "https://evil.example") }), 400);
        Assert.NotNull(wrongOrigin["errors"]!["credential"]);
        // The challenge was taken by that attempt.
        var used = await Json.ProblemAsync(await api.PostAsJsonAsync("/api/me/passkeys", new { challengeId = c1, name = "Phone", credential = key.Create(o1) }), 400);
        Assert.NotNull(used["errors"]!["challengeId"]);

        var (c2, o2) = await StartAsync(api, "/api/me/passkeys/options");
        await Json.ProblemAsync(await api.PostAsJsonAsync("/api/me/passkeys", new { challengeId = c2, name = "Phone", credential = key.Create(o2, challengeOverride: "AAAAAAAAAAAAAAAAAAAAAA") }), 400);

        // A challenge made for someone else's account.
        var (c3, o3) = await StartAsync(await app.ApiAsync(Roles.CaseManager), "/api/me/passkeys/options");
        await Json.ProblemAsync(await api.PostAsJsonAsync("/api/me/passkeys", new { challengeId = c3, name = "Phone", credential = key.Create(o3) }), 400);

        var (c4, o4) = await StartAsync(api, "/api/me/passkeys/options");
        var noName = await Json.ProblemAsync(await api.PostAsJsonAsync("/api/me/passkeys", new { challengeId = c4, name = "", credential = key.Create(o4) }), 400);
        Assert.NotNull(noName["errors"]!["name"]);
        Assert.Empty((await Json.ReadAsync(await api.GetAsync("/api/me/passkeys"))).AsArray());
        await Json.ProblemAsync(await app.Anonymous().PostAsync("/api/me/passkeys/options", null), 401);
    }

    [Fact]
    public async Task The_sign_in_page_makes_a_browser_session_from_a_passkey_and_says_why_when_it_cannot()
    {
        var (email, password, _) = await NewStaffAsync();
        using var key = new SoftAuthenticator();

        // Added on the account page, as the script does: options from the page door, the answer in the form.
        using (var browser = await app.PagesAsync(null))
        {
            await browser.SignInAsync(email, password);
            var start = await Json.ReadAsync(await browser.Http.PostAsync("/account/passkeys/creation-options", null));
            var (added, _) = await browser.SubmitAsync("/account", "add-passkey", new Dictionary<string, string?>
            {
                ["NewPasskey.Name"] = "Phone", ["NewPasskey.ChallengeId"] = (string)start["challengeId"]!,
                ["NewPasskey.Credential"] = key.Create(start["options"]!).ToJsonString(),
            });
            Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
            var (_, account) = await browser.GetAsync("/account");
            Assert.Contains("Phone", account.QuerySelector("#passkeys")!.ParentElement!.TextContent);
        }

        using var fresh = await app.PagesAsync(null);
        var options = await Json.ReadAsync(await fresh.Http.PostAsync("/account/passkeys/sign-in-options", null));
        var (signedIn, _) = await fresh.SubmitAsync("/account/login?returnUrl=%2Faccount", "passkey", new Dictionary<string, string?>
        {
            ["Passkey.ChallengeId"] = (string)options["challengeId"]!, ["Passkey.Credential"] = key.Get(options["options"]!).ToJsonString(),
        });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.EndsWith("/account", signedIn.Headers.Location!.OriginalString);
        var (page, doc) = await fresh.GetAsync("/account");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("(this one)", doc.Body!.TextContent);

        // The same answer again, from another browser: refused on the page, with words, and no session.
        using var other = await app.PagesAsync(null);
        var (again, againDoc) = await other.SubmitAsync("/account/login", "passkey", new Dictionary<string, string?>
        {
            ["Passkey.ChallengeId"] = (string)options["challengeId"]!, ["Passkey.Credential"] = key.Get(options["options"]!).ToJsonString(),
        });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains(Passkeys.ExpiredChallenge, againDoc.Body!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await other.Http.GetAsync("/account")).StatusCode);
    }
}
