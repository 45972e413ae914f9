using System.Text.Json;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using Trellis.Tests.Support;
using Trellis.Web.Features.Fhir;

namespace Trellis.Tests.Fhir;

/// <summary>Reading /fhir answers in tests: resources through Firely's parser, with the status and content type checked.</summary>
public static class FhirTesting
{
    public static async Task<T> ReadAsync<T>(HttpResponseMessage response, int status = 200) where T : Resource
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"expected {status}, got {(int)response.StatusCode}: {body}");
        Assert.StartsWith(FhirJson.MediaType, response.Content.Headers.ContentType?.ToString() ?? "");
        return Assert.IsType<T>(JsonSerializer.Deserialize<Resource>(body, FhirJson.Options));
    }

    /// <summary>An OperationOutcome error with the status, whose issue says something a person can act on.</summary>
    public static async Task<OperationOutcome> OutcomeAsync(HttpResponseMessage response, int status)
    {
        var outcome = await ReadAsync<OperationOutcome>(response, status);
        var issue = Assert.Single(outcome.Issue);
        Assert.Equal(OperationOutcome.IssueSeverity.Error, issue.Severity);
        Assert.False(string.IsNullOrWhiteSpace(issue.Diagnostics));
        return outcome;
    }

    /// <summary>Every resource of a search, following next links to the end.</summary>
    public static async Task<List<Resource>> AllAsync(HttpClient client, string url, Bundle.SearchEntryMode mode = Bundle.SearchEntryMode.Match)
    {
        var found = new List<Resource>();
        for (string? next = url; next is not null;)
        {
            var bundle = await ReadAsync<Bundle>(await client.GetAsync(next));
            found.AddRange(bundle.Entry.Where(e => e.Search?.Mode == mode).Select(e => e.Resource!));
            next = bundle.Link.FirstOrDefault(l => l.Relation == "next")?.Url;
        }
        return found;
    }

    /// <summary>
    /// The resource types the server serves that are mapped from one chart's records, read by clinical staff (Coverage,
    /// read by billing and intake, and Appointment, whose group sessions belong to a track, have tests of their own).
    /// </summary>
    public static readonly string[] ChartTypes =
    [
        "Patient", "Condition", "Observation", "QuestionnaireResponse", "EpisodeOfCare", "Encounter", "CarePlan", "Flag", "AllergyIntolerance",
        "MedicationStatement", "CareTeam", "Consent", "DocumentReference",
    ];

    /// <summary>Chart types a participant does not read about themself (staff only): their role gets 403.</summary>
    public static readonly string[] StaffOnlyTypes = ["Condition", "Flag", "AllergyIntolerance", "MedicationStatement", "Consent"];

    /// <summary>
    /// What of a chart a participant reads, where it is less than the type holds: of DocumentReference, their discharge
    /// summaries and signed portal documents, never the notes.
    /// </summary>
    public static string ParticipantReads(string type) => type == "DocumentReference" ? "&type=18842-5,59284-0" : "";
}
