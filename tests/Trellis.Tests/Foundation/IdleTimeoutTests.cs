using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Trellis.Tests.Support;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Demo;

namespace Trellis.Tests.Foundation;

/// <summary>The app on a clock the test moves.</summary>
public sealed class ClockedFactory : TrellisFactory
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);
    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);
}

public class IdleTimeoutTests(ClockedFactory app) : IClassFixture<ClockedFactory>
{
    private async Task<HttpClient> SignedInAsync(string role)
    {
        var client = app.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TrellisFactory.LoginAsync(client, DemoSeeder.EmailFor(role), DemoSeeder.Password));
        return client;
    }

    [Fact]
    public async Task Staff_are_signed_out_after_fifteen_idle_minutes_but_activity_keeps_them_in()
    {
        var staff = await SignedInAsync(Roles.Clinician);
        for (var i = 0; i < 4; i++)
        {
            app.Clock.Advance(TimeSpan.FromMinutes(10));
            Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync("/api/auth/me")).StatusCode);
        }
        app.Clock.Advance(TimeSpan.FromMinutes(16));
        await Json.ProblemAsync(await staff.GetAsync("/api/auth/me"), 401);
        // Once ended, going quiet and coming back does not revive it.
        Assert.Equal(HttpStatusCode.Unauthorized, (await staff.GetAsync("/api/auth/me")).StatusCode);
    }

    [Fact]
    public async Task Participants_have_a_longer_idle_limit()
    {
        var participant = await SignedInAsync(Roles.Participant);
        app.Clock.Advance(TimeSpan.FromMinutes(20));
        Assert.Equal(HttpStatusCode.OK, (await participant.GetAsync("/api/auth/me")).StatusCode);
        app.Clock.Advance(TimeSpan.FromMinutes(31));
        Assert.Equal(HttpStatusCode.Unauthorized, (await participant.GetAsync("/api/auth/me")).StatusCode);
    }

    [Fact]
    public async Task Api_tokens_expire_after_their_lifetime_even_when_busy()
    {
        var staff = await SignedInAsync(Roles.CaseManager);
        for (var i = 0; i < 6; i++)
        {
            app.Clock.Advance(TimeSpan.FromMinutes(10));
            await staff.GetAsync("/api/auth/me");
        }
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.Unauthorized, (await staff.GetAsync("/api/auth/me")).StatusCode);
    }

    [Fact]
    public async Task An_idle_browser_is_sent_to_sign_in()
    {
        using var browser = await app.PagesAsync(Roles.ProgramDirector);
        Assert.Equal(HttpStatusCode.OK, (await browser.Http.GetAsync("/participants")).StatusCode);
        app.Clock.Advance(TimeSpan.FromMinutes(16));
        var page = await browser.Http.GetAsync("/participants");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/account/login", page.Headers.Location!.OriginalString);
    }
}
