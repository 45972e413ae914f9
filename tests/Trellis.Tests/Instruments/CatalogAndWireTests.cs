using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Trellis.Web.Features.Instruments;
using static Trellis.Tests.Instruments.Answers;

namespace Trellis.Tests.Instruments;

/// <summary>The catalog, the result's wire names, and the endpoint handlers called directly (no HTTP).</summary>
[Trait("Category", "Unit")]
public class CatalogAndWireTests
{
    [Fact]
    public void Catalog_holds_the_six_instruments_by_code_whatever_the_case()
    {
        Assert.Equal(["phq-9", "gad-7", "audit-c", "dast-10", "c-ssrs-screener", "pcl-5"], InstrumentCatalog.All.Select(d => d.Code));
        Assert.Same(InstrumentCatalog.Get("phq-9"), InstrumentCatalog.Get(" PHQ-9 "));
        Assert.Null(InstrumentCatalog.Get("phq9"));
        Assert.Null(InstrumentCatalog.Get(null));
    }

    [Fact]
    public void Every_item_is_numbered_in_order_with_text_and_options()
    {
        Assert.All(InstrumentCatalog.All, d =>
        {
            Assert.Equal(Enumerable.Range(1, d.Items.Count), d.Items.Select(i => i.Number));
            Assert.All(d.Items, i => Assert.False(string.IsNullOrWhiteSpace(i.Text)));
            Assert.All(d.Items, i => Assert.True(i.Options.Count >= 2));
        });
    }

    [Fact]
    public void Result_uses_the_snake_case_wire_names_even_under_the_apps_camelCase_options()
    {
        var result = Score("pcl-5", Numbers(Enumerable.Repeat(2, 20)));
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);

        using var json = JsonDocument.Parse(JsonSerializer.Serialize(result, options));
        var names = json.RootElement.EnumerateObject().Select(p => p.Name).ToList();

        Assert.Equal(["instrument", "total", "max_total", "band", "positive", "risk", "provisional_ptsd", "above_cutoff", "flags",
            "panel_loinc", "total_loinc", "explanation", "clinician_interpretation"], names);
        Assert.Equal(JsonValueKind.True, json.RootElement.GetProperty("provisional_ptsd").ValueKind);
        Assert.Equal(JsonValueKind.Array, json.RootElement.GetProperty("flags").ValueKind);
    }

    [Fact]
    public void Option_values_are_what_a_client_sends_back()
    {
        var definition = InstrumentCatalog.Get("dast-10")!;
        var answers = definition.ScoredItems.Select(i => i.Options.Single(o => o.Label == "Yes").Value).ToArray();

        Assert.Equal(9, Score("dast-10", answers).Total);
        var json = JsonSerializer.Serialize(definition.Items[0].Options[0], new JsonSerializerOptions(JsonSerializerDefaults.Web));
        Assert.Equal("{\"label\":\"Yes\",\"value\":true,\"points\":1,\"loinc\":null}", json);
    }

    [Fact]
    public void Handler_scores_a_valid_request()
    {
        var request = new ScoreRequest(JsonSerializer.SerializeToElement(new[] { 1, 1, 1 }), JsonSerializer.SerializeToElement("male"));

        var ok = Assert.IsType<Ok<InstrumentResult>>(InstrumentsApi.Score("audit-c", request).Result);

        Assert.Equal((3, false), (ok.Value!.Total, ok.Value.Positive));
    }

    [Fact]
    public void Handler_answers_404_naming_the_known_codes_for_an_unknown_instrument()
    {
        var problem = Assert.IsType<ProblemHttpResult>(InstrumentsApi.Score("bdi-2", null).Result);

        Assert.Equal(404, problem.StatusCode);
        Assert.Contains("phq-9, gad-7, audit-c, dast-10, c-ssrs-screener, pcl-5", problem.ProblemDetails.Detail);
        Assert.IsType<ProblemHttpResult>(InstrumentsApi.Get("bdi-2").Result);
        Assert.IsType<Ok<InstrumentDefinition>>(InstrumentsApi.Get("GAD-7").Result);
    }

    [Theory]
    [InlineData(null, "body")]
    [InlineData("{}", "answers")]
    [InlineData("{\"answers\": null}", "answers")]
    [InlineData("{\"answers\": 3}", "answers")]
    [InlineData("{\"answers\": \"0,0,0\"}", "answers")]
    [InlineData("{\"answers\": {\"0\": 1}}", "answers")]
    [InlineData("{\"answers\": [0, 0, 0]}", "sex")]
    [InlineData("{\"answers\": [0, 0, 0], \"sex\": 1}", "sex")]
    [InlineData("{\"answers\": [0, 0, 0], \"sex\": {}}", "sex")]
    public void Handler_answers_a_validation_problem_for_a_body_it_cannot_score(string? body, string key)
    {
        var request = body is null ? null : JsonSerializer.Deserialize<ScoreRequest>(body, new JsonSerializerOptions(JsonSerializerDefaults.Web));

        var problem = Assert.IsType<ValidationProblem>(InstrumentsApi.Score("audit-c", request).Result);

        Assert.Equal(400, problem.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace(Assert.Single(problem.ProblemDetails.Errors[key])));
    }
}
