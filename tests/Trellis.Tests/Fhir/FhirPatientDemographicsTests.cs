using System.Text;
using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;
using Microsoft.EntityFrameworkCore;
using Trellis.Tests.Support;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Fhir;
using Trellis.Web.Features.Fhir.Resources;
using Trellis.Web.Features.Participants;
using static Trellis.Tests.Fhir.FhirTesting;
using Gender = Hl7.Fhir.Model.AdministrativeGender;
using Kept = Trellis.Web.Features.Participants.AdministrativeGender;
using Task = System.Threading.Tasks.Task;

namespace Trellis.Tests.Fhir;

/// <summary>
/// Patient.gender, Patient.communication (the preferred language, urn:ietf:bcp:47) and patient-interpreterRequired: written,
/// read back, searched by gender (token), left out when not recorded, refused with the FHIR path when unreadable; every
/// Patient answered valid against base R4.
/// </summary>
public class FhirPatientDemographicsTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    private static string Unique(string stem) => stem + Guid.NewGuid().ToString("N")[..8];

    private static Patient Person(string family, Guid program, Gender? gender, string? language, bool interpreter = false)
    {
        var patient = new Patient
        {
            Name = [new HumanName { Use = HumanName.NameUse.Official, Family = family, Given = ["Marisol"] }],
            BirthDate = "1979-06-02",
            Gender = gender,
            Extension = [new Extension(PatientFields.ProgramExtension, new ResourceReference($"HealthcareService/{program}"))],
        };
        if (language is not null)
            patient.Communication.Add(new Patient.CommunicationComponent { Language = new CodeableConcept(Languages.System, language), Preferred = true });
        if (interpreter) patient.Extension.Add(new Extension(PatientFields.InterpreterRequired, new FhirBoolean(true)));
        return patient;
    }

    private static StringContent Body(string json) => new(json, Encoding.UTF8, FhirJson.MediaType);

    private static void Valid(Resource resource)
    {
        var problems = new List<string>();
        FhirValidationTests.Check(resource, problems);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task Gender_and_the_preferred_language_are_written_read_and_updated()
    {
        var admin = await app.ApiAsync(Roles.Administrator);
        var client = new FhirClient(new Uri(admin.BaseAddress!, "/fhir"), admin, new FhirClientSettings { PreferredFormat = ResourceFormat.Json });
        var program = await Demo.ProgramIdAsync(app, Demo.MentalHealth);

        var created = (await client.CreateAsync(Person(Unique("Quintanilla"), program, Gender.Female, "es", interpreter: true)))!;
        Valid(created);
        Assert.Equal(Gender.Female, created.Gender);
        var communication = Assert.Single(created.Communication);
        Assert.True(communication.Preferred);
        var coding = Assert.Single(communication.Language.Coding);
        Assert.Equal((Languages.System, "es", "Spanish"), (coding.System, coding.Code, coding.Display));
        Assert.Equal(true, Assert.IsType<FhirBoolean>(created.GetExtension(PatientFields.InterpreterRequired)?.Value).Value);
        await using (var s = app.Db())
        {
            var p = await s.Context.Participants.SingleAsync(x => x.Id == Guid.Parse(created.Id!));
            Assert.Equal((Kept.Female, "es", true), (p.AdministrativeGender, p.PreferredLanguage, p.InterpreterNeeded));
        }

        // Update: another gender, a region-tagged language, no interpreter; then none at all (an update replaces).
        created.Gender = Gender.Other;
        created.Communication = [new Patient.CommunicationComponent { Language = new CodeableConcept(Languages.System, "zh-hant"), Preferred = true }];
        created.RemoveExtension(PatientFields.InterpreterRequired);
        var updated = (await client.UpdateAsync(created, versionAware: true))!;
        Valid(updated);
        Assert.Equal(Gender.Other, updated.Gender);
        Assert.Equal("zh-Hant", updated.Communication.Single().Language.Coding.Single().Code);
        Assert.Null(updated.GetExtension(PatientFields.InterpreterRequired));

        updated.Gender = null;
        updated.Communication = [];
        var bare = (await client.UpdateAsync(updated, versionAware: true))!;
        Valid(bare);
        // Not recorded is left out, never sent as "unknown".
        Assert.Null(bare.Gender);
        Assert.Empty(bare.Communication);
        var read = (await client.ReadAsync<Patient>($"Patient/{bare.Id}"))!;
        Assert.Null(read.GenderElement);
    }

    [Fact]
    public async Task An_unknown_gender_or_language_is_an_outcome_naming_its_path_and_saves_nothing()
    {
        var admin = await app.ApiAsync(Roles.Administrator);
        var program = await Demo.ProgramIdAsync(app, Demo.MentalHealth);
        var family = Unique("Ungendered");

        var robot = FhirJson.Serialize(Person(family, program, Gender.Female, null)).Replace("\"gender\":\"female\"", "\"gender\":\"robot\"");
        Assert.Contains("robot", robot);
        var badGender = await OutcomeAsync(await admin.PostAsync("/fhir/Patient", Body(robot)), 400);
        Assert.Contains(badGender.Issue, i => i.Expression.Contains("Patient.gender") && (i.Diagnostics ?? "").Contains("robot"));

        var klingon = await ReadAsync<OperationOutcome>(await admin.PostAsync("/fhir/Patient", Body(FhirJson.Serialize(Person(family, program, Gender.Male, "tlh")))), 400);
        Assert.Equal("Patient.communication[0].language", klingon.Issue.Single().Expression.Single());

        var noLanguage = await ReadAsync<OperationOutcome>(await admin.PostAsync("/fhir/Patient", Body(FhirJson.Serialize(Person(family, program, Gender.Male, null, interpreter: true)))), 400);
        Assert.Equal("Patient.communication.language", noLanguage.Issue.Single().Expression.Single());

        await using var s = app.Db();
        Assert.Equal(0, await s.Context.Participants.IgnoreQueryFilters().CountAsync(p => p.LegalLastName == family));
    }

    [Fact]
    public async Task Patients_are_searched_by_gender()
    {
        var admin = await app.ApiAsync(Roles.Administrator);
        var females = await AllAsync(admin, "/fhir/Patient?gender=female&_count=100");
        Assert.NotEmpty(females);
        Assert.All(females, r => Assert.Equal(Gender.Female, ((Patient)r).Gender));
        Valid(females[0]);
        var system = await ReadAsync<Bundle>(await admin.GetAsync($"/fhir/Patient?gender={Uri.EscapeDataString(PatientFields.GenderSystem + "|female")}&_summary=count"));
        Assert.Equal(females.Count, system.Total);

        var either = await ReadAsync<Bundle>(await admin.GetAsync("/fhir/Patient?gender=female,male&_summary=count"));
        var males = await ReadAsync<Bundle>(await admin.GetAsync("/fhir/Patient?gender=male&_summary=count"));
        Assert.Equal(females.Count + males.Total, either.Total);
        int recorded;
        await using (var s = app.Db())
            recorded = await s.Context.Participants.CountAsync(p => p.AdministrativeGender == Kept.Female || p.AdministrativeGender == Kept.Male);
        Assert.Equal(recorded, either.Total);

        // Spanish speakers who need an interpreter are in the demo, and their Patient says so.
        List<string?> languages;
        await using (var s = app.Db())
            languages = await s.Context.Participants.Where(p => p.InterpreterNeeded).Select(p => p.PreferredLanguage).ToListAsync();
        Assert.True(languages.Count(l => l == "es") >= 2, $"interpreters for: {string.Join(", ", languages)}");
        var anyone = await AllAsync(admin, "/fhir/Patient?_count=100");
        Assert.Contains(anyone, r => r is Patient p && p.Communication.Any(c => c.Language.Coding.Any(x => x.Code == "es")) && p.GetExtension(PatientFields.InterpreterRequired) is not null);

        // A code or system outside the value set matches nobody, as every coded token search here does (status, active).
        Assert.Equal(0, (await ReadAsync<Bundle>(await admin.GetAsync("/fhir/Patient?gender=robot&_summary=count"))).Total);
        Assert.Equal(0, (await ReadAsync<Bundle>(await admin.GetAsync($"/fhir/Patient?gender={Uri.EscapeDataString("http://example.org/genders|female")}&_summary=count"))).Total);

        var statement = await ReadAsync<CapabilityStatement>(await app.Anonymous().GetAsync("/fhir/metadata"));
        var gender = statement.Rest[0].Resource.Single(r => r.Type == "Patient").SearchParam.Single(p => p.Name == "gender");
        Assert.Equal(SearchParamType.Token, gender.Type);
    }
}
