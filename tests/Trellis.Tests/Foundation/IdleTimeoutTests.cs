using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Trellis.Tests.Support;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Demo;
using Trellis.Web.Features.Participants;

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

    [Fact]
    public async Task An_emergency_grant_ends_at_its_expiry_for_a_session_whose_principal_was_built_before()
    {
        Participant chart;
        await using (var s = app.Db())
            chart = await s.Context.Participants.Include(p => p.Program).Where(p => p.Program!.Name == Demo.SubstanceUse && p.Status == ParticipantStatus.Active)
                .OrderBy(p => p.Mrn).FirstAsync();
        using var browser = await app.PagesAsync(Roles.Clinician);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.Http.GetAsync($"/participants/{chart.Id}")).StatusCode);

        var api = await SignedInAsync(Roles.Clinician);
        var granted = await api.PostAsJsonAsync("/api/emergency-access", new
        {
            mrn = chart.Mrn, dateOfBirth = chart.DateOfBirth.ToString("yyyy-MM-dd"),
            reason = "Brought to the emergency department unresponsive; need current medications and allergies.",
            emergencyNature = "Suspected overdose, unresponsive on arrival.", recipientAffiliation = "Riverside General emergency department",
            consentNotObtainable = true,
        });
        Assert.Equal(HttpStatusCode.Created, granted.StatusCode);

        // The grant reaches the browser's next request, and holds (on the principal this node keeps) until it expires.
        for (var minutes = 0; minutes <= 50; minutes += 10)
        {
            Assert.Equal(HttpStatusCode.OK, (await browser.Http.GetAsync($"/participants/{chart.Id}")).StatusCode);
            app.Clock.Advance(TimeSpan.FromMinutes(10));
        }
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.NotFound, (await browser.Http.GetAsync($"/participants/{chart.Id}")).StatusCode);
    }
}
