using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Trellis.Tests.Support;
using Trellis.Web.Features.Audit;
using Trellis.Web.Features.Auth;

namespace Trellis.Tests.Foundation;

/// <summary>
/// When what proves it is you changes (a passkey removed, a new password, two-factor turned off), every other session
/// of the account ends at once: another API token's next request is a 401 and another browser's next page sends it to
/// sign in. The session the change was made from carries on.
/// </summary>
public class OtherSessionsEndTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    private async Task<(string Email, string Password)> NewStaffAsync()
    {
        var admin = await app.ApiAsync(Roles.Administrator);
        var email = $"sessions-{Guid.NewGuid():N}@cedargrove.example.org";
        var response = await admin.PostAsJsonAsync("/api/staff", new { firstName = "Marlo", lastName = "Quillby", email, roles = new[] { Roles.Clinician }, programIds = new[] { await Demo.ProgramIdAsync(app, Demo.MentalHealth) } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (email, (string)(await Json.ReadAsync(response))["temporaryPassword"]!);
    }

    private async Task<HttpClient> TokenAsync(string email, string password)
    {
        var api = app.Anonymous();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TrellisFactory.LoginAsync(api, email, password));
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/auth/me")).StatusCode);
        return api;
    }

    private async Task<PageClient> BrowserAsync(string email, string password)
    {
        var browser = await app.PagesAsync(null);
        await browser.SignInAsync(email, password);
        Assert.Equal(HttpStatusCode.OK, (await browser.Http.GetAsync("/account")).StatusCode);
        return browser;
    }

    private static async Task AssertSignedOutAsync(HttpClient api, PageClient browser)
    {
        await Json.ProblemAsync(await api.GetAsync("/api/auth/me"), 401);
        var page = await browser.Http.GetAsync("/account");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/account/login", page.Headers.Location!.OriginalString);
    }

    private async Task<string> AddPasskeyAsync(HttpClient api, SoftAuthenticator key)
    {
        var start = await Json.ReadAsync(await api.PostAsync("/api/me/passkeys/options", null));
        var added = await api.PostAsJsonAsync("/api/me/passkeys", new { challengeId = (string)start["challengeId"]!, name = "Old phone", credential = key.Create(start["options"]!) });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        return key.Id;
    }

    private async Task<List<string?>> ReasonsAsync(string email)
    {
        await using var s = app.Db();
        var id = await s.Context.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        return await s.Context.UserSessions.Where(x => x.UserId == id && x.RevokedAt != null).Select(x => x.RevokedReason).ToListAsync();
    }

    [Fact]
    public async Task Removing_a_passkey_through_the_api_ends_the_other_token_and_browser_but_not_the_caller()
    {
        var (email, password) = await NewStaffAsync();
        var mine = await TokenAsync(email, password);
        var other = await TokenAsync(email, password);
        using var browser = await BrowserAsync(email, password);
        using var key = new SoftAuthenticator();
        var id = await AddPasskeyAsync(mine, key);

        Assert.Equal(HttpStatusCode.NoContent, (await mine.DeleteAsync($"/api/me/passkeys/{id}")).StatusCode);

        await AssertSignedOutAsync(other, browser);
        Assert.Equal(HttpStatusCode.OK, (await mine.GetAsync("/api/auth/me")).StatusCode);
        Assert.Equal(["passkey removed", "passkey removed"], await ReasonsAsync(email));
        await using var s = app.Db();
        var audit = await s.Context.AuditEntries.Where(a => a.Action == AuditActions.PasskeyRemoved && a.UserName == email).Select(a => a.Detail).SingleAsync();
        Assert.Equal("Old phone; 2 other session(s) ended", audit);
    }

    [Fact]
    public async Task Removing_a_passkey_on_the_account_page_ends_the_other_sessions_and_keeps_this_browser()
    {
        var (email, password) = await NewStaffAsync();
        var other = await TokenAsync(email, password);
        using var otherBrowser = await BrowserAsync(email, password);
        using var browser = await BrowserAsync(email, password);
        using var key = new SoftAuthenticator();
        var id = await AddPasskeyAsync(other, key);

        var (removed, _) = await browser.SubmitAsync("/account", $"remove-passkey-{id}", new Dictionary<string, string?>());
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);

        await AssertSignedOutAsync(other, otherBrowser);
        var (page, doc) = await browser.GetAsync("/account");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("No passkeys yet.", doc.Body!.TextContent);
    }

    [Fact]
    public async Task Changing_the_password_ends_the_other_sessions_and_keeps_this_browser()
    {
        var (email, password) = await NewStaffAsync();
        var other = await TokenAsync(email, password);
        using var otherBrowser = await BrowserAsync(email, password);
        using var browser = await BrowserAsync(email, password);

        var (changed, _) = await browser.SubmitAsync("/account", "password", new Dictionary<string, string?>
        {
            ["Password.Current"] = password, ["Password.New"] = "a brand new passphrase here", ["Password.Confirm"] = "a brand new passphrase here",
        });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);

        await AssertSignedOutAsync(other, otherBrowser);
        Assert.Equal(HttpStatusCode.OK, (await browser.Http.GetAsync("/account")).StatusCode);
        Assert.Equal(["password changed", "password changed"], await ReasonsAsync(email));
    }

    [Fact]
    public async Task Turning_two_factor_off_ends_the_other_sessions_and_keeps_this_browser()
    {
        var (email, password) = await NewStaffAsync();
        var other = await TokenAsync(email, password);
        using var otherBrowser = await BrowserAsync(email, password);
        using var browser = await BrowserAsync(email, password);
        await using (var s = app.Db())
        {
            var users = s.Services.GetRequiredService<UserManager<TrellisUser>>();
            var user = (await users.FindByEmailAsync(email))!;
            await users.ResetAuthenticatorKeyAsync(user);
            await users.SetTwoFactorEnabledAsync(user, true);
        }

        var (off, _) = await browser.SubmitAsync("/account/two-factor", "disable-2fa", new Dictionary<string, string?>());
        Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);

        await AssertSignedOutAsync(other, otherBrowser);
        Assert.Equal(HttpStatusCode.OK, (await browser.Http.GetAsync("/account")).StatusCode);
        Assert.Equal(["two-factor turned off", "two-factor turned off"], await ReasonsAsync(email));
    }
}
