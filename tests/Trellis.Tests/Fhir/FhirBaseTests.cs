using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using Microsoft.EntityFrameworkCore;
using Trellis.Tests.Support;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Demo;
using Trellis.Web.Features.Fhir;
using static Trellis.Tests.Fhir.FhirTesting;

namespace Trellis.Tests.Fhir;

/// <summary>Issue 12: the /fhir base, its CapabilityStatement, and every error as an OperationOutcome 4xx.</summary>
public class FhirBaseTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    [Fact]
    public async Task Metadata_states_exactly_what_is_served()
    {
        var response = await app.Anonymous().GetAsync("/fhir/metadata");
        var statement = await ReadAsync<CapabilityStatement>(response);
        Assert.Equal(FHIRVersion.N4_0_1, statement.FhirVersion);
        Assert.Equal([FhirJson.MediaType], statement.Format);
        var rest = Assert.Single(statement.Rest);
        Assert.Equal(
            ["AllergyIntolerance", "Appointment", "CarePlan", "CareTeam", "Condition", "Consent", "Coverage", "DocumentReference", "Encounter", "EpisodeOfCare", "Flag",
             "Group", "HealthcareService", "Location", "MedicationStatement", "Observation", "Organization", "Patient", "Practitioner", "PractitionerRole", "Questionnaire",
             "QuestionnaireResponse"],
            rest.Resource.Select(r => r.Type).Order(StringComparer.Ordinal));
        foreach (var resource in rest.Resource)
        {
            // Records have versions (vread of the current one); the instruments are definitions without, and a Group (a
            // program's members) has none either.
            // The one write: answers to an instrument, scored on the server.
            Assert.Equal(resource.Type switch
                {
                    "Questionnaire" or "Group" => [CapabilityStatement.TypeRestfulInteraction.Read, CapabilityStatement.TypeRestfulInteraction.SearchType],
                    "QuestionnaireResponse" => [CapabilityStatement.TypeRestfulInteraction.Read, CapabilityStatement.TypeRestfulInteraction.Vread,
                        CapabilityStatement.TypeRestfulInteraction.SearchType, CapabilityStatement.TypeRestfulInteraction.Create],
                    // Intake from referring systems (FhirPatientWriteTests).
                    "Patient" => [CapabilityStatement.TypeRestfulInteraction.Read, CapabilityStatement.TypeRestfulInteraction.Vread,
                        CapabilityStatement.TypeRestfulInteraction.SearchType, CapabilityStatement.TypeRestfulInteraction.Create, CapabilityStatement.TypeRestfulInteraction.Update],
                    _ => [CapabilityStatement.TypeRestfulInteraction.Read, CapabilityStatement.TypeRestfulInteraction.Vread, CapabilityStatement.TypeRestfulInteraction.SearchType],
                },
                resource.Interaction.Select(i => i.Code!.Value));
            Assert.False(resource.ReadHistory);
            Assert.Empty(resource.SupportedProfile);
            Assert.Contains("_id", resource.SearchParam.Select(p => p.Name));
        }
        Assert.Contains("Observation:patient", rest.Resource.Single(r => r.Type == "Observation").SearchInclude);
        Assert.Contains("CareTeam:participant", rest.Resource.Single(r => r.Type == "CareTeam").SearchInclude);
        Assert.Contains("Appointment:patient", rest.Resource.Single(r => r.Type == "Appointment").SearchInclude);
        var patient = rest.Resource.Single(r => r.Type == "Patient");
        foreach (var reverse in new[] { "EpisodeOfCare:patient", "Observation:patient", "Condition:patient", "CareTeam:patient", "Coverage:patient" })
            Assert.Contains(reverse, patient.SearchRevInclude);
        Assert.Contains("PractitionerRole:practitioner", rest.Resource.Single(r => r.Type == "Practitioner").SearchRevInclude);
        // Bulk Data $export at system, Patient and Group level, and no other operation.
        Assert.Equal(["http://hl7.org/fhir/uv/bulkdata/OperationDefinition/export"], rest.Operation.Select(o => o.Definition));
        Assert.Equal(["http://hl7.org/fhir/uv/bulkdata/OperationDefinition/patient-export"], patient.Operation.Select(o => o.Definition));
        Assert.Equal(["http://hl7.org/fhir/uv/bulkdata/OperationDefinition/group-export"], rest.Resource.Single(r => r.Type == "Group").Operation.Select(o => o.Definition));
        Assert.All(rest.Resource.Where(r => r.Type is not ("Patient" or "Group")), r => Assert.Empty(r.Operation));
    }

    [Fact]
    public async Task Every_served_parameter_in_the_statement_is_accepted_in_strict_mode()
    {
        var admin = await app.ApiAsync(Roles.Administrator);
        var statement = await ReadAsync<CapabilityStatement>(await admin.GetAsync("/fhir/metadata"));
        foreach (var resource in statement.Rest[0].Resource)
            foreach (var parameter in resource.SearchParam)
            {
                var value = parameter.Type switch { SearchParamType.Date => "ge2000-01-01", SearchParamType.Reference => $"Patient/{Guid.NewGuid()}", _ => "x" };
                var request = new HttpRequestMessage(HttpMethod.Get, $"/fhir/{resource.Type}?{parameter.Name}={Uri.EscapeDataString(value)}");
                request.Headers.Add("Prefer", "handling=strict");
                await ReadAsync<Bundle>(await admin.SendAsync(request));
            }
    }

    [Fact]
    public async Task Errors_are_operation_outcomes_with_4xx()
    {
        var clinician = await app.ApiAsync(Roles.Clinician);
        await OutcomeAsync(await clinician.GetAsync($"/fhir/Patient/{Guid.NewGuid()}"), 404);
        await OutcomeAsync(await clinician.GetAsync("/fhir/Patient/not-a-guid"), 404);
        var unknownType = await OutcomeAsync(await clinician.GetAsync("/fhir/patient"), 404);
        Assert.Contains("Patient", unknownType.Issue[0].Diagnostics);
        await OutcomeAsync(await clinician.GetAsync("/fhir/Patient/a/b/c/d"), 404);

        var strict = new HttpRequestMessage(HttpMethod.Get, "/fhir/Patient?colour=blue");
        strict.Headers.Add("Prefer", "handling=strict");
        var unknownParameter = await OutcomeAsync(await clinician.SendAsync(strict), 400);
        Assert.Contains("colour", unknownParameter.Issue[0].Diagnostics);
        var lenient = await ReadAsync<Bundle>(await clinician.GetAsync("/fhir/Patient?colour=blue&_count=1"));
        Assert.DoesNotContain("colour", lenient.Link.Single(l => l.Relation == "self").Url);

        await OutcomeAsync(await clinician.GetAsync("/fhir/Patient?_count=abc"), 400);
        await OutcomeAsync(await clinician.GetAsync("/fhir/Patient?_count=1000"), 400);
        await OutcomeAsync(await clinician.GetAsync("/fhir/Observation?date=yesterday"), 400);
        await OutcomeAsync(await clinician.GetAsync("/fhir/Observation?_lastUpdated=ne2020-01-01"), 400);
        await OutcomeAsync(await clinician.GetAsync("/fhir/Patient?_summary=text"), 400);
        await OutcomeAsync(await clinician.GetAsync("/fhir/Patient?_format=xml"), 400);
    }

    [Fact]
    public async Task Bad_bodies_are_told_apart_and_the_server_is_read_only()
    {
        var clinician = await app.ApiAsync(Roles.Clinician);
        var invalid = await OutcomeAsync(await Post(clinician, "/fhir/Patient", "{\"resourceType\": \"Patient\", "), 400);
        Assert.Contains("JSON", invalid.Issue[0].Diagnostics);
        await OutcomeAsync(await Post(clinician, "/fhir/Patient", "{\"resourceType\": \"Patient\", \"colour\": \"blue\"}"), 400);
        await OutcomeAsync(await Post(clinician, "/fhir/Patient", "{\"resourceType\": \"Spaceship\"}"), 400);
        var wrongType = await OutcomeAsync(await Post(clinician, "/fhir/Patient", "{\"resourceType\": \"Observation\", \"status\": \"final\", \"code\": {\"text\": \"x\"}}"), 400);
        Assert.Contains("Observation", wrongType.Issue[0].Diagnostics);
        var readOnly = await Post(clinician, "/fhir/Condition", "{\"resourceType\": \"Condition\", \"subject\": {\"reference\": \"Patient/1\"}}");
        await OutcomeAsync(readOnly, 405);
        Assert.Equal("GET", string.Join(",", readOnly.Content.Headers.Allow));
        await OutcomeAsync(await clinician.DeleteAsync($"/fhir/Patient/{Guid.NewGuid()}"), 405);
        await using var s = app.Db();
        Assert.False(await s.Context.Participants.AnyAsync(p => p.LegalLastName == "Spaceship"));
    }

    [Fact]
    public async Task Signing_in_and_roles_are_answered_as_operation_outcomes()
    {
        await OutcomeAsync(await app.Anonymous().GetAsync("/fhir/Patient"), 401);
        var forged = app.Anonymous();
        forged.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token");
        await OutcomeAsync(await forged.GetAsync("/fhir/Patient"), 401);
        // Billing reads who a participant is and their coverage, never clinical content.
        var billing = await app.ApiAsync(Roles.Billing);
        await ReadAsync<Bundle>(await billing.GetAsync("/fhir/Patient?_count=1"));
        await ReadAsync<Bundle>(await billing.GetAsync("/fhir/Coverage?_count=1"));
        foreach (var clinical in new[] { "Condition", "Observation", "QuestionnaireResponse", "CarePlan", "Encounter", "EpisodeOfCare", "Flag", "DocumentReference", "CareTeam", "Consent", "AllergyIntolerance", "MedicationStatement", "Appointment" })
            await OutcomeAsync(await billing.GetAsync($"/fhir/{clinical}"), 403);
        var intake = await app.ApiAsync(Roles.IntakeCoordinator);
        await OutcomeAsync(await intake.GetAsync("/fhir/Condition"), 403);
        await ReadAsync<Bundle>(await intake.GetAsync("/fhir/Patient?_count=1"));
    }

    [Fact]
    public async Task A_read_is_audited_before_it_is_returned()
    {
        var participant = await Demo.ParticipantInAsync(app, Demo.MentalHealth);
        var clinician = await app.ApiAsync(Roles.Clinician);
        var patient = await ReadAsync<Patient>(await clinician.GetAsync($"/fhir/Patient/{participant.Id}"));
        Assert.Equal(participant.Id.ToString(), patient.Id);
        var bundle = await ReadAsync<Bundle>(await clinician.GetAsync($"/fhir/Observation?patient={participant.Id}&_include=Observation:patient"));
        await using var s = app.Db();
        var reads = await s.Context.AuditEntries.Where(a => a.ParticipantId == participant.Id && a.Action == "Read").ToListAsync();
        Assert.Contains(reads, a => a.RecordType == "Participant" && a.Detail == "FHIR read" && a.UserName == DemoSeeder.EmailFor(Roles.Clinician));
        Assert.Contains(reads, a => a.RecordType == "Participant" && a.Detail == "FHIR search");
        foreach (var observation in bundle.Entry.Where(e => e.Resource is Observation))
            Assert.Contains(reads, a => a.RecordType == "InstrumentAdministration" && a.RecordId == observation.Resource!.Id);
    }

    [Fact]
    public async Task Versions_are_etags_and_a_conditional_read_answers_304()
    {
        var participant = await Demo.ParticipantInAsync(app, Demo.MentalHealth);
        var clinician = await app.ApiAsync(Roles.Clinician);
        var response = await clinician.GetAsync($"/fhir/Patient/{participant.Id}");
        var patient = await ReadAsync<Patient>(response);
        Assert.Equal(participant.Version.ToString(), patient.Meta!.VersionId);
        Assert.Equal($"W/\"{participant.Version}\"", response.Headers.ETag?.ToString());
        var again = new HttpRequestMessage(HttpMethod.Get, $"/fhir/Patient/{participant.Id}");
        again.Headers.TryAddWithoutValidation("If-None-Match", response.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.NotModified, (await clinician.SendAsync(again)).StatusCode);
        var stale = new HttpRequestMessage(HttpMethod.Get, $"/fhir/Patient/{participant.Id}");
        stale.Headers.TryAddWithoutValidation("If-None-Match", $"W/\"{participant.Version + 1}\"");
        await ReadAsync<Patient>(await clinician.SendAsync(stale));
    }

    [Fact]
    public async Task Status_date_and_code_parameters_narrow_the_results()
    {
        var admin = await app.ApiAsync(Roles.Administrator);
        var finished = await AllAsync(admin, "/fhir/Encounter?status=finished&_count=100&_lastUpdated=ge2000");
        Assert.NotEmpty(finished);
        Assert.All(finished, r => Assert.Equal(Encounter.EncounterStatus.Finished, ((Encounter)r).Status));
        var both = await ReadAsync<Bundle>(await admin.GetAsync("/fhir/EpisodeOfCare?status=active,finished&_summary=count"));
        var active = await ReadAsync<Bundle>(await admin.GetAsync("/fhir/EpisodeOfCare?status=active&_summary=count"));
        var ended = await ReadAsync<Bundle>(await admin.GetAsync("/fhir/EpisodeOfCare?status=finished&_summary=count"));
        Assert.Equal(both.Total, active.Total + ended.Total);
        Assert.True(active.Total > 0 && ended.Total > 0);
        var future = await ReadAsync<Bundle>(await admin.GetAsync("/fhir/Observation?date=gt2999-01-01&_summary=count"));
        Assert.Equal(0, future.Total);
        var gad7 = await AllAsync(admin, "/fhir/Observation?code=70274-6&_count=100");
        Assert.NotEmpty(gad7);
        Assert.All(gad7, r => Assert.Equal("70274-6", ((Observation)r).Code.Coding[0].Code));
    }

    private static Task<HttpResponseMessage> Post(HttpClient client, string url, string body) =>
        client.PostAsync(url, new StringContent(body, Encoding.UTF8, FhirJson.MediaType));
}
