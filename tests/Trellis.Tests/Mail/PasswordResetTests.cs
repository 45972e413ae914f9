using System.Net;
using System.Net.Http.Json;
using Trellis.Tests.Support;
using Trellis.Web.Features.Demo;

namespace Trellis.Tests.Mail;

public class PasswordResetTests(MailFactory app) : IClassFixture<MailFactory>
{
    [Fact]
    public async Task Any_address_gets_the_same_202_and_only_an_account_gets_mail()
    {
        var client = app.Anonymous();
        var known = await client.PostAsJsonAsync("/api/auth/password-reset", new { email = DemoSeeder.EmailFor("Prescriber") });
        var unknown = await client.PostAsJsonAsync("/api/auth/password-reset", new { email = "nobody-here@example.org" });
        Assert.Equal(HttpStatusCode.Accepted, known.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, unknown.StatusCode);
        Assert.Equal(await known.Content.ReadAsStringAsync(), await unknown.Content.ReadAsStringAsync());

        var mail = Assert.Single(await app.Mail.WaitForAsync(DemoSeeder.EmailFor("Prescriber")));
        Assert.Equal("Reset your password", mail.Subject);
        Assert.StartsWith("/account/reset-password?user=", mail.LinkPath());
        NoClinicalContent.Assert(mail);
        await Task.Delay(500);
        Assert.Empty(app.Mail.To("nobody-here@example.org"));
    }

    [Fact]
    public async Task A_malformed_address_is_a_400_naming_the_field()
    {
        var response = await app.Anonymous().PostAsJsonAsync("/api/auth/password-reset", new { email = "not an address" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("email", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_link_sets_a_new_password_once_and_ends_every_session()
    {
        var email = DemoSeeder.EmailFor("Participant");
        var oldToken = await TrellisFactory.LoginAsync(app.Anonymous(), email, DemoSeeder.Password);

        using var pages = await app.PagesAsync(null);
        var (forgot, _) = await pages.SubmitAsync("/account/forgot-password", "forgot", new Dictionary<string, string?> { ["Input.Email"] = email });
        Assert.Equal(HttpStatusCode.OK, forgot.StatusCode);
        var link = Assert.Single(await app.Mail.WaitForAsync(email)).LinkPath();

        // The password rules answer beside the field, and nothing changes.
        var (weak, weakDoc) = await pages.SubmitAsync(link, "reset", new Dictionary<string, string?> { ["Input.New"] = "aaaaaaaaaaaa", ["Input.Confirm"] = "aaaaaaaaaaaa" });
        Assert.Equal(HttpStatusCode.OK, weak.StatusCode);
        Assert.Contains("different characters", weakDoc.QuerySelector("#new")!.ParentElement!.TextContent);

        const string fresh = "lantern orchard seventy";
        var (done, _) = await pages.SubmitAsync(link, "reset", new Dictionary<string, string?> { ["Input.New"] = fresh, ["Input.Confirm"] = fresh });
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);

        // Every earlier session is over; the new password works; the old one does not.
        var api = app.Anonymous();
        api.DefaultRequestHeaders.Authorization = new("Bearer", oldToken);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/auth/me")).StatusCode);
        await TrellisFactory.LoginAsync(app.Anonymous(), email, fresh);
        var old = await app.Anonymous().PostAsJsonAsync("/api/auth/login", new { email, password = DemoSeeder.Password });
        Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);

        // The link worked once.
        var (again, againDoc) = await pages.SubmitAsync(link, "reset", new Dictionary<string, string?> { ["Input.New"] = "another long passphrase", ["Input.Confirm"] = "another long passphrase" });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("expired or was already used", againDoc.Body!.TextContent);
        await TrellisFactory.LoginAsync(app.Anonymous(), email, fresh);
    }

    [Fact]
    public async Task A_forged_token_changes_nothing()
    {
        using var pages = await app.PagesAsync(null);
        var (response, doc) = await pages.SubmitAsync("/account/reset-password?user=someone&token=forged", "reset",
            new Dictionary<string, string?> { ["Input.New"] = "lantern orchard seventy", ["Input.Confirm"] = "lantern orchard seventy" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("expired or was already used", doc.Body!.TextContent);
    }

    [Fact]
    public async Task The_sign_in_page_offers_the_reset()
    {
        using var pages = await app.PagesAsync(null);
        var (_, doc) = await pages.GetAsync("/account/login");
        Assert.NotNull(doc.QuerySelector("a[href='/account/forgot-password']"));
    }
}
