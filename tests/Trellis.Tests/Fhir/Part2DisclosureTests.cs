using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Trellis.Tests.Smart;
using Trellis.Tests.Support;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Demo;
using Trellis.Web.Features.Disclosures;
using Trellis.Web.Features.Fhir;
using Trellis.Web.Features.Participants;
using static Trellis.Tests.Fhir.FhirTesting;
using Task = System.Threading.Tasks.Task;

namespace Trellis.Tests.Fhir;

/// <summary>
/// Issue 12 point 6: 42 CFR Part 2 consent-based segmentation. A SMART backend service is an outside recipient: registered for
/// the Part 2 program but without a participant's consent it receives nothing of them on any type (read, search, include,
/// revinclude, count, export); under an active Part 2 consent naming its recipient and purpose it receives that participant's
/// records, labelled, with the § 2.32 notice, and each disclosure is logged for the participant; revoked, they are gone at the
/// next request. A participant's own token reads their Part 2 record (they are the patient).
/// </summary>
public class Part2DisclosureTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    private const string Purpose = "Coordination of care.";

    [Fact]
    public async Task Without_a_consent_a_backend_service_of_the_part2_program_receives_nothing_of_it_on_any_type()
    {
        var admin = await app.ApiAsync(Roles.Administrator);
        var substanceUse = await Demo.ProgramIdAsync(app, Demo.SubstanceUse);
        var recipient = $"Lakeside Clinic {Guid.NewGuid():N}"[..26];
        var service = await RegisterAsync(substanceUse, recipient);
        var fhir = service.Fhir(await service.TokenAsync("system/*.rs"));
        var people = await PeopleAsync(Demo.SubstanceUse);
        await using (var s = app.Db())
        {
            // The demo raises risk flags in Adult Mental Health only.
            s.Context.Add(new Web.Features.Risk.RiskFlag { ParticipantId = people[0], Reason = "Item 9 of a PHQ-9 answered above 0.", RaisedAt = s.Context.Now });
            await s.Context.SaveChangesAsync();
        }
        foreach (var type in ChartTypes)
        {
            var theirs = await FhirScopeTests.OneOfAsync(admin, type, people);
            await FhirScopeTests.AbsentAsync(fhir, type, theirs, people);
            var count = await ReadAsync<Bundle>(await fhir.GetAsync($"/fhir/{type}?_summary=count"));
            Assert.True(count.Total == 0, $"{type}: a service without consent counts {count.Total} Part 2 records");
        }
        var revincluded = await ReadAsync<Bundle>(await fhir.GetAsync("/fhir/Patient?_revinclude=EpisodeOfCare:patient&_count=100"));
        Assert.Empty(revincluded.Entry);
        // The program itself (a fact) is readable; its Group has no member the service may see.
        var group = await ReadAsync<Group>(await fhir.GetAsync($"/fhir/Group/{substanceUse}"));
        Assert.Empty(group.Member);
        var export = await FhirExportTests.ExportAsync(fhir, $"/fhir/Group/{substanceUse}/$export");
        Assert.Empty(export.Files);
        var system = await FhirExportTests.ExportAsync(fhir, "/fhir/$export?_type=Patient,Observation,Condition");
        Assert.Empty(system.Files);
        await using var db = app.Db();
        Assert.False(await db.Context.Set<Part2Disclosure>().AnyAsync(d => d.ClientId == service.ClientId));
    }

    [Fact]
    public async Task Under_a_consent_the_participant_is_disclosed_labelled_with_the_notice_and_logged_and_revoking_ends_it()
    {
        var admin = await app.ApiAsync(Roles.Administrator);
        var substanceUse = await Demo.ProgramIdAsync(app, Demo.SubstanceUse);
        var people = await PeopleAsync(Demo.SubstanceUse);
        var (p, other) = (people[1], people[2]);
        var recipient = $"Harbor Primary Care {Guid.NewGuid():N}"[..30];
        var consentId = await ConsentAsync(admin, p, recipient, Purpose);
        // Registered without the link, linked through the API afterwards (If-Match: the client's version).
        var service = await RegisterAsync(substanceUse, null);
        var fhir = service.Fhir(await service.TokenAsync("system/*.rs"));
        Assert.Equal(0, (await ReadAsync<Bundle>(await fhir.GetAsync("/fhir/Patient?_summary=count"))).Total);
        await LinkAsync(admin, service.ClientId, recipient, Purpose);

        var patients = await ReadAsync<Bundle>(await fhir.GetAsync("/fhir/Patient?_count=100"));
        Assert.Equal(1, patients.Total);
        var patient = Assert.Single(patients.Entry, e => e.Search?.Mode == Bundle.SearchEntryMode.Match).Resource!;
        Assert.Equal(p.ToString(), patient.Id);
        AssertDisclosed(patient);
        var notice = Assert.IsType<OperationOutcome>(Assert.Single(patients.Entry, e => e.Search?.Mode == Bundle.SearchEntryMode.Outcome).Resource);
        Assert.Equal(RedisclosureNotice.Text, notice.Issue[0].Diagnostics);
        AssertDisclosed(await ReadAsync<Patient>(await fhir.GetAsync($"/fhir/Patient/{p}")));

        var problems = new List<string>();
        foreach (var type in ChartTypes)
        {
            var adminCount = await ReadAsync<Bundle>(await admin.GetAsync(type == "Patient" ? $"/fhir/Patient?_id={p}&_summary=count" : $"/fhir/{type}?patient={p}&_summary=count"));
            var theirs = await AllAsync(fhir, $"/fhir/{type}?_count=100");
            Assert.True(adminCount.Total == theirs.Count, $"{type}: the service received {theirs.Count} of the consenting participant's {adminCount.Total}");
            Assert.All(theirs, r => Assert.Equal(p.ToString(), FhirScopeTests.OwnerOf(r)));
            Assert.All(theirs, AssertDisclosed);
            foreach (var r in theirs.Take(2)) FhirValidationTests.Check(r, problems);
            if (adminCount.Total > 0 && type != "Patient")
            {
                var included = await AllAsync(fhir, $"/fhir/{type}?_include={type}:patient&_count=100", Bundle.SearchEntryMode.Include);
                AssertDisclosed(Assert.Single(included));
            }
            var someoneElses = await FhirScopeTests.OneOfAsync(admin, type, [other]).ContinueWith(t => t.IsFaulted ? null : t.Result);
            if (someoneElses is not null) await FhirScopeTests.AbsentAsync(fhir, type, someoneElses, [other]);
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));

        var export = await FhirExportTests.ExportAsync(fhir, "/fhir/$export?_type=Patient,Observation");
        var patientFile = export.Manifest.GetProperty("output").EnumerateArray().Single(o => o.GetProperty("type").GetString() == "Patient");
        Assert.Equal(RedisclosureNotice.Text, patientFile.GetProperty("extension").GetProperty(FhirSecurity.NoticeExtension).GetString());
        Assert.Equal(p.ToString(), Assert.Single(export.Files["Patient"]).Id);
        Assert.All(export.Files.Values.SelectMany(f => f), AssertDisclosed);

        // The log: the participant's chart (staff) and nobody else's.
        var log = await admin.GetFromJsonAsync<JsonElement>($"/api/participants/{p}/disclosures");
        var mine = log.EnumerateArray().Where(d => d.GetProperty("consentId").GetString() == consentId.ToString()).ToList();
        Assert.Contains(mine, d => d.GetProperty("interaction").GetString()!.StartsWith("FHIR read") && d.GetProperty("resources").GetString() == "Patient 1");
        Assert.Contains(mine, d => d.GetProperty("interaction").GetString()!.StartsWith("FHIR $export"));
        Assert.All(mine, d => Assert.Equal(recipient, d.GetProperty("recipient").GetString()));
        Assert.All(mine, d => Assert.Equal(Purpose, d.GetProperty("purpose").GetString()));
        var others = await admin.GetFromJsonAsync<JsonElement>($"/api/participants/{other}/disclosures");
        Assert.DoesNotContain(others.EnumerateArray(), d => d.GetProperty("recipient").GetString() == recipient);

        // The participant sees it in their portal and API; another participant does not.
        var own = await ParticipantApiAsync(p);
        var theirLog = await own.GetFromJsonAsync<JsonElement>("/api/me/disclosures");
        Assert.Contains(theirLog.EnumerateArray(), d => d.GetProperty("recipient").GetString() == recipient);
        using (var pages = new PageClient(app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false })))
        {
            await pages.SignInAsync(EmailOf(p), DemoSeeder.Password);
            var (response, document) = await pages.GetAsync("/my/disclosures");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(recipient, document.QuerySelector("main")!.TextContent);
        }
        var someoneElse = await app.ApiAsync(Roles.Participant);
        var notTheirs = await someoneElse.GetFromJsonAsync<JsonElement>("/api/me/disclosures");
        Assert.DoesNotContain(notTheirs.EnumerateArray(), d => d.GetProperty("recipient").GetString() == recipient);
        Assert.Equal(HttpStatusCode.Forbidden, (await someoneElse.GetAsync($"/api/participants/{p}/disclosures")).StatusCode); // a chart's log is for staff

        // Revoked: gone at the next request, on every path.
        var revoked = await admin.PostAsJsonAsync($"/api/participants/{p}/consents/{consentId}/revoke", new { note = "Revoked in writing." });
        Assert.True(revoked.IsSuccessStatusCode, await revoked.Content.ReadAsStringAsync());
        await OutcomeAsync(await fhir.GetAsync($"/fhir/Patient/{p}"), 404);
        Assert.Equal(0, (await ReadAsync<Bundle>(await fhir.GetAsync("/fhir/Observation?_summary=count"))).Total);
        Assert.Empty((await FhirExportTests.ExportAsync(fhir, "/fhir/$export?_type=Patient")).Files);
    }

    [Fact]
    public async Task A_participant_reads_their_own_part2_record_without_a_consent_and_the_program_reads_it_as_before()
    {
        var people = await PeopleAsync(Demo.SubstanceUse);
        var p = people[3];
        var own = await ParticipantApiAsync(p);
        var patient = await ReadAsync<Patient>(await own.GetAsync($"/fhir/Patient/{p}"));
        Assert.True(FhirSecurity.IsPart2(patient));
        Assert.DoesNotContain(patient.Meta!.Security, c => c.Code == FhirSecurity.NoRedisclosure); // not a disclosure: they are the patient
        Assert.NotEmpty(await AllAsync(own, "/fhir/Observation?_count=100"));
        // Staff of the program: the program itself (internal communications, § 2.12(c)(3)), no consent needed, nothing logged.
        var admin = await app.ApiAsync(Roles.Administrator);
        var bundle = await ReadAsync<Bundle>(await admin.GetAsync($"/fhir/Patient?_id={p}"));
        Assert.DoesNotContain(bundle.Entry, e => e.Search?.Mode == Bundle.SearchEntryMode.Outcome);
        await using var s = app.Db();
        Assert.False(await s.Context.Set<Part2Disclosure>().AnyAsync(d => d.ParticipantId == p && d.DisclosedAt > s.Context.Now.AddMinutes(-5)));
    }

    [Fact]
    public async Task Linking_a_client_is_for_administrators_needs_both_fields_and_its_version()
    {
        var substanceUse = await Demo.ProgramIdAsync(app, Demo.SubstanceUse);
        var service = await RegisterAsync(substanceUse, null);
        var admin = await app.ApiAsync(Roles.Administrator);
        var (id, version) = await ClientAsync(admin, service.ClientId);
        var blind = await admin.PutAsJsonAsync($"/api/smart-clients/{id}/recipient", new { recipient = "A", purpose = "B" });
        Assert.Equal(HttpStatusCode.PreconditionRequired, blind.StatusCode);
        var half = new HttpRequestMessage(HttpMethod.Put, $"/api/smart-clients/{id}/recipient") { Content = JsonContent.Create(new { recipient = "Harbor" }) };
        half.Headers.IfMatch.ParseAdd($"\"{version}\"");
        var problem = await Json.ProblemAsync(await admin.SendAsync(half), 400);
        Assert.NotNull(problem["errors"]?["purpose"]);
        var director = await app.ApiAsync(Roles.ProgramDirector);
        Assert.Equal(HttpStatusCode.Forbidden, (await director.PutAsJsonAsync($"/api/smart-clients/{id}/recipient", new { recipient = "A", purpose = "B" })).StatusCode);
    }

    private static void AssertDisclosed(Resource r)
    {
        Assert.True(FhirSecurity.IsPart2(r), $"{r.TypeName}/{r.Id} has no 42CFRPart2 label");
        Assert.Contains(r.Meta!.Security, c => c.System == FhirSecurity.Confidentiality && c.Code == "R");
        Assert.Contains(r.Meta.Security, c => c.System == FhirSecurity.ActCode && c.Code == FhirSecurity.NoRedisclosure);
        Assert.Equal(RedisclosureNotice.Text, Assert.IsType<FhirString>(Assert.Single(r.Meta.Extension, x => x.Url == FhirSecurity.NoticeExtension).Value).Value);
    }

    private Task<BackendService> RegisterAsync(Guid program, string? recipient) =>
        BackendService.RegisterAsync(app, "system/*.rs", [program], recipient: recipient, purpose: recipient is null ? null : Purpose);

    private static async Task<(Guid Id, long Version)> ClientAsync(HttpClient admin, string clientId)
    {
        var list = await admin.GetFromJsonAsync<JsonElement>("/api/smart-clients/");
        var c = list.EnumerateArray().Single(x => x.GetProperty("clientId").GetString() == clientId);
        return (c.GetProperty("id").GetGuid(), c.GetProperty("version").GetInt64());
    }

    private static async Task LinkAsync(HttpClient admin, string clientId, string recipient, string purpose)
    {
        var (id, version) = await ClientAsync(admin, clientId);
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/smart-clients/{id}/recipient") { Content = JsonContent.Create(new { recipient, purpose }) };
        request.Headers.IfMatch.ParseAdd($"\"{version}\"");
        var response = await admin.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task<Guid> ConsentAsync(HttpClient admin, Guid participant, string recipient, string purpose)
    {
        var response = await admin.PostAsJsonAsync($"/api/participants/{participant}/consents", new
        {
            kind = "Part2", patientName = "As signed", disclosingParty = Demo.SubstanceUse, information = "My whole record in the program.",
            recipient, purpose, expiresOn = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(1), rightToRevokeExplained = true,
            redisclosureNoticeGiven = true, signedBy = "As signed", signedOn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1),
        });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid();
    }

    private static string EmailOf(Guid participant) => $"p2.{participant:N}@example.org";

    /// <summary>An API session of the participant's own account (made for the test).</summary>
    private async Task<HttpClient> ParticipantApiAsync(Guid participant)
    {
        var email = EmailOf(participant);
        await using (var s = app.Db())
        {
            var users = s.Services.GetRequiredService<UserManager<TrellisUser>>();
            if (await users.FindByEmailAsync(email) is null)
            {
                var user = new TrellisUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Test participant", ParticipantId = participant, CreatedAt = s.Context.Now };
                Assert.True((await users.CreateAsync(user, DemoSeeder.Password)).Succeeded);
                Assert.True((await users.AddToRoleAsync(user, Roles.Participant)).Succeeded);
            }
        }
        var client = app.Anonymous();
        client.DefaultRequestHeaders.Authorization = new("Bearer", await TrellisFactory.LoginAsync(client, email, DemoSeeder.Password));
        return client;
    }

    private async Task<List<Guid>> PeopleAsync(string program)
    {
        await using var s = app.Db();
        return await s.Context.Participants.Where(p => p.Program!.Name == program && !p.IsDeleted && p.Status == ParticipantStatus.Active).OrderBy(p => p.Id).Select(p => p.Id).ToListAsync();
    }
}
