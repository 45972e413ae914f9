using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Trellis.Tests.Support;
using Trellis.Web.Features.Admissions.Admission;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Mail;
using Trellis.Web.Features.Participants;
using Trellis.Web.Features.Portal.Support;
using Trellis.Web.Features.Scheduling;

namespace Trellis.Tests.Portal;

/// <summary>
/// Family and support people (issue 11 point 10), on both databases: invited under a signed consent (Part 2 in a Part 2
/// program), they see only what it names, every other route refuses them, and revoking ends access at the next request.
/// RouteMatrixTests tries every route of the app as the demo support person too (Roles.All).
/// </summary>
public class SupportPersonTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    private const string Password = "Support-person-pw-7!";

    private static object Invite(string name, string email, string signedBy, bool family = true, bool program = true, bool acknowledged = true) => new
    {
        name, email, relationship = "brother", seesFamilySessions = family, seesProgramInformation = program,
        expiresOnEvent = "Discharge from the program", acknowledged, signedBy,
    };

    private async Task<HttpClient> SignInAsync(string email)
    {
        var client = app.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TrellisFactory.LoginAsync(client, email, Password));
        return client;
    }

    private async Task SetPasswordAsync(string email)
    {
        await using var s = app.Db();
        var users = s.Services.GetRequiredService<UserManager<TrellisUser>>();
        var user = (await users.FindByEmailAsync(email))!;
        Assert.True((await users.AddPasswordAsync(user, Password)).Succeeded);
    }

    [Fact]
    public async Task Staff_invite_under_a_part_2_consent_the_person_sees_only_family_sessions_and_program_information_and_revoking_ends_it_at_once()
    {
        var p = await Demo.ParticipantInAsync(app, Demo.SubstanceUse, ParticipantStatus.Active);
        Assert.True(p.Program!.IsPart2);
        var email = $"brother.{Guid.NewGuid():N}@example.org";
        var admin = await app.ApiAsync(Roles.Administrator);
        var created = await admin.PostAsJsonAsync($"/api/participants/{p.Id}/support-people", Invite("Sam Quill", email, p.LegalName));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var supportId = (Guid)(await Json.ReadAsync(created))["id"]!;

        await using (var s = app.Db())
        {
            var link = await s.Context.Set<SupportPerson>().Include(x => x.Consent).SingleAsync(x => x.Id == supportId);
            Assert.Equal(ConsentKind.Part2, link.Consent!.Kind);
            Assert.Contains("Sam Quill", link.Consent.Recipient);
            Assert.Contains("No clinical notes", link.Consent.Information);
            Assert.True(link.Consent.RightToRevokeExplained && link.Consent.RedisclosureNoticeGiven);
            // The invitation names neither the participant nor the program: that would disclose treatment.
            var mail = await s.Context.Set<OutboxMessage>().Where(m => m.To == email).SingleAsync();
            Assert.DoesNotContain(p.LegalLastName, mail.Body);
            Assert.DoesNotContain(p.Program.Name, mail.Body);
            Assert.Contains("/account/join", mail.Body);
            // A family session and an individual one: only the first is theirs to see.
            var clinician = await s.Context.Staff.Where(x => x.Email == "clinician@demo.trellis.test").Select(x => x.Id).SingleAsync();
            var at = s.Context.Now.AddDays(3);
            s.Context.Set<Appointment>().AddRange(
                new Appointment { ParticipantId = p.Id, StaffMemberId = clinician, ServiceType = ServiceType.FamilyTherapy, StartsAt = at, EndsAt = at.AddHours(1), LocalDate = DateOnly.FromDateTime(at.UtcDateTime), Notes = "Private-note-7Q: talk about March" },
                new Appointment { ParticipantId = p.Id, StaffMemberId = clinician, ServiceType = ServiceType.IndividualTherapy, StartsAt = at.AddDays(1), EndsAt = at.AddDays(1).AddHours(1), LocalDate = DateOnly.FromDateTime(at.UtcDateTime).AddDays(1) });
            await s.Context.SaveChangesAsync();
        }
        await SetPasswordAsync(email);
        var support = await SignInAsync(email);

        var views = (await Json.ReadAsync(await support.GetAsync("/api/support"))).AsArray();
        var view = Assert.Single(views)!;
        Assert.Equal(p.FirstName, (string?)view["firstName"]);
        Assert.Equal(p.Program.Name, (string?)view["programName"]);
        Assert.Single(view["familySessions"]!.AsArray());
        var raw = view.ToJsonString();
        Assert.DoesNotContain("Private-note-7Q", raw);
        Assert.DoesNotContain(p.LegalLastName, raw);
        Assert.Equal(p.FirstName, (string?)(await Json.ReadAsync(await support.GetAsync($"/api/support/{p.Id}")))["firstName"]);

        // Beyond the consent: the chart, its records and the participant's own routes refuse them (403: their role is admitted by none).
        foreach (var url in new[] { $"/api/participants/{p.Id}", $"/api/participants/{p.Id}/check-ins", $"/api/participants/{p.Id}/documents", $"/api/participants/{p.Id}/uploads",
                     $"/api/participants/{p.Id}/messages", $"/api/participants/{p.Id}/support-people", "/api/participants", "/api/me/check-ins", "/api/me/measures/due", "/api/me/documents", "/api/me/uploads", $"/fhir/Patient/{p.Id}", "/fhir/Observation" })
            Assert.True((await support.GetAsync(url)).StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound, url);
        await Json.ProblemAsync(await support.PostAsJsonAsync($"/api/participants/{p.Id}/support-people", Invite("Another", "x@example.org", p.LegalName)), 403);
        // Another participant they were never invited for: 404, like one that does not exist.
        var other = await Demo.ParticipantInAsync(app, Demo.MentalHealth);
        await Json.ProblemAsync(await support.GetAsync($"/api/support/{other.Id}"), 404);

        // Revoking ends access at once: the session is closed, and a new sign-in sees nothing.
        var revoked = await admin.PostAsync($"/api/participants/{p.Id}/support-people/{supportId}/revoke", null);
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await support.GetAsync("/api/support")).StatusCode);
        var again = await SignInAsync(email);
        Assert.Empty((await Json.ReadAsync(await again.GetAsync("/api/support"))).AsArray());
        await Json.ProblemAsync(await again.GetAsync($"/api/support/{p.Id}"), 404);
        await using (var s = app.Db())
            Assert.NotNull((await s.Context.Set<DisclosureConsent>().SingleAsync(c => c.Id == s.Context.Set<SupportPerson>().Where(x => x.Id == supportId).Select(x => x.ConsentId).Single())).RevokedOn);
        await Json.ProblemAsync(await admin.PostAsync($"/api/participants/{p.Id}/support-people/{supportId}/revoke", null), 409);
    }

    [Fact]
    public async Task Revoking_the_consent_in_the_chart_ends_the_demo_support_persons_access_at_their_next_request()
    {
        var pid = await PortalArrange.DemoParticipantIdAsync(app);
        var support = await app.ApiAsync(Roles.SupportPerson);
        Assert.Equal(HttpStatusCode.OK, (await support.GetAsync($"/api/support/{pid}")).StatusCode);
        Guid consentId;
        await using (var s = app.Db()) consentId = await s.Context.Set<SupportPerson>().Where(x => x.ParticipantId == pid && x.Email == Trellis.Web.Features.Demo.DemoSeeder.EmailFor(Roles.SupportPerson)).Select(x => x.ConsentId).SingleAsync();
        var staff = await app.ApiAsync(Roles.Administrator);
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsJsonAsync($"/api/participants/{pid}/consents/{consentId}/revoke", new { note = "Asked in person" })).StatusCode);
        // Same session, next request: the session check rebuilt the principal without the participant.
        await Json.ProblemAsync(await support.GetAsync($"/api/support/{pid}"), 404);
        Assert.Empty((await Json.ReadAsync(await support.GetAsync("/api/support"))).AsArray());
    }

    [Fact]
    public async Task The_participant_invites_from_the_portal_only_for_themself_and_a_consent_missing_an_element_or_their_signature_saves_nothing()
    {
        var pid = await PortalArrange.DemoParticipantIdAsync(app);
        string legal;
        await using (var s = app.Db()) legal = await s.Context.Participants.Where(x => x.Id == pid).Select(x => x.LegalFirstName + " " + x.LegalLastName).SingleAsync();
        var portal = await app.ApiAsync(Roles.Participant);
        async Task<int> CountAsync() { await using var s = app.Db(); return await s.Context.Set<SupportPerson>().CountAsync() + await s.Context.Set<DisclosureConsent>().CountAsync(); }
        var before = await CountAsync();
        var url = $"/api/participants/{pid}/support-people";
        Assert.NotNull((await Json.ProblemAsync(await portal.PostAsJsonAsync(url, Invite("Jo", "jo@example.org", "Somebody Else")), 400))["errors"]!["signedBy"]);
        Assert.NotNull((await Json.ProblemAsync(await portal.PostAsJsonAsync(url, Invite("Jo", "jo@example.org", legal, family: false, program: false)), 400))["errors"]!["seesFamilySessions"]);
        Assert.NotNull((await Json.ProblemAsync(await portal.PostAsJsonAsync(url, Invite("Jo", "jo@example.org", legal, acknowledged: false)), 400))["errors"]!["acknowledged"]);
        Assert.NotNull((await Json.ProblemAsync(await portal.PostAsJsonAsync(url, Invite("Jo", "clinician@demo.trellis.test", legal)), 400))["errors"]!["email"]);
        var other = await Demo.ParticipantInAsync(app, Demo.SubstanceUse);
        await Json.ProblemAsync(await portal.PostAsJsonAsync($"/api/participants/{other.Id}/support-people", Invite("Jo", "jo@example.org", other.LegalName)), 404);
        Assert.Equal(before, await CountAsync());

        var created = await portal.PostAsJsonAsync(url, Invite("Jo Quill", "jo.quill@example.org", legal, program: false));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var list = (await Json.ReadAsync(await portal.GetAsync(url))).AsArray();
        Assert.Contains(list, x => (string?)x!["name"] == "Jo Quill" && (bool)x["active"]! && !(bool)x["seesProgramInformation"]!);
        await SetPasswordAsync("jo.quill@example.org");
        var jo = await SignInAsync("jo.quill@example.org");
        var view = (await Json.ReadAsync(await jo.GetAsync($"/api/support/{pid}")));
        Assert.Null((string?)view["programDescription"]);
        Assert.Null((string?)view["clinicPhone"]);
        // The participant revokes it themself; the page and the API share the action.
        var joId = (Guid)list.First(x => (string?)x!["name"] == "Jo Quill")!["id"]!;
        Assert.Equal(HttpStatusCode.OK, (await portal.PostAsync($"{url}/{joId}/revoke", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await jo.GetAsync($"/api/support/{pid}")).StatusCode);
    }
}

/// <summary>The support person's pages (its own fixture: the tests above revoke the demo consent).</summary>
public class SupportPersonPagesTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    [Fact]
    public async Task The_support_persons_home_page_shows_the_consented_view_and_chart_pages_refuse_them()
    {
        var pid = await PortalArrange.DemoParticipantIdAsync(app);
        using var pages = await app.PagesAsync(Roles.SupportPerson);
        var (home, doc) = await pages.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains("Supporting", doc.Body!.TextContent);
        Assert.Equal(HttpStatusCode.OK, (await pages.GetAsync("/support")).Response.StatusCode);
        foreach (var url in new[] { $"/participants/{pid}", $"/participants/{pid}/documents", $"/participants/{pid}/check-ins", "/my/documents", "/my/check-in", "/my/support-people", $"/uploads/{pid}/{Guid.NewGuid()}" })
            Assert.Equal(HttpStatusCode.Forbidden, (await pages.GetAsync(url)).Response.StatusCode);
    }
}
