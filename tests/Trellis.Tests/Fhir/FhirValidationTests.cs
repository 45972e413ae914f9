using Firely.Fhir.Validation;
using Hl7.Fhir.Model;
using Hl7.Fhir.Specification.Source;
using Hl7.Fhir.Specification.Terminology;
using Trellis.Tests.Support;
using Trellis.Web.Features.Auth;
using static Trellis.Tests.Fhir.FhirTesting;
using Task = System.Threading.Tasks.Task;

namespace Trellis.Tests.Fhir;

/// <summary>
/// Issue 12: every resource Trellis returns for the demo data validates against base R4 with Firely's
/// validator (the R4 specification.zip shipped by Hl7.Fhir.Specification.Data.R4, read offline).
/// </summary>
[Long]
public class FhirValidationTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    /// <summary>The base R4 validator (shared with the $export tests).</summary>
    internal static readonly Lazy<Validator> validator = new(() =>
    {
        var source = new CachedResolver(ZipSource.CreateValidationSource());
        return new Validator(source, LocalTerminologyService.CreateDefaultForCore(source));
    });

    [Fact]
    public async Task Every_resource_of_the_demo_validates_against_base_R4()
    {
        var admin = await app.ApiAsync(Roles.Administrator);
        var statement = await ReadAsync<CapabilityStatement>(await admin.GetAsync("/fhir/metadata"));
        var problems = new List<string>();
        var checkedCount = 0;
        Check(statement, problems);
        var part2 = await Demo.ParticipantInAsync(app, Demo.SubstanceUse, Web.Features.Participants.ParticipantStatus.Active);
        var mentalHealth = await Demo.ParticipantInAsync(app, Demo.MentalHealth, Web.Features.Participants.ParticipantStatus.Active);
        foreach (var type in statement.Rest[0].Resource.Select(r => r.Type))
        {
            // The first page of each type, and everything of one participant in each program (Part 2 labels included).
            var bundle = await ReadAsync<Bundle>(await admin.GetAsync($"/fhir/{type}?_count=100"));
            Check(bundle, problems);
            var resources = bundle.Entry.Select(e => e.Resource!).ToList();
            if (type != "Questionnaire")
                foreach (var who in new[] { part2.Id, mentalHealth.Id })
                    resources.AddRange(await AllAsync(admin, type == "Patient" ? $"/fhir/Patient?_id={who}" : $"/fhir/{type}?patient={who}&_count=100"));
            Assert.True(resources.Count > 0, $"the demo has no {type} to validate");
            foreach (var resource in resources) { Check(resource, problems); checkedCount++; }
        }
        Assert.True(checkedCount > 100, $"only {checkedCount} resources were validated");
        Assert.True(problems.Count == 0, $"{problems.Count} resource(s) do not validate:\n" + string.Join("\n", problems.Take(30)));
    }

    internal static void Check(Resource resource, List<string> problems)
    {
        var outcome = validator.Value.Validate(resource);
        foreach (var issue in outcome.Issue.Where(i => i.Severity is OperationOutcome.IssueSeverity.Error or OperationOutcome.IssueSeverity.Fatal))
            problems.Add($"{resource.TypeName}/{resource.Id}: {issue.Details?.Text ?? issue.Diagnostics} at {string.Join(",", issue.Expression)}");
    }
}
