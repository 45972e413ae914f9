using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;
using Task = System.Threading.Tasks.Task;
using Trellis.Tests.Fhir;
using Trellis.Tests.Support;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Demo;
using Trellis.Web.Features.Staff;

namespace Trellis.Tests.Smart;

/// <summary>
/// SMART App Launch (issue 12, part 4): a person's app signs them in with the sign-in page, asks their consent, and gets a
/// code (PKCE S256) for a token that sees what they see: a participant themself (the token response names the patient),
/// a staff member their care team. Refusals: a declined consent, PKCE plain, an unregistered scope.
/// </summary>
public class SmartAppLaunchTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    private readonly AppLaunch launch = new(app);

    private HttpClient Fhir(string token)
    {
        var client = app.Anonymous();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    [Fact]
    public async Task A_participants_app_sees_only_that_participant_and_the_token_names_them()
    {
        var clientId = await launch.RegisterAsync();
        Guid own;
        await using (var s = app.Db())
            own = await s.Context.Users.Where(u => u.Email == DemoSeeder.EmailFor(Roles.Participant)).Select(u => u.ParticipantId!.Value).SingleAsync();

        // Not signed in: the sign-in page, which comes back to the request.
        var anonymous = await app.PagesAsync(null);
        var (verifier, challenge) = AppLaunch.Pkce();
        var url = AppLaunch.AuthorizeUrl(clientId, "launch/patient patient/*.rs openid fhirUser", challenge);
        var toSignIn = await anonymous.Http.GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, toSignIn.StatusCode);
        Assert.Contains("/account/login", toSignIn.Headers.Location!.ToString());

        var browser = await app.PagesAsync(Roles.Participant);
        var token = await launch.RedeemAsync(clientId, await AppLaunch.ConsentAsync(browser, url, "allow"), verifier);
        Assert.Equal(own.ToString(), token.GetProperty("patient").GetString());
        Assert.Contains("patient/*.rs", token.GetProperty("scope").GetString());
        Assert.True(token.TryGetProperty("id_token", out _));

        var fhir = Fhir(token.GetProperty("access_token").GetString()!);
        var patients = await FhirTesting.AllAsync(fhir, "/fhir/Patient");
        Assert.Equal(own.ToString(), Assert.Single(patients).Id, ignoreCase: true);
        await using (var s = app.Db())
        {
            var other = await s.Context.Participants.Where(p => p.Id != own).Select(p => p.Id).FirstAsync();
            await FhirTesting.OutcomeAsync(await fhir.GetAsync($"/fhir/Patient/{other}"), 404);
            Assert.True(await s.Context.AuditEntries.AnyAsync(a => a.Detail == $"FHIR search (SMART client {clientId})" && a.UserName == DemoSeeder.EmailFor(Roles.Participant)));
        }
        // Revoked (by the app, as a public client): refused at once.
        var revoke = await app.Anonymous().PostAsync("/connect/revoke", new FormUrlEncodedContent(new Dictionary<string, string>
            { ["token"] = token.GetProperty("access_token").GetString()!, ["client_id"] = clientId }));
        Assert.True(revoke.IsSuccessStatusCode, await revoke.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await fhir.GetAsync("/fhir/Patient")).StatusCode);
    }

    [Fact]
    public async Task A_staff_members_app_sees_their_care_team_and_no_patient_context()
    {
        var clientId = await launch.RegisterAsync();
        var browser = await app.PagesAsync(Roles.Clinician);
        var (verifier, challenge) = AppLaunch.Pkce();
        var token = await launch.RedeemAsync(clientId, await AppLaunch.ConsentAsync(browser, AppLaunch.AuthorizeUrl(clientId, "user/*.rs patient/*.rs launch/patient openid fhirUser", challenge), "allow"), verifier);
        Assert.False(token.TryGetProperty("patient", out _));
        Assert.DoesNotContain("patient/", token.GetProperty("scope").GetString());

        var viaApp = await FhirTesting.AllAsync(Fhir(token.GetProperty("access_token").GetString()!), "/fhir/Patient?_count=100");
        var viaSession = await FhirTesting.AllAsync(await app.ApiAsync(Roles.Clinician), "/fhir/Patient?_count=100");
        Assert.Equal(viaSession.Select(p => p.Id).Order(), viaApp.Select(p => p.Id).Order());
        await using var s = app.Db();
        Assert.True(viaApp.Count < await s.Context.Participants.CountAsync());
    }

    [Fact]
    public async Task A_staff_members_app_keeps_its_claims_until_the_access_stamp_changes_and_then_sees_a_new_program_at_once()
    {
        var clientId = await launch.RegisterAsync();
        var browser = await app.PagesAsync(Roles.Prescriber);
        var (verifier, challenge) = AppLaunch.Pkce();
        var token = await launch.RedeemAsync(clientId, await AppLaunch.ConsentAsync(browser, AppLaunch.AuthorizeUrl(clientId, "user/*.rs openid fhirUser", challenge), "allow"), verifier);
        var fhir = Fhir(token.GetProperty("access_token").GetString()!);
        var before = await FhirTesting.AllAsync(fhir, "/fhir/Patient?_count=100");

        await using var s = app.Db();
        var db = s.Context;
        var staffId = await db.Users.Where(u => u.Email == DemoSeeder.EmailFor(Roles.Prescriber)).Select(u => u.StaffMemberId!.Value).SingleAsync();
        var mine = await db.StaffProgramAssignments.Where(a => a.StaffMemberId == staffId).Select(a => a.ProgramId).ToListAsync();
        var other = await db.Programs.Where(p => !mine.Contains(p.Id) && db.Participants.Any(x => x.ProgramId == p.Id)).Select(p => p.Id).FirstAsync();
        var stamp = await db.Set<AccessStamp>().Select(a => a.Value).SingleAsync();
        db.StaffProgramAssignments.Add(new StaffProgramAssignment { StaffMemberId = staffId, ProgramId = other });
        await db.SaveChangesAsync();

        // With the old stamp put back, the node keeps the claims it built: they are not rebuilt on every request.
        await db.Set<AccessStamp>().ExecuteUpdateAsync(u => u.SetProperty(a => a.Value, stamp));
        Assert.Equal(before.Select(p => p.Id).Order(), (await FhirTesting.AllAsync(fhir, "/fhir/Patient?_count=100")).Select(p => p.Id).Order());

        // A new stamp (from any node) is read at the next request: the new program's participants are there.
        await db.Set<AccessStamp>().ExecuteUpdateAsync(u => u.SetProperty(a => a.Value, Guid.NewGuid()));
        var after = await FhirTesting.AllAsync(fhir, "/fhir/Patient?_count=100");
        var added = await db.Participants.Where(p => p.ProgramId == other).Select(p => p.Id.ToString()).ToListAsync();
        Assert.True(after.Count > before.Count, $"{before.Count} patients before the assignment, {after.Count} after");
        Assert.Contains(after, p => added.Contains(p.Id, StringComparer.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Declining_plain_pkce_and_unregistered_scopes_are_refused()
    {
        var clientId = await launch.RegisterAsync("patient/Observation.rs openid");
        var browser = await app.PagesAsync(Roles.Participant);
        var (_, challenge) = AppLaunch.Pkce();
        var declined = await AppLaunch.ConsentAsync(browser, AppLaunch.AuthorizeUrl(clientId, "patient/Observation.rs", challenge), "deny");
        Assert.Equal("access_denied", QueryHelpers.ParseQuery(declined.Query)["error"]);

        // PKCE plain: OpenIddict answers the error itself (400), never issuing a code.
        var plain = await browser.Http.GetAsync(AppLaunch.AuthorizeUrl(clientId, "patient/Observation.rs", challenge, "plain"));
        Assert.Equal(HttpStatusCode.BadRequest, plain.StatusCode);
        Assert.Contains("invalid_request", await plain.Content.ReadAsStringAsync());

        var beyond = await browser.Http.GetAsync(AppLaunch.AuthorizeUrl(clientId, "patient/*.rs", challenge));
        Assert.Equal(HttpStatusCode.Redirect, beyond.StatusCode);
        Assert.Equal("invalid_scope", QueryHelpers.ParseQuery(beyond.Headers.Location!.Query)["error"]);
    }
}
