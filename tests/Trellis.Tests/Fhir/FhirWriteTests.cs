using System.Text;
using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;
using Microsoft.EntityFrameworkCore;
using Trellis.Tests.Support;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Fhir;
using Trellis.Web.Features.Participants;
using static Trellis.Tests.Fhir.FhirTesting;
using Task = System.Threading.Tasks.Task;

namespace Trellis.Tests.Fhir;

/// <summary>
/// Issue 12: POST QuestionnaireResponse scores on the server through the chart's path: the Observation of the same id,
/// a Flag for a positive suicide-risk item, and nothing saved for answers that cannot be scored or a chart out of scope.
/// </summary>
public class FhirWriteTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    private static QuestionnaireResponse Phq9(Guid participantId, int each, int itemNine, string? authored = null)
    {
        var response = new QuestionnaireResponse
        {
            Questionnaire = "http://localhost/fhir/Questionnaire/phq-9",
            Status = QuestionnaireResponse.QuestionnaireResponseStatus.Completed,
            Subject = new ResourceReference($"Patient/{participantId}"),
            Authored = authored,
        };
        for (var i = 1; i <= 9; i++)
            response.Item.Add(new QuestionnaireResponse.ItemComponent
            {
                LinkId = i.ToString(),
                Answer = [new QuestionnaireResponse.AnswerComponent { Value = new Integer(i == 9 ? itemNine : each) }],
            });
        return response;
    }

    private static StringContent Body(Resource resource) => new(FhirJson.Serialize(resource), Encoding.UTF8, FhirJson.MediaType);

    private async Task<int> AdministrationsAsync(Guid participantId)
    {
        await using var s = app.Db();
        return await s.Context.InstrumentAdministrations.CountAsync(a => a.ParticipantId == participantId);
    }

    [Fact]
    public async Task A_posted_PHQ9_is_scored_into_the_chart_and_a_positive_item_nine_raises_the_flag()
    {
        Guid someone;
        await using (var s = app.Db())
            someone = await s.Context.Participants.Where(p => p.Program!.Name == Demo.MentalHealth && p.Status == ParticipantStatus.Active
                && !s.Context.Set<Web.Features.Risk.RiskFlag>().Any(f => f.ParticipantId == p.Id)).OrderBy(p => p.Id).Select(p => p.Id).FirstAsync();
        var clinician = await app.ApiAsync(Roles.Clinician);
        var response = await clinician.PostAsync("/fhir/QuestionnaireResponse", Body(Phq9(someone, each: 2, itemNine: 1)));
        var created = await ReadAsync<QuestionnaireResponse>(response, 201);
        Assert.Equal($"http://localhost/fhir/QuestionnaireResponse/{created.Id}/_history/{created.Meta!.VersionId}", response.Headers.Location?.ToString());
        Assert.Equal(9, created.Item.Count);

        var observation = await ReadAsync<Observation>(await clinician.GetAsync($"/fhir/Observation/{created.Id}"));
        Assert.Equal("44261-6", observation.Code.Coding[0].Code);
        Assert.Equal(17m, ((Quantity)observation.Value!).Value);
        Assert.Equal($"Patient/{someone}", observation.Subject!.Reference);
        var flags = await AllAsync(clinician, $"/fhir/Flag?patient={someone}&status=active");
        var flag = Assert.IsType<Flag>(Assert.Single(flags));
        Assert.Contains("Suicide risk", flag.Code.Text);
        await using (var s = app.Db())
        {
            var raised = await s.Context.Set<Web.Features.Risk.RiskFlag>().SingleAsync(f => f.ParticipantId == someone);
            Assert.Equal(Guid.Parse(created.Id!), raised.SourceId);
            Assert.True(await s.Context.AuditEntries.AnyAsync(a => a.RecordId == created.Id && a.Action == "Create"));
        }

        // The same through Firely's client: a GAD-7 with LOINC answer codes, no risk item.
        var client = new FhirClient(new Uri(clinician.BaseAddress!, "/fhir"), clinician, new FhirClientSettings { PreferredFormat = ResourceFormat.Json });
        var gad7 = new QuestionnaireResponse
        {
            Questionnaire = "http://localhost/fhir/Questionnaire/gad-7",
            Status = QuestionnaireResponse.QuestionnaireResponseStatus.Completed,
            Subject = new ResourceReference($"Patient/{someone}"),
        };
        var questionnaire = (await client.ReadAsync<Questionnaire>("Questionnaire/gad-7"))!;
        foreach (var item in questionnaire.Item.Where(i => i.AnswerOption.Count > 0 && i.Required == true))
            gad7.Item.Add(new QuestionnaireResponse.ItemComponent { LinkId = item.LinkId, Answer = [new QuestionnaireResponse.AnswerComponent { Value = item.AnswerOption[1].Value }] });
        var saved = (await client.CreateAsync(gad7))!;
        var score = (await client.ReadAsync<Observation>($"Observation/{saved.Id}"))!;
        Assert.Equal("70274-6", score.Code.Coding[0].Code);
        Assert.Equal(7m, ((Quantity)score.Value!).Value);
        Assert.Single(await AllAsync(clinician, $"/fhir/Flag?patient={someone}"));
    }

    [Fact]
    public async Task Answers_that_cannot_be_scored_and_charts_out_of_reach_save_nothing()
    {
        var mentalHealth = await Demo.ParticipantInAsync(app, Demo.MentalHealth, ParticipantStatus.Active);
        var part2 = await Demo.ParticipantInAsync(app, Demo.SubstanceUse, ParticipantStatus.Active);
        var clinician = await app.ApiAsync(Roles.Clinician);
        var before = await AdministrationsAsync(mentalHealth.Id);

        var outOfRange = await OutcomeAsync(await clinician.PostAsync("/fhir/QuestionnaireResponse", Body(Phq9(mentalHealth.Id, each: 7, itemNine: 0))), 400);
        Assert.Contains("item 1", outOfRange.Issue[0].Diagnostics);
        var wrong = Phq9(mentalHealth.Id, 1, 0);
        wrong.Item.Add(new QuestionnaireResponse.ItemComponent { LinkId = "42", Answer = [new QuestionnaireResponse.AnswerComponent { Value = new Integer(1) }] });
        Assert.Contains("42", (await OutcomeAsync(await clinician.PostAsync("/fhir/QuestionnaireResponse", Body(wrong)), 400)).Issue[0].Diagnostics);
        var draft = Phq9(mentalHealth.Id, 1, 0);
        draft.Status = QuestionnaireResponse.QuestionnaireResponseStatus.InProgress;
        await OutcomeAsync(await clinician.PostAsync("/fhir/QuestionnaireResponse", Body(draft)), 400);
        var unknown = Phq9(mentalHealth.Id, 1, 0);
        unknown.Questionnaire = "http://localhost/fhir/Questionnaire/bdi-ii";
        await OutcomeAsync(await clinician.PostAsync("/fhir/QuestionnaireResponse", Body(unknown)), 400);
        var future = Phq9(mentalHealth.Id, 1, 0, authored: "2999-01-01T00:00:00Z");
        await OutcomeAsync(await clinician.PostAsync("/fhir/QuestionnaireResponse", Body(future)), 400);
        Assert.Equal(before, await AdministrationsAsync(mentalHealth.Id));

        // Another program's chart is as absent as a missing one; a participant's and billing's roles do not give instruments.
        var beforePart2 = await AdministrationsAsync(part2.Id);
        await OutcomeAsync(await clinician.PostAsync("/fhir/QuestionnaireResponse", Body(Phq9(part2.Id, 1, 0))), 404);
        await OutcomeAsync(await clinician.PostAsync("/fhir/QuestionnaireResponse", Body(Phq9(Guid.NewGuid(), 1, 0))), 404);
        Assert.Equal(beforePart2, await AdministrationsAsync(part2.Id));
        var participant = await app.ApiAsync(Roles.Participant);
        await OutcomeAsync(await participant.PostAsync("/fhir/QuestionnaireResponse", Body(Phq9(mentalHealth.Id, 1, 0))), 403);
        await OutcomeAsync(await (await app.ApiAsync(Roles.Billing)).PostAsync("/fhir/QuestionnaireResponse", Body(Phq9(mentalHealth.Id, 1, 0))), 403);
        Assert.Equal(before, await AdministrationsAsync(mentalHealth.Id));

        // Only create: a PUT of a response is refused as every other write is.
        var put = await clinician.PutAsync($"/fhir/QuestionnaireResponse/{Guid.NewGuid()}", Body(Phq9(mentalHealth.Id, 1, 0)));
        await OutcomeAsync(put, 405);
        Assert.Equal("GET", string.Join(",", put.Content.Headers.Allow));
    }
}
