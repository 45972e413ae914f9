using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Trellis.Tests.Support;
using Trellis.Web.Features.Instruments;

namespace Trellis.Tests.Instruments;

/// <summary>
/// The public scoring API over HTTP: every instrument at every band boundary, and every kind of
/// bad input answered with a 400 ProblemDetails that names the item. Anonymous, stores nothing.
/// </summary>
public class InstrumentsApiTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    private async Task<JsonNode> ScoreAsync(string code, object body)
    {
        var response = await app.Anonymous().PostAsJsonAsync($"/api/instruments/{code}/score", body);
        var json = await Json.ReadAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{code}: {(int)response.StatusCode} {json.ToJsonString()}");
        return json;
    }

    private async Task<JsonNode> ProblemAsync(string code, string body, int status = 400)
    {
        var response = await app.Anonymous().PostAsync($"/api/instruments/{code}/score", new StringContent(body, Encoding.UTF8, "application/json"));
        return await Json.ProblemAsync(response, status);
    }

    /// <summary>Item points adding up to <paramref name="total"/>, filled from the first item.</summary>
    private static int[] Spread(int total, int count, int max) => Answers.Spread(total, count, max);

    public static TheoryData<string, int, int, int, string> NumberBands => new()
    {
        // instrument, items, max points per item, total, band
        { "phq-9", 9, 3, 0, "minimal" }, { "phq-9", 9, 3, 4, "minimal" }, { "phq-9", 9, 3, 5, "mild" }, { "phq-9", 9, 3, 9, "mild" },
        { "phq-9", 9, 3, 10, "moderate" }, { "phq-9", 9, 3, 14, "moderate" }, { "phq-9", 9, 3, 15, "moderately_severe" },
        { "phq-9", 9, 3, 19, "moderately_severe" }, { "phq-9", 9, 3, 20, "severe" }, { "phq-9", 9, 3, 27, "severe" },
        { "gad-7", 7, 3, 0, "minimal" }, { "gad-7", 7, 3, 4, "minimal" }, { "gad-7", 7, 3, 5, "mild" }, { "gad-7", 7, 3, 9, "mild" },
        { "gad-7", 7, 3, 10, "moderate" }, { "gad-7", 7, 3, 14, "moderate" }, { "gad-7", 7, 3, 15, "severe" }, { "gad-7", 7, 3, 21, "severe" },
    };

    [Theory]
    [MemberData(nameof(NumberBands))]
    public async Task Phq9_and_gad7_bands_at_every_boundary(string code, int items, int max, int total, string band)
    {
        // Points fill from item 1, so PHQ-9 item 9 is above 0 only at totals above 24.
        var json = await ScoreAsync(code, new { answers = Spread(total, items, max) });
        Assert.Equal(code, (string?)json["instrument"]);
        Assert.Equal(total, (int)json["total"]!);
        Assert.Equal(band, (string?)json["band"]);
        Assert.Equal(items * max, (int)json["max_total"]!);
        Assert.Equal(code == "phq-9" && total > 24, json["flags"]!.AsArray().Any(f => (string?)f == "suicide_risk"));
        Assert.NotNull((string?)json["total_loinc"]);
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(0, false)]
    [InlineData(3, true)]
    public async Task Phq9_item_9_above_0_flags_suicide_risk_whatever_the_total(int item9, bool flagged)
    {
        var json = await ScoreAsync("phq-9", new { answers = new[] { 0, 0, 0, 0, 0, 0, 0, 0, item9 } });
        Assert.Equal(item9, (int)json["total"]!);
        Assert.Equal(flagged, json["flags"]!.AsArray().Any(f => (string?)f == "suicide_risk"));
    }

    [Theory]
    [InlineData(0, "none")]
    [InlineData(1, "low")]
    [InlineData(2, "low")]
    [InlineData(3, "moderate")]
    [InlineData(5, "moderate")]
    [InlineData(6, "substantial")]
    [InlineData(8, "substantial")]
    [InlineData(9, "severe")]
    [InlineData(10, "severe")]
    public async Task Dast10_bands_at_every_boundary_with_item_3_reversed(int total, string band)
    {
        // Item 3 ("always able to stop") scores on No; the rest on Yes.
        var answers = new bool[10];
        answers[2] = total == 0;
        var others = new[] { 0, 1, 3, 4, 5, 6, 7, 8, 9 };
        for (var i = 0; i < total - 1; i++) answers[others[i]] = true;
        var json = await ScoreAsync("dast-10", new { answers });
        Assert.Equal(total, (int)json["total"]!);
        Assert.Equal(band, (string?)json["band"]);
    }

    [Fact]
    public async Task Dast10_all_no_scores_1()
    {
        var json = await ScoreAsync("dast-10", new { answers = new bool[10] });
        Assert.Equal((1, "low"), ((int)json["total"]!, (string?)json["band"]));
    }

    [Theory]
    [InlineData("female", 2, false)]
    [InlineData("female", 3, true)]
    [InlineData("male", 3, false)]
    [InlineData("male", 4, true)]
    [InlineData("female", 0, false)]
    [InlineData("male", 12, true)]
    [InlineData("Female", 3, true)]
    public async Task Auditc_cut_offs_differ_by_sex(string sex, int total, bool positive)
    {
        var json = await ScoreAsync("audit-c", new { answers = Spread(total, 3, 4), sex });
        Assert.Equal(total, (int)json["total"]!);
        Assert.Equal(positive, (bool)json["positive"]!);
        Assert.Null(json["band"]);
    }

    public static TheoryData<bool?[], string> CssrsLevels => new()
    {
        { [false, false, null, null, null, false, null], "none" },
        { [true, false, null, null, null, false, null], "low" },
        { [false, true, false, false, false, false, null], "low" },
        { [true, true, true, false, false, false, null], "moderate" },
        { [false, false, null, null, null, true, false], "moderate" },
        { [true, true, false, true, false, false, null], "high" },
        { [true, true, false, false, true, false, null], "high" },
        { [false, false, null, null, null, true, true], "high" },
    };

    [Theory]
    [MemberData(nameof(CssrsLevels))]
    public async Task Cssrs_risk_levels_and_flag_at_moderate_and_high(bool?[] answers, string risk)
    {
        var json = await ScoreAsync("c-ssrs-screener", new { answers });
        Assert.Equal(risk, (string?)json["risk"]);
        Assert.Null(json["total"]);
        Assert.Equal(risk is "moderate" or "high", json["flags"]!.AsArray().Any(f => (string?)f == "suicide_risk"));
    }

    [Theory]
    [InlineData(32, false)]
    [InlineData(33, true)]
    [InlineData(80, true)]
    [InlineData(0, false)]
    public async Task Pcl5_cut_point_is_33(int total, bool above)
    {
        var json = await ScoreAsync("pcl-5", new { answers = Spread(total, 20, 4) });
        Assert.Equal(total, (int)json["total"]!);
        Assert.Equal(above, (bool)json["above_cutoff"]!);
        Assert.Null(json["band"]);
    }

    [Fact]
    public async Task Pcl5_provisional_ptsd_needs_every_cluster_at_its_minimum()
    {
        // B 1 (item 1), C 1 (item 6), D 2 (items 8, 9), E 2 (items 15, 16), each rated 2: met with a low total.
        var met = new int[20];
        foreach (var i in new[] { 0, 5, 7, 8, 14, 15 }) met[i] = 2;
        var yes = await ScoreAsync("pcl-5", new { answers = met });
        Assert.True((bool)yes["provisional_ptsd"]!);
        Assert.False((bool)yes["above_cutoff"]!);

        // One short in cluster E, however high the rest: not met.
        var shortE = Enumerable.Repeat(4, 14).Concat([1, 1, 1, 1, 1, 2]).ToArray();
        var no = await ScoreAsync("pcl-5", new { answers = shortE });
        Assert.False((bool)no["provisional_ptsd"]!);
        Assert.True((bool)no["above_cutoff"]!);
    }

    [Fact]
    public async Task The_answer_uses_the_contracts_snake_case_names()
    {
        var json = await ScoreAsync("phq-9", new { answers = new int[9] });
        foreach (var name in new[] { "instrument", "total", "band", "flags", "panel_loinc", "total_loinc", "explanation", "clinician_interpretation" })
            Assert.True(json.AsObject().ContainsKey(name), name);
        Assert.Equal("44249-1", (string?)json["panel_loinc"]);
        Assert.Equal("44261-6", (string?)json["total_loinc"]);
    }

    [Fact]
    public async Task Catalog_lists_each_instrument_with_items_options_and_loinc()
    {
        var list = (await Json.ReadAsync(await app.Anonymous().GetAsync("/api/instruments"))).AsArray();
        Assert.Equal(["phq-9", "gad-7", "audit-c", "dast-10", "c-ssrs-screener", "pcl-5"], list.Select(d => (string?)d!["code"]));
        var phq = list[0]!;
        Assert.Equal("44249-1", (string?)phq["panelLoinc"]);
        Assert.Equal("44250-9", (string?)phq["items"]![0]!["loinc"]);
        Assert.Equal("LA6568-5", (string?)phq["items"]![0]!["options"]![0]!["loinc"]);
        var one = await Json.ReadAsync(await app.Anonymous().GetAsync("/api/instruments/GAD-7"));
        Assert.Equal("70274-6", (string?)one["totalLoinc"]);
        await Json.ProblemAsync(await app.Anonymous().GetAsync("/api/instruments/bdi-2"), 404);
    }

    public static TheoryData<string, string, string, string> BadAnswers => new()
    {
        // instrument, body, error key, words the message must hold
        { "phq-9", """{"answers":[0,0,0,0,0,0,0,0]}""", "answers", "takes 9 answers; got 8" },
        { "phq-9", """{"answers":[0,0,0,0,0,0,0,0,0,0]}""", "answers", "takes 9 answers; got 10" },
        { "phq-9", """{"answers":[0,0,0,4,0,0,0,0,0]}""", "answers[3]", "PHQ-9 item 4 must be between 0 and 3; got 4" },
        { "phq-9", """{"answers":[0,0,0,0,0,0,0,0,-1]}""", "answers[8]", "PHQ-9 item 9 must be between 0 and 3; got -1" },
        { "gad-7", """{"answers":[0,"2",0,0,0,0,0]}""", "answers[1]", "GAD-7 item 2 must be a whole number between 0 and 3, not a string" },
        { "gad-7", """{"answers":[0,0,true,0,0,0,0]}""", "answers[2]", "GAD-7 item 3 must be a whole number between 0 and 3, not true or false" },
        { "gad-7", """{"answers":[0,0,0,1.5,0,0,0]}""", "answers[3]", "not a fraction" },
        { "gad-7", """{"answers":[0,0,0,0,{},0,0]}""", "answers[4]", "not an object" },
        { "gad-7", """{"answers":[0,0,0,0,0,[1],0]}""", "answers[5]", "not an array" },
        { "gad-7", """{"answers":[0,0,0,0,0,0,null]}""", "answers[6]", "GAD-7 item 7 is required" },
        { "dast-10", """{"answers":[1,false,false,false,false,false,false,false,false,false]}""", "answers[0]", "DAST-10 item 1 must be true (Yes) or false (No), not a number" },
        { "pcl-5", """{"answers":[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,5]}""", "answers[19]", "PCL-5 item 20 must be between 0 and 4; got 5" },
        { "audit-c", """{"answers":[0,0,5],"sex":"female"}""", "answers[2]", "AUDIT-C item 3 must be between 0 and 4; got 5" },
        { "audit-c", """{"answers":[0,0,0]}""", "sex", "AUDIT-C needs sex" },
        { "audit-c", """{"answers":[0,0,0],"sex":"other"}""", "sex", "\"female\" or \"male\"" },
        { "audit-c", """{"answers":[0,0,0],"sex":1}""", "sex", "\"female\" or \"male\"" },
        { "c-ssrs-screener", """{"answers":[false,false,true,null,null,false,null]}""", "answers[2]", "C-SSRS item 3 must be null when item 2 is No" },
        { "c-ssrs-screener", """{"answers":[false,true,null,false,false,false,null]}""", "answers[2]", "C-SSRS item 3 is required when item 2 is Yes" },
        { "c-ssrs-screener", """{"answers":[false,false,null,null,null,false,true]}""", "answers[6]", "C-SSRS item 7 must be null when item 6 is No" },
        { "c-ssrs-screener", """{"answers":[false,false,null,null,null,true,null]}""", "answers[6]", "C-SSRS item 7 is required when item 6 is Yes" },
        { "c-ssrs-screener", """{"answers":[null,false,null,null,null,false,null]}""", "answers[0]", "C-SSRS item 1 is required" },
        { "phq-9", """{"answers":"0,0,0"}""", "answers", "must be a list" },
        { "phq-9", """{}""", "answers", "answers is required" },
        { "phq-9", """null""", "body", "Send a JSON body" },
    };

    [Theory]
    [MemberData(nameof(BadAnswers))]
    public async Task Every_kind_of_bad_input_is_a_400_naming_the_item(string code, string body, string key, string words)
    {
        var problem = await ProblemAsync(code, body);
        var errors = problem["errors"]!.AsObject();
        Assert.True(errors.ContainsKey(key), $"expected an error at {key}: {problem.ToJsonString()}");
        Assert.Contains(words, string.Join(" ", errors[key]!.AsArray().Select(m => (string?)m)));
    }

    [Fact]
    public async Task Several_wrong_answers_are_all_reported_at_once()
    {
        var problem = await ProblemAsync("phq-9", """{"answers":[9,0,"x",0,0,0,0,0,null]}""");
        var keys = problem["errors"]!.AsObject().Select(e => e.Key).ToList();
        Assert.Equal(["answers[0]", "answers[2]", "answers[8]"], keys.Order());
    }

    [Fact]
    public async Task Malformed_json_wrong_content_type_and_unknown_instrument_are_problems_not_500()
    {
        await ProblemAsync("phq-9", """{"answers": [0, 0""");
        var client = app.Anonymous();
        await Json.ProblemAsync(await client.PostAsync("/api/instruments/phq-9/score", new StringContent("answers=0", Encoding.UTF8, "text/plain")), 415);
        var unknown = await ProblemAsync("bdi-2", """{"answers":[0]}""", 404);
        Assert.Contains("phq-9, gad-7, audit-c, dast-10, c-ssrs-screener, pcl-5", (string?)unknown["detail"]);
    }

    [Fact]
    public async Task Scoring_stores_nothing()
    {
        int Count()
        {
            using var scope = app.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<Web.Data.TrellisDbContext>().ActAs(Web.Data.AccessScope.System, Web.Data.Actor.System("test"));
            return db.InstrumentAdministrations.Count() + db.AuditEntries.Count();
        }
        var before = Count();
        await ScoreAsync("phq-9", new { answers = new[] { 3, 3, 3, 3, 3, 3, 3, 3, 3 } });
        Assert.Equal(before, Count());
    }
}
