using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;
using Trellis.Tests.Support;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Participants;
using Task = System.Threading.Tasks.Task;

namespace Trellis.Tests.Fhir;

/// <summary>Issue 12: round trips with Firely's FhirClient: read, search paging, includes, conditional read, the LOINC totals.</summary>
public class FhirClientTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    private async Task<FhirClient> ClientAsync(string role)
    {
        var http = await app.ApiAsync(role);
        return new FhirClient(new Uri(http.BaseAddress!, "/fhir"), http, new FhirClientSettings { PreferredFormat = ResourceFormat.Json });
    }

    [Fact]
    public async Task Read_search_paging_and_includes_round_trip()
    {
        var client = await ClientAsync(Roles.Clinician);
        var participant = await Demo.ParticipantInAsync(app, Demo.MentalHealth, ParticipantStatus.Active);
        var patient = await client.ReadAsync<Patient>($"Patient/{participant.Id}");
        Assert.Equal(participant.Mrn, patient!.Identifier.Single().Value);
        Assert.Equal(participant.LegalLastName, patient.Name[0].Family);

        var first = await client.SearchAsync<Observation>(new SearchParams().Where($"patient={participant.Id}").LimitTo(2).Include("Observation:patient"));
        Assert.NotNull(first);
        Assert.True(first!.Total > 2, $"the demo participant has {first.Total} observations; paging needs more than 2");
        var seen = new List<string>();
        for (var page = first; page is not null; page = await client.ContinueAsync(page))
        {
            var matches = page.Entry.Where(e => e.Search!.Mode == Bundle.SearchEntryMode.Match).ToList();
            Assert.InRange(matches.Count, 1, 2);
            seen.AddRange(matches.Select(e => e.Resource!.Id!));
            var included = Assert.Single(page.Entry, e => e.Search!.Mode == Bundle.SearchEntryMode.Include);
            Assert.Equal(participant.Id.ToString(), included.Resource!.Id);
        }
        Assert.Equal(first.Total, seen.Count);
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }

    [Fact]
    public async Task Conditional_read_answers_not_modified_for_the_current_version()
    {
        var client = await ClientAsync(Roles.Clinician);
        var participant = await Demo.ParticipantInAsync(app, Demo.MentalHealth, ParticipantStatus.Active);
        var location = $"Patient/{participant.Id}";
        var patient = await client.ReadAsync<Patient>(location);
        var notModified = await Assert.ThrowsAsync<FhirOperationException>(() => client.ReadAsync<Patient>(location, ifNoneMatch: $"W/\"{patient!.Meta!.VersionId}\""));
        Assert.Equal(System.Net.HttpStatusCode.NotModified, notModified.Status);
        Assert.NotNull(await client.ReadAsync<Patient>(location, ifNoneMatch: "W/\"999999\""));
    }

    [Fact]
    public async Task Instrument_totals_carry_their_loinc_codes_and_link_to_the_answers()
    {
        var client = await ClientAsync(Roles.Clinician);
        foreach (var (loinc, instrument) in new[] { ("44261-6", "phq-9"), ("70274-6", "gad-7") })
        {
            var bundle = await client.SearchAsync<Observation>(new SearchParams().Where($"code=http://loinc.org|{loinc}").Where("category=survey").LimitTo(5));
            Assert.True(bundle!.Total > 0, $"no {instrument} totals in the demo");
            foreach (var observation in bundle.Entry.Select(e => (Observation)e.Resource!))
            {
                Assert.Equal(loinc, observation.Code.Coding.Single().Code);
                Assert.Equal("survey", observation.Category.Single().Coding.Single().Code);
                Assert.IsType<Quantity>(observation.Value);
                var answers = await client.ReadAsync<QuestionnaireResponse>(observation.DerivedFrom.Single().Reference!);
                Assert.EndsWith($"/Questionnaire/{instrument}", answers!.Questionnaire);
                Assert.Equal(observation.Subject!.Reference, answers.Subject!.Reference);
            }
            var questionnaire = await client.ReadAsync<Questionnaire>($"Questionnaire/{instrument}");
            Assert.Equal(instrument == "phq-9" ? 10 : 7, questionnaire!.Item.Count);
        }
    }
}
