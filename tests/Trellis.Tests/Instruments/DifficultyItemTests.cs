using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Trellis.Tests.Clinical;
using Trellis.Tests.Support;
using Trellis.Web.Features.Auth;

namespace Trellis.Tests.Instruments;

/// <summary>
/// PHQ-9's tenth question ("how difficult have these problems made it…", LOINC 69722-7): asked in
/// the chart after the nine, kept with the administration, never added to the total.
/// </summary>
public class DifficultyItemTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    private static readonly int[] Nine = [2, 2, 1, 1, 1, 0, 0, 0, 0];

    [Fact]
    public async Task The_api_keeps_the_difficulty_answer_beside_an_unchanged_total()
    {
        var p = await Clinic.FreshParticipantAsync(app);
        var api = await app.ApiAsync(Roles.Clinician);
        var created = await api.PostAsJsonAsync($"/api/participants/{p.Id}/instruments", new { instrument = "phq-9", answers = Nine, difficulty = 2 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var json = await Json.ReadAsync(created);
        Assert.Equal(7, (int)json["total"]!);
        Assert.Equal("mild", (string?)json["band"]);
        Assert.Equal(2, (int)json["difficulty"]!);
        Assert.Equal(9, json["answers"]!.AsArray().Count);

        var read = await Json.ReadAsync(await api.GetAsync(created.Headers.Location!.OriginalString));
        Assert.Equal(2, (int)read["difficulty"]!);

        var without = await Json.ReadAsync(await api.PostAsJsonAsync($"/api/participants/{p.Id}/instruments", new { instrument = "phq-9", answers = Nine }));
        Assert.Null(without["difficulty"]);
    }

    [Fact]
    public async Task A_wrong_difficulty_answer_is_refused_by_name_and_nothing_is_saved()
    {
        var p = await Clinic.FreshParticipantAsync(app);
        var api = await app.ApiAsync(Roles.Clinician);
        var url = $"/api/participants/{p.Id}/instruments";

        var outOfRange = await Json.ProblemAsync(await api.PostAsJsonAsync(url, new { instrument = "phq-9", answers = Nine, difficulty = 4 }), 400);
        Assert.Contains("extremely difficult", (string?)outOfRange["errors"]!["difficulty"]![0]);
        var text = await Json.ProblemAsync(await api.PostAsJsonAsync(url, new { instrument = "phq-9", answers = Nine, difficulty = "very" }), 400);
        Assert.NotNull(text["errors"]!["difficulty"]);
        var notPhq = await Json.ProblemAsync(await api.PostAsJsonAsync(url, new { instrument = "gad-7", answers = new[] { 1, 1, 1, 1, 1, 1, 1 }, difficulty = 1 }), 400);
        Assert.Contains("GAD-7 has no difficulty question", (string?)notPhq["errors"]!["difficulty"]![0]);
        // A wrong answer to a scored item and a wrong difficulty are both named in one reply.
        var both = await Json.ProblemAsync(await api.PostAsJsonAsync(url, new { instrument = "phq-9", answers = new[] { 2, 2, 1, 1, 1, 0, 0, 0, 9 }, difficulty = -1 }), 400);
        Assert.NotNull(both["errors"]!["difficulty"]);
        Assert.Contains(both["errors"]!.AsObject(), e => e.Key.StartsWith("answers"));

        await using var s = app.Db();
        Assert.False(await s.Context.InstrumentAdministrations.AnyAsync(a => a.ParticipantId == p.Id));
    }

    [Fact]
    public async Task The_chart_form_asks_it_after_the_nine_and_the_measures_page_shows_it()
    {
        var p = await Clinic.FreshParticipantAsync(app);
        using var pages = await app.PagesAsync(Roles.Clinician);
        var url = $"/participants/{p.Id}/measures/give/phq-9";
        var (_, form) = await pages.GetAsync(url);
        Assert.Contains("How difficult have these problems made it for you", PageClient.FindForm(form, "give")!.TextContent);
        Assert.Equal(5, form.QuerySelectorAll("input[name=difficulty]").Length); // four answers and "Not asked"

        var values = new Dictionary<string, string?> { ["difficulty"] = "3" };
        for (var i = 0; i < Nine.Length; i++) values[$"a{i}"] = Nine[i].ToString();
        var (saved, _) = await pages.SubmitAsync(url, "give", values);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        await using (var s = app.Db())
        {
            var given = await s.Context.InstrumentAdministrations.SingleAsync(a => a.ParticipantId == p.Id);
            Assert.Equal((7, 3), (given.Total!.Value, given.Difficulty!.Value));
        }
        var (_, measures) = await pages.GetAsync($"/participants/{p.Id}/measures");
        Assert.Contains("7/27, mild, daily life extremely difficult", measures.Body!.TextContent);

        // A tampered value is named next to the question and nothing more is saved.
        values["difficulty"] = "7";
        var (refused, page) = await pages.SubmitAsync(url, "give", values);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("difficulty must be one of", page.QuerySelector("#err-difficulty")!.TextContent);
        await using var again = app.Db();
        Assert.Equal(1, await again.Context.InstrumentAdministrations.CountAsync(a => a.ParticipantId == p.Id));
    }
}
