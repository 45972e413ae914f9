using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Trellis.Tests.Support;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Demo;

namespace Trellis.Tests.Foundation;

public class AuthTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    private async Task<(string Email, string Password)> NewStaffAsync(string role = Roles.Clinician)
    {
        var admin = await app.ApiAsync(Roles.Administrator);
        var email = $"auth-{Guid.NewGuid():N}@cedargrove.example.org";
        var response = await admin.PostAsJsonAsync("/api/staff", new { firstName = "Avery", lastName = "Testwood", email, roles = new[] { role }, programIds = new[] { await Demo.ProgramIdAsync(app, Demo.MentalHealth) } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (email, (string)(await Json.ReadAsync(response))["temporaryPassword"]!);
    }

    [Fact]
    public async Task Login_gives_a_bearer_token_and_wrong_credentials_a_problem()
    {
        var client = app.Anonymous();
        var ok = await client.PostAsJsonAsync("/api/auth/login", new { email = DemoSeeder.EmailFor(Roles.Clinician), password = DemoSeeder.Password });
        var body = await Json.ReadAsync(ok);
        Assert.Equal(43, ((string)body["accessToken"]!).Length);
        Assert.Equal(3600, (int)body["expiresIn"]!);

        var bad = await Json.ProblemAsync(await client.PostAsJsonAsync("/api/auth/login", new { email = DemoSeeder.EmailFor(Roles.Clinician), password = "not the password" }), 401);
        Assert.Equal(SignInService.InvalidCredentials, (string?)bad["detail"]);
        var unknown = await Json.ProblemAsync(await client.PostAsJsonAsync("/api/auth/login", new { email = "nobody@example.org", password = "whatever-it-is" }), 401);
        Assert.Equal((string?)bad["detail"], (string?)unknown["detail"]);
        await Json.ProblemAsync(await client.PostAsJsonAsync("/api/auth/login", new { email = "not-an-email" }), 400);
    }

    [Fact]
    public async Task Malformed_expired_and_foreign_tokens_are_refused_with_a_reason()
    {
        var client = app.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "abc");
        var p = await Json.ProblemAsync(await client.GetAsync("/api/participants"), 401);
        Assert.Contains("malformed", (string)p["detail"]!);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", new string('A', 43));
        p = await Json.ProblemAsync(await client.GetAsync("/api/participants"), 401);
        Assert.Contains("expired or was revoked", (string)p["detail"]!);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", "dXNlcjpwYXNz");
        await Json.ProblemAsync(await client.GetAsync("/api/participants"), 401);
    }

    [Fact]
    public async Task Signing_out_revokes_the_token()
    {
        var client = app.Anonymous();
        var token = await TrellisFactory.LoginAsync(client, DemoSeeder.EmailFor(Roles.CaseManager), DemoSeeder.Password);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/api/auth/logout", null)).StatusCode);
        await Json.ProblemAsync(await client.GetAsync("/api/auth/me"), 401);
    }

    [Fact]
    public async Task Disabling_an_account_ends_its_tokens_and_browser_sessions_and_stops_sign_in()
    {
        var (email, password) = await NewStaffAsync();
        var api = app.Anonymous();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TrellisFactory.LoginAsync(api, email, password));
        using var browser = await app.PagesAsync(null);
        await browser.SignInAsync(email, password);
        Assert.Equal(HttpStatusCode.OK, (await browser.Http.GetAsync("/participants")).StatusCode);

        var admin = await app.ApiAsync(Roles.Administrator);
        var staff = (await Json.ReadAsync(await admin.GetAsync("/api/staff"))).AsArray().First(s => (string)s!["email"]! == email)!;
        var get = await admin.GetAsync($"/api/staff/{staff["id"]}");
        var body = await Json.ReadAsync(get);
        body["isActive"] = false;
        Assert.Equal(HttpStatusCode.OK, (await admin.PutJsonAsync($"/api/staff/{staff["id"]}", body, get.Headers.ETag!.Tag)).StatusCode);

        await Json.ProblemAsync(await api.GetAsync("/api/auth/me"), 401);
        var page = await browser.Http.GetAsync("/participants");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/account/login", page.Headers.Location!.OriginalString);
        var again = await Json.ProblemAsync(await app.Anonymous().PostAsJsonAsync("/api/auth/login", new { email, password }), 401);
        Assert.Contains("disabled", (string)again["detail"]!);
    }

    [Fact]
    public async Task Repeated_failures_lock_the_account()
    {
        var (email, password) = await NewStaffAsync();
        var client = app.Anonymous();
        for (var i = 0; i < 5; i++)
            await Json.ProblemAsync(await client.PostAsJsonAsync("/api/auth/login", new { email, password = "wrong-password-" + i }), 401);
        var locked = await Json.ProblemAsync(await client.PostAsJsonAsync("/api/auth/login", new { email, password }), 401);
        Assert.Contains("locked", (string)locked["detail"]!);
    }

    [Fact]
    public async Task Two_factor_sign_in_needs_the_code_and_checks_it()
    {
        var (email, password) = await NewStaffAsync();
        string key;
        await using (var s = app.Db())
        {
            var users = s.Services.GetRequiredService<UserManager<TrellisUser>>();
            var user = (await users.FindByEmailAsync(email))!;
            await users.ResetAuthenticatorKeyAsync(user);
            key = (await users.GetAuthenticatorKeyAsync(user))!;
            await users.SetTwoFactorEnabledAsync(user, true);
        }
        var client = app.Anonymous();
        var needs = await Json.ProblemAsync(await client.PostAsJsonAsync("/api/auth/login", new { email, password }), 401);
        Assert.True((bool)needs["twoFactorRequired"]!);
        await Json.ProblemAsync(await client.PostAsJsonAsync("/api/auth/login", new { email, password, twoFactorCode = "000000" == Totp.Code(key, DateTimeOffset.UtcNow) ? "111111" : "000000" }), 401);
        var ok = await client.PostAsJsonAsync("/api/auth/login", new { email, password, twoFactorCode = Totp.Code(key, DateTimeOffset.UtcNow) });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);

        // The same through the pages: password, then the code step.
        using var browser = await app.PagesAsync(null);
        var (first, _) = await browser.SubmitAsync("/account/login", "login", new Dictionary<string, string?> { ["Input.Email"] = email, ["Input.Password"] = password });
        Assert.Contains("/account/login/two-factor", first.Headers.Location!.OriginalString);
        var (second, _) = await browser.SubmitAsync(first.Headers.Location!.OriginalString, "two-factor", new Dictionary<string, string?> { ["Input.Code"] = Totp.Code(key, DateTimeOffset.UtcNow) });
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.Http.GetAsync("/participants")).StatusCode);
    }

    [Fact]
    public async Task When_required_staff_without_two_factor_are_sent_to_set_it_up_and_get_no_api_tokens()
    {
        var (email, password) = await NewStaffAsync();
        await using (var s = app.Db())
        {
            var org = await s.Context.Organizations.FirstAsync();
            org.RequireTwoFactorForStaff = true;
            await s.Context.SaveChangesAsync();
        }
        try
        {
            var refused = await Json.ProblemAsync(await app.Anonymous().PostAsJsonAsync("/api/auth/login", new { email, password }), 403);
            Assert.Contains("two-factor", (string)refused["detail"]!);
            using var browser = await app.PagesAsync(null);
            await browser.SignInAsync(email, password);
            var home = await browser.Http.GetAsync("/participants");
            Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
            Assert.StartsWith(TwoFactorEnrollment.SetupPath, home.Headers.Location!.OriginalString);
        }
        finally
        {
            await using var s = app.Db();
            (await s.Context.Organizations.FirstAsync()).RequireTwoFactorForStaff = false;
            await s.Context.SaveChangesAsync();
        }
    }

    [Fact]
    public async Task Passwords_need_twelve_characters()
    {
        await using var s = app.Db();
        var users = s.Services.GetRequiredService<UserManager<TrellisUser>>();
        var result = await users.CreateAsync(new TrellisUser { UserName = "short@example.org", Email = "short@example.org" }, "elevenchars");
        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.Code == "PasswordTooShort");
    }

    [Fact]
    public async Task Browser_cookies_are_http_only_same_site_and_a_new_session_starts_at_sign_in()
    {
        using var browser = await app.PagesAsync(null);
        var (response, _) = await browser.SubmitAsync("/account/login", "login", new Dictionary<string, string?> { ["Input.Email"] = DemoSeeder.EmailFor(Roles.Prescriber), ["Input.Password"] = DemoSeeder.Password });
        var cookie = response.Headers.GetValues("Set-Cookie").First(c => c.StartsWith("trellis.session="));
        Assert.Contains("httponly", cookie.ToLowerInvariant());
        Assert.Contains("samesite=strict", cookie.ToLowerInvariant());

        async Task<int> OpenAsync()
        {
            await using var s = app.Db();
            var id = (await s.Context.Users.FirstAsync(u => u.Email == DemoSeeder.EmailFor(Roles.Prescriber))).Id;
            return await s.Context.UserSessions.CountAsync(x => x.RevokedAt == null && x.UserId == id && x.Kind == SessionKind.Browser);
        }
        var before = await OpenAsync();
        await browser.SignInAsync(DemoSeeder.EmailFor(Roles.Prescriber), DemoSeeder.Password);
        Assert.Equal(before, await OpenAsync()); // the previous session was closed when the new one began
    }

    [Fact]
    public async Task Every_form_needs_its_antiforgery_token()
    {
        using var browser = await app.PagesAsync(Roles.Administrator);
        var response = await browser.Http.PostAsync("/account/logout", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var login = await app.PagesAsync(null);
        var post = await login.Http.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
            { ["_handler"] = "login", ["Input.Email"] = DemoSeeder.EmailFor(Roles.Clinician), ["Input.Password"] = DemoSeeder.Password }));
        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
    }
}
