using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;
using Microsoft.EntityFrameworkCore;
using Trellis.Tests.Smart;
using Trellis.Tests.Support;
using Trellis.Web.Features.Admissions;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Fhir;
using Trellis.Web.Features.Fhir.Resources;
using Trellis.Web.Features.Participants;
using AdministrativeGender = Hl7.Fhir.Model.AdministrativeGender;
using static Trellis.Tests.Fhir.FhirTesting;
using Task = System.Threading.Tasks.Task;

namespace Trellis.Tests.Fhir;

/// <summary>
/// Issue 12, writes: Patient create (a referral from another system: a lead at Screening with its chart) and update (the
/// participant's details through ChangeParticipant), conditional create, If-Match, the refusals as OperationOutcomes naming
/// the FHIR path, scope and role, and every Patient answered valid against base R4.
/// </summary>
public class FhirPatientWriteTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    private const string HospitalMrn = "http://eastside-hospital.example.org/mrn";

    private static Patient Referral(string family, string? hospitalMrn = null, Guid? program = null)
    {
        var patient = new Patient
        {
            Name =
            [
                new HumanName { Use = HumanName.NameUse.Official, Family = family, Given = ["Rosalind"] },
                new HumanName { Use = HumanName.NameUse.Usual, Family = family, Given = ["Roz"] },
            ],
            BirthDate = "1988-03-14",
            Gender = AdministrativeGender.Female,
            Telecom =
            [
                new ContactPoint(ContactPoint.ContactPointSystem.Email, ContactPoint.ContactPointUse.Home, "roz.example@example.org"),
                new ContactPoint(ContactPoint.ContactPointSystem.Phone, ContactPoint.ContactPointUse.Mobile, "503-555-0142"),
            ],
            Address = [new Address { Use = Address.AddressUse.Home, Line = ["12 Larch Street"], City = "Portland", State = "OR", PostalCode = "97201" }],
        };
        if (hospitalMrn is not null) patient.Identifier.Add(new Identifier(HospitalMrn, hospitalMrn));
        if (program is { } p) patient.Extension.Add(new Extension(PatientFields.ProgramExtension, new ResourceReference($"HealthcareService/{p}")));
        return patient;
    }

    private static string Unique(string stem) => stem + Guid.NewGuid().ToString("N")[..8];

    private static StringContent Body(Resource resource) => Body(FhirJson.Serialize(resource));

    private static StringContent Body(string json) => new(json, Encoding.UTF8, FhirJson.MediaType);

    private static HttpRequestMessage Request(HttpMethod method, string url, Resource resource, string? ifMatch = null, string? ifNoneExist = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = Body(resource) };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        if (ifNoneExist is not null) request.Headers.TryAddWithoutValidation(FhirPatientWrites.IfNoneExist, ifNoneExist);
        return request;
    }

    private static void Valid(Resource resource)
    {
        var problems = new List<string>();
        FhirValidationTests.Check(resource, problems);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private async Task<int> ChartsNamedAsync(string family)
    {
        await using var s = app.Db();
        return await s.Context.Participants.IgnoreQueryFilters().CountAsync(p => p.LegalLastName == family);
    }

    /// <summary>A referring hospital's backend service: intake's role, one program (Adult Mental Health), the scopes given.</summary>
    private async Task<(HttpClient Http, BackendService Service)> HospitalAsync(string scopes)
    {
        var mentalHealth = await Demo.ProgramIdAsync(app, Demo.MentalHealth);
        var service = await BackendService.RegisterAsync(app, scopes, [mentalHealth], Roles.IntakeCoordinator);
        return (service.Fhir(await service.TokenAsync(scopes)), service);
    }

    [Fact]
    public async Task A_referring_system_creates_reads_and_updates_a_patient_through_FhirClient()
    {
        var (http, _) = await HospitalAsync("system/Patient.crus");
        var client = new FhirClient(new Uri(http.BaseAddress!, "/fhir"), http, new FhirClientSettings { PreferredFormat = ResourceFormat.Json });
        var family = Unique("Brightwater");

        var created = (await client.CreateAsync(Referral(family, hospitalMrn: Unique("E"))))!;
        Valid(created);
        Assert.Equal("1", created.Meta!.VersionId);
        Assert.Equal("Rosalind", created.Name.Single(n => n.Use == HumanName.NameUse.Official).Given.Single());
        Assert.Equal("Roz", created.Name.Single(n => n.Use == HumanName.NameUse.Usual).Given.Single());
        Assert.Equal("1988-03-14", created.BirthDate);
        Assert.Equal("503-555-0142", created.Telecom.Single(t => t.System == ContactPoint.ContactPointSystem.Phone).Value);
        Assert.Equal("Portland", created.Address.Single().City);
        Assert.Contains(created.Identifier, i => i.System == PatientType.MrnSystem);
        var hospitalId = Assert.Single(created.Identifier, i => i.System == HospitalMrn);
        // The gender the referral sent is kept: the answer is the resource as stored.
        Assert.Equal(AdministrativeGender.Female, created.Gender);

        // The referral as intake sees it: a lead from the hospital at Screening, with the chart, in the service's one program.
        var id = Guid.Parse(created.Id!);
        await using (var s = app.Db())
        {
            var participant = await s.Context.Participants.IgnoreQueryFilters().Include(p => p.Program).SingleAsync(p => p.Id == id);
            Assert.Equal(ParticipantStatus.Screening, participant.Status);
            Assert.Equal(Demo.MentalHealth, participant.Program!.Name);
            var lead = await s.Context.Set<AdmissionCase>().IgnoreQueryFilters().SingleAsync(c => c.ParticipantId == id);
            Assert.Equal((AdmissionStage.Screening, InquirySource.Referral), (lead.Stage, lead.Source));
            Assert.StartsWith("Registry ", lead.ReferredBy);
            Assert.True(await s.Context.AuditEntries.AnyAsync(a => a.RecordType == "Participant" && a.RecordId == created.Id && a.Action == "Create"));
            Assert.True(await s.Context.AuditEntries.AnyAsync(a => a.RecordId == created.Id && a.Action == "Read" && a.Detail != null && a.Detail.StartsWith("FHIR create (SMART client")));
        }

        var read = (await client.ReadAsync<Patient>($"Patient/{created.Id}"))!;
        Valid(read);
        Assert.Equal(hospitalId.Value, read.Identifier.Single(i => i.System == HospitalMrn).Value);

        // Update: the whole resource, from the version read (FhirClient sends If-Match W/"1").
        read.Telecom = [new ContactPoint(ContactPoint.ContactPointSystem.Phone, ContactPoint.ContactPointUse.Mobile, "503-555-0199")];
        read.Name.RemoveAll(n => n.Use == HumanName.NameUse.Usual);
        read.Address[0].City = "Beaverton";
        var updated = (await client.UpdateAsync(read, versionAware: true))!;
        Valid(updated);
        Assert.Equal("2", updated.Meta!.VersionId);
        var again = (await client.ReadAsync<Patient>($"Patient/{created.Id}"))!;
        Valid(again);
        Assert.Equal("503-555-0199", again.Telecom.Single().Value);
        Assert.Equal("Beaverton", again.Address.Single().City);
        Assert.DoesNotContain(again.Name, n => n.Use == HumanName.NameUse.Usual);
        await using (var s = app.Db())
        {
            var participant = await s.Context.Participants.IgnoreQueryFilters().SingleAsync(p => p.Id == id);
            Assert.Null(participant.Email);
            Assert.Null(participant.PreferredName);
            Assert.Equal(ParticipantStatus.Screening, participant.Status);
            Assert.True(await s.Context.AuditEntries.AnyAsync(a => a.RecordType == "Participant" && a.RecordId == created.Id && a.Action == "Update"));
        }

        // A change to the identifiers alone is a new version too.
        again.Identifier.Add(new Identifier("http://eastside-hospital.example.org/enterprise", Unique("ENT")));
        var third = (await client.UpdateAsync(again, versionAware: true))!;
        Assert.Equal("3", third.Meta!.VersionId);
        Assert.Equal(3, third.Identifier.Count);
        Valid(third);
    }

    [Fact]
    public async Task Conditional_create_twice_gives_one_patient()
    {
        var intake = await app.ApiAsync(Roles.IntakeCoordinator);
        var program = await Demo.ProgramIdAsync(app, Demo.MentalHealth);
        var family = Unique("Harrowgate");
        var mrn = Unique("H");
        var criteria = $"identifier={HospitalMrn}|{mrn}";

        var first = await intake.SendAsync(Request(HttpMethod.Post, "/fhir/Patient", Referral(family, mrn, program), ifNoneExist: criteria));
        var created = await ReadAsync<Patient>(first, 201);
        Valid(created);
        Assert.Equal($"http://localhost/fhir/Patient/{created.Id}/_history/1", first.Headers.Location?.ToString());
        Assert.Equal("W/\"1\"", first.Headers.ETag?.ToString());

        var second = await intake.SendAsync(Request(HttpMethod.Post, "/fhir/Patient", Referral(family, mrn, program), ifNoneExist: criteria));
        var existing = await ReadAsync<Patient>(second, 200);
        Assert.Equal(created.Id, existing.Id);
        Valid(existing);
        // The same through Firely's client.
        var client = new FhirClient(new Uri(intake.BaseAddress!, "/fhir"), intake, new FhirClientSettings { PreferredFormat = ResourceFormat.Json });
        var third = await client.ConditionalCreateAsync(Referral(family, mrn, program), new SearchParams().Where($"identifier={HospitalMrn}|{mrn}"));
        Assert.Equal(created.Id, third!.Id);
        Assert.Equal(1, await ChartsNamedAsync(family));

        // Without the condition, the same person again is no second chart either: the referral rules refuse a name and date of birth on file.
        var twin = await OutcomesAsync(await intake.PostAsync("/fhir/Patient", Body(Referral(family, Unique("H"), program))), 400);
        Assert.Contains("already exists", twin.Issue[0].Diagnostics);
        // Nor may a second chart take the first one's identifier.
        var taken = Referral(Unique("Other"), mrn, program);
        var takenOutcome = await OutcomesAsync(await intake.PostAsync("/fhir/Patient", Body(taken)), 400);
        Assert.Equal("Patient.identifier", takenOutcome.Issue.Single().Expression.Single());
        Assert.Equal(1, await ChartsNamedAsync(family));

        // Criteria that are not a Patient search are a 400; criteria matching several are a 412.
        await OutcomesAsync(await intake.SendAsync(Request(HttpMethod.Post, "/fhir/Patient", Referral(Unique("X"), null, program), ifNoneExist: "colour=blue")), 400);
        await OutcomesAsync(await intake.SendAsync(Request(HttpMethod.Post, "/fhir/Patient", Referral(Unique("X"), null, program), ifNoneExist: "birthdate=ge1900-01-01")), 412);
    }

    [Fact]
    public async Task An_update_needs_the_current_version()
    {
        var intake = await app.ApiAsync(Roles.IntakeCoordinator);
        var program = await Demo.ProgramIdAsync(app, Demo.MentalHealth);
        var created = await ReadAsync<Patient>(await intake.PostAsync("/fhir/Patient", Body(Referral(Unique("Fennimore"), null, program))), 201);
        var url = $"/fhir/Patient/{created.Id}";

        created.BirthDate = "1988-03-15";
        await OutcomesAsync(await intake.SendAsync(Request(HttpMethod.Put, url, created)), 428);
        await OutcomesAsync(await intake.SendAsync(Request(HttpMethod.Put, url, created, ifMatch: "soon")), 400);
        var saved = await ReadAsync<Patient>(await intake.SendAsync(Request(HttpMethod.Put, url, created, ifMatch: "W/\"1\"")));
        Assert.Equal(("2", "1988-03-15"), (saved.Meta!.VersionId, saved.BirthDate));

        // Someone else's change came in between: the old version is refused, nothing changes.
        created.BirthDate = "1970-01-01";
        var stale = await intake.SendAsync(Request(HttpMethod.Put, url, created, ifMatch: "W/\"1\""));
        await OutcomesAsync(stale, 412);
        var read = await ReadAsync<Patient>(await intake.GetAsync(url));
        Assert.Equal(("2", "1988-03-15"), (read.Meta!.VersionId, read.BirthDate));
    }

    [Fact]
    public async Task Bad_patients_are_operation_outcomes_naming_the_path_and_save_nothing()
    {
        var intake = await app.ApiAsync(Roles.IntakeCoordinator);
        var program = await Demo.ProgramIdAsync(app, Demo.MentalHealth);
        var family = Unique("Wrongly");

        var invalidJson = await OutcomeAsync(await intake.PostAsync("/fhir/Patient", Body("{\"resourceType\": \"Patient\", \"name\": [")), 400);
        Assert.Contains("JSON", invalidJson.Issue[0].Diagnostics);
        var wrongType = await OutcomeAsync(await intake.PostAsync("/fhir/Patient", Body(new Observation { Status = ObservationStatus.Final, Code = new CodeableConcept { Text = "x" } })), 400);
        Assert.Contains("Observation", wrongType.Issue[0].Diagnostics);
        var unknown = FhirJson.Serialize(Referral(family, null, program)).Replace("\"birthDate\"", "\"favouriteColour\":\"blue\",\"birthDate\"");
        await OutcomeAsync(await intake.PostAsync("/fhir/Patient", Body(unknown)), 400);

        var nameless = Referral(family, null, program);
        nameless.Name.Clear();
        var noName = await OutcomesAsync(await intake.PostAsync("/fhir/Patient", Body(nameless)), 400);
        Assert.Equal(["Patient.name.family", "Patient.name.given"], noName.Issue.SelectMany(i => i.Expression).Order(StringComparer.Ordinal));

        var future = Referral(family, null, program);
        future.BirthDate = DateTime.UtcNow.AddYears(1).ToString("yyyy-MM-dd");
        var unborn = await OutcomesAsync(await intake.PostAsync("/fhir/Patient", Body(future)), 400);
        Assert.Equal("Patient.birthDate", unborn.Issue.Single().Expression.Single());
        Assert.Contains("future", unborn.Issue[0].Diagnostics);

        var partial = Referral(family, null, program);
        partial.BirthDate = "1988-03";
        Assert.Equal("Patient.birthDate", (await OutcomesAsync(await intake.PostAsync("/fhir/Patient", Body(partial)), 400)).Issue.Single().Expression.Single());
        var systemless = Referral(family, null, program);
        systemless.Identifier.Add(new Identifier { Value = "12345" });
        Assert.Equal("Patient.identifier[0].system", (await OutcomesAsync(await intake.PostAsync("/fhir/Patient", Body(systemless)), 400)).Issue.Single().Expression.Single());
        var badState = Referral(family, null, program);
        badState.Address[0].State = "Oregon";
        Assert.Equal("Patient.address.state", (await OutcomesAsync(await intake.PostAsync("/fhir/Patient", Body(badState)), 400)).Issue.Single().Expression.Single());

        // The intake coordinator works in two programs, so a referral must say which; a program of nobody's is refused too.
        var noProgram = await OutcomesAsync(await intake.PostAsync("/fhir/Patient", Body(Referral(family))), 400);
        Assert.StartsWith("Patient.extension", noProgram.Issue.Single().Expression.Single());
        await OutcomesAsync(await intake.PostAsync("/fhir/Patient", Body(Referral(family, null, Guid.NewGuid()))), 400);

        // An update must carry the id of its address.
        var someone = await Demo.ParticipantInAsync(app, Demo.MentalHealth, ParticipantStatus.Active);
        var other = Referral(family);
        other.Id = Guid.NewGuid().ToString();
        await OutcomesAsync(await intake.SendAsync(Request(HttpMethod.Put, $"/fhir/Patient/{someone.Id}", other, ifMatch: "W/\"1\"")), 400);
        other.Id = null;
        await OutcomesAsync(await intake.SendAsync(Request(HttpMethod.Put, $"/fhir/Patient/{someone.Id}", other, ifMatch: "W/\"1\"")), 400);

        Assert.Equal(0, await ChartsNamedAsync(family));
    }

    [Fact]
    public async Task Scope_role_and_care_team_decide_who_writes()
    {
        var suParticipant = await Demo.ParticipantInAsync(app, Demo.SubstanceUse, ParticipantStatus.Active);
        var mhParticipant = await Demo.ParticipantInAsync(app, Demo.MentalHealth, ParticipantStatus.Active);
        var program = await Demo.ProgramIdAsync(app, Demo.MentalHealth);
        var family = Unique("Outreach");

        // Another program's chart is as absent as a missing one: 404, nothing changed.
        var clinician = await app.ApiAsync(Roles.Clinician);
        var theirs = await ReadAsync<Patient>(await (await app.ApiAsync(Roles.Administrator)).GetAsync($"/fhir/Patient/{suParticipant.Id}"));
        var version = theirs.Meta!.VersionId;
        theirs.BirthDate = "1999-09-09";
        await OutcomesAsync(await clinician.SendAsync(Request(HttpMethod.Put, $"/fhir/Patient/{suParticipant.Id}", theirs, ifMatch: $"W/\"{version}\"")), 404);
        var (hospital, _) = await HospitalAsync("system/Patient.crus");
        await OutcomesAsync(await hospital.SendAsync(Request(HttpMethod.Put, $"/fhir/Patient/{suParticipant.Id}", theirs, ifMatch: $"W/\"{version}\"")), 404);
        theirs.Id = Guid.NewGuid().ToString();
        await OutcomesAsync(await hospital.SendAsync(Request(HttpMethod.Put, $"/fhir/Patient/{theirs.Id}", theirs, ifMatch: "W/\"1\"")), 404);
        await using (var s = app.Db())
            Assert.Equal(suParticipant.DateOfBirth, (await s.Context.Participants.IgnoreQueryFilters().SingleAsync(p => p.Id == suParticipant.Id)).DateOfBirth);

        // Roles: a clinician edits details but does not take referrals; a participant (their own app) and billing do neither.
        await OutcomesAsync(await clinician.PostAsync("/fhir/Patient", Body(Referral(family, null, program))), 403);
        var participant = await app.ApiAsync(Roles.Participant);
        await OutcomesAsync(await participant.PostAsync("/fhir/Patient", Body(Referral(family, null, program))), 403);
        var own = (Patient)(await ReadAsync<Bundle>(await participant.GetAsync("/fhir/Patient?_count=1"))).Entry[0].Resource!;
        await OutcomesAsync(await participant.SendAsync(Request(HttpMethod.Put, $"/fhir/Patient/{own.Id}", own, ifMatch: $"W/\"{own.Meta!.VersionId}\"")), 403);
        var billing = await app.ApiAsync(Roles.Billing);
        await OutcomesAsync(await billing.PostAsync("/fhir/Patient", Body(Referral(family, null, program))), 403);

        // SMART scopes: without .c no create, without .u no update, without .s no conditional create.
        var (reader, _) = await HospitalAsync("system/Patient.rs");
        var refused = await OutcomesAsync(await reader.PostAsync("/fhir/Patient", Body(Referral(family))), 403);
        Assert.Equal(OperationOutcome.IssueType.Forbidden, refused.Issue[0].Code);
        var mine = await ReadAsync<Patient>(await reader.GetAsync($"/fhir/Patient/{mhParticipant.Id}"));
        await OutcomesAsync(await reader.SendAsync(Request(HttpMethod.Put, $"/fhir/Patient/{mine.Id}", mine, ifMatch: $"W/\"{mine.Meta!.VersionId}\"")), 403);
        var (writer, _) = await HospitalAsync("system/Patient.c");
        await OutcomesAsync(await writer.SendAsync(Request(HttpMethod.Post, "/fhir/Patient", Referral(family), ifNoneExist: $"identifier={HospitalMrn}|x")), 403);
        // An outside system does not cover a 42 CFR Part 2 program: its referral there is refused on the program.
        var part2 = await BackendService.RegisterAsync(app, "system/Patient.cu", [suParticipant.ProgramId], Roles.IntakeCoordinator);
        var intoPart2 = await OutcomesAsync(await part2.Fhir(await part2.TokenAsync("system/Patient.cu")).PostAsync("/fhir/Patient", Body(Referral(family))), 400);
        Assert.StartsWith("Patient.extension", intoPart2.Issue.Single().Expression.Single());
        Assert.Equal(0, await ChartsNamedAsync(family));

        // A service of one program needs no extension; its referral lands there and it may update it (c and u only).
        var (service, _) = await HospitalAsync("system/Patient.cu");
        var created = await ReadAsync<Patient>(await service.PostAsync("/fhir/Patient", Body(Referral(family))), 201);
        created.Address.Clear();
        var updated = await ReadAsync<Patient>(await service.SendAsync(Request(HttpMethod.Put, $"/fhir/Patient/{created.Id}", created, ifMatch: "W/\"1\"")));
        Assert.Empty(updated.Address);
        // Moving to another program is not an update of the Patient.
        updated.Extension.Add(new Extension(PatientFields.ProgramExtension, new ResourceReference($"HealthcareService/{suParticipant.ProgramId}")));
        await OutcomesAsync(await service.SendAsync(Request(HttpMethod.Put, $"/fhir/Patient/{created.Id}", updated, ifMatch: "W/\"2\"")), 400);
    }

    [Fact]
    public async Task A_staff_members_app_writes_with_user_scopes_and_a_participants_app_cannot()
    {
        var launch = new AppLaunch(app);
        var clientId = await launch.RegisterAsync("user/Patient.cru patient/Patient.cru launch/patient openid fhirUser");
        var program = await Demo.ProgramIdAsync(app, Demo.MentalHealth);
        HttpClient Fhir(JsonElement token)
        {
            var client = app.Anonymous();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("access_token").GetString());
            return client;
        }

        var intake = Fhir(await launch.LaunchAsync(Roles.IntakeCoordinator, clientId, "user/Patient.cru openid"));
        var created = await ReadAsync<Patient>(await intake.PostAsync("/fhir/Patient", Body(Referral(Unique("Appleby"), null, program))), 201);
        Valid(created);
        created.Telecom.RemoveAll(t => t.System == ContactPoint.ContactPointSystem.Email);
        var updated = await ReadAsync<Patient>(await intake.SendAsync(Request(HttpMethod.Put, $"/fhir/Patient/{created.Id}", created, ifMatch: "W/\"1\"")));
        Assert.Equal("2", updated.Meta!.VersionId);

        var reader = Fhir(await launch.LaunchAsync(Roles.IntakeCoordinator, clientId, "user/Patient.r"));
        await OutcomesAsync(await reader.PostAsync("/fhir/Patient", Body(Referral(Unique("Appleby"), null, program))), 403);
        await OutcomesAsync(await reader.SendAsync(Request(HttpMethod.Put, $"/fhir/Patient/{created.Id}", updated, ifMatch: "W/\"2\"")), 403);

        // A participant's own app, even granted patient/Patient.cru, neither refers anyone nor changes their own details.
        var token = await launch.LaunchAsync(Roles.Participant, clientId, "patient/Patient.cru launch/patient");
        var own = Fhir(token);
        var family = Unique("Selfmade");
        await OutcomesAsync(await own.PostAsync("/fhir/Patient", Body(Referral(family, null, program))), 403);
        var me = await ReadAsync<Patient>(await own.GetAsync($"/fhir/Patient/{token.GetProperty("patient").GetString()}"));
        await OutcomesAsync(await own.SendAsync(Request(HttpMethod.Put, $"/fhir/Patient/{me.Id}", me, ifMatch: $"W/\"{me.Meta!.VersionId}\"")), 403);
        Assert.Equal(0, await ChartsNamedAsync(family));
    }

    [Fact]
    public async Task The_statement_says_Patient_is_created_and_updated_and_nothing_else_is()
    {
        var statement = await ReadAsync<CapabilityStatement>(await app.Anonymous().GetAsync("/fhir/metadata"));
        var patient = statement.Rest[0].Resource.Single(r => r.Type == "Patient");
        Assert.Equal(
            [CapabilityStatement.TypeRestfulInteraction.Read, CapabilityStatement.TypeRestfulInteraction.Vread, CapabilityStatement.TypeRestfulInteraction.SearchType,
             CapabilityStatement.TypeRestfulInteraction.Create, CapabilityStatement.TypeRestfulInteraction.Update],
            patient.Interaction.Select(i => i.Code!.Value));
        Assert.True(patient.ConditionalCreate);
        Assert.False(patient.ConditionalUpdate);
        Assert.False(patient.UpdateCreate);
        Assert.All(statement.Rest[0].Resource.Where(r => r.Type != "Patient"), r => Assert.False(r.ConditionalCreate));
        Assert.All(statement.Rest[0].Resource.Where(r => r.Type != "Patient"), r => Assert.DoesNotContain(CapabilityStatement.TypeRestfulInteraction.Update, r.Interaction.Select(i => i.Code!.Value)));
        Valid(statement);

        var smart = JsonDocument.Parse(await app.Anonymous().GetStringAsync("/.well-known/smart-configuration")).RootElement;
        var scopes = smart.GetProperty("scopes_supported").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains("system/Patient.cu", scopes);
        Assert.Contains("user/Patient.cu", scopes);

        // Other types stay read-only: a PUT elsewhere is 405 naming what is allowed.
        var put = await (await app.ApiAsync(Roles.Administrator)).SendAsync(Request(HttpMethod.Put, $"/fhir/Condition/{Guid.NewGuid()}",
            new Condition { Id = Guid.NewGuid().ToString(), Subject = new ResourceReference("Patient/1") }));
        await OutcomeAsync(put, 405);
        Assert.Equal("GET", string.Join(",", put.Content.Headers.Allow));
    }

    /// <summary>An OperationOutcome of errors (one per field at fault) with the status, each saying something a person can act on.</summary>
    private static async Task<OperationOutcome> OutcomesAsync(HttpResponseMessage response, int status)
    {
        var outcome = await ReadAsync<OperationOutcome>(response, status);
        Assert.NotEmpty(outcome.Issue);
        Assert.All(outcome.Issue, i => Assert.Equal(OperationOutcome.IssueSeverity.Error, i.Severity));
        Assert.All(outcome.Issue, i => Assert.False(string.IsNullOrWhiteSpace(i.Diagnostics)));
        return outcome;
    }
}
