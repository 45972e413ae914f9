using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Trellis.Tests.Support;
using Trellis.Web.Features.Admissions.Admission;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Participants;

namespace Trellis.Tests.Security;

/// <summary>
/// Issue 16 point 3: a body the endpoint does not fully understand is refused with a 400 naming the
/// member, and changes nothing; every update needs If-Match; a GET body PUT back is still accepted.
/// </summary>
public class StrictInputTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    private async Task<(HttpClient Api, Participant P, string Url)> TickedScheduleAsync()
    {
        var p = await Demo.ParticipantInAsync(app, Demo.MentalHealth, ParticipantStatus.Active);
        var api = await app.ApiAsync(Roles.IntakeCoordinator);
        var url = $"/api/participants/{p.Id}/orientation/schedule";
        var version = await VersionAsync(api, p.Id);
        var ticked = await api.PutJsonAsync(url, new { done = true, note = "Went through the week together" }, ETags.Format(version));
        Assert.Equal(HttpStatusCode.OK, ticked.StatusCode);
        return (api, p, url);
    }

    private static async Task<long> VersionAsync(HttpClient api, Guid id)
    {
        var list = (await Json.ReadAsync(await api.GetAsync($"/api/participants/{id}/orientation"))).AsArray();
        return (long)list.Single(i => (string?)i!["item"] == "schedule")!["version"]!;
    }

    private async Task<OrientationStep> StepAsync(Guid participantId)
    {
        await using var s = app.Db();
        return await s.Context.Set<OrientationStep>().AsNoTracking().SingleAsync(x => x.ParticipantId == participantId && x.Item == OrientationItem.Schedule);
    }

    [Theory]
    [InlineData("{}", "done")]
    [InlineData("{\"unrelated\":1}", "unrelated")]
    [InlineData("{\"dne\":false,\"note\":\"typo\"}", "dne")]
    public async Task An_orientation_body_that_says_nothing_clear_is_refused_and_changes_nothing(string body, string member)
    {
        var (api, p, url) = await TickedScheduleAsync();
        var before = await StepAsync(p.Id);
        var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("If-Match", ETags.Format(before.Version));
        var problem = await Json.ProblemAsync(await api.SendAsync(request), 400);
        Assert.Contains(member, problem["errors"]!.AsObject().Select(e => e.Key));
        Assert.Contains(member, (string)problem["detail"]!);
        var after = await StepAsync(p.Id);
        Assert.Equal((before.Version, before.DoneOn, before.Note), (after.Version, after.DoneOn, after.Note));
        Assert.NotNull(after.DoneOn);
    }

    [Fact]
    public async Task An_orientation_item_needs_if_match_and_a_stale_one_is_refused()
    {
        var (api, p, url) = await TickedScheduleAsync();
        var before = await StepAsync(p.Id);
        await Json.ProblemAsync(await api.PutJsonAsync(url, new { done = false }, null), 428);
        var stale = await Json.ProblemAsync(await api.PutJsonAsync(url, new { done = false }, ETags.Format(before.Version - 1)), 412);
        Assert.Equal(ETags.Format(before.Version), (string?)stale["currentETag"]);
        Assert.Equal(before.Version, (await StepAsync(p.Id)).Version);
        var untick = await api.PutJsonAsync(url, new { done = false }, ETags.Format(before.Version));
        Assert.Equal(HttpStatusCode.OK, untick.StatusCode);
        Assert.Null((await StepAsync(p.Id)).DoneOn);
    }

    [Fact]
    public async Task A_participant_read_with_get_can_be_put_back_unchanged()
    {
        var p = await Demo.ParticipantInAsync(app, Demo.MentalHealth, ParticipantStatus.Active);
        var api = await app.ApiAsync(Roles.Administrator);
        var get = await api.GetAsync($"/api/participants/{p.Id}");
        var body = (await Json.ReadAsync(get)).AsObject();
        var put = await api.PutJsonAsync($"/api/participants/{p.Id}", body, get.Headers.ETag!.Tag);
        Assert.True(put.StatusCode == HttpStatusCode.OK, await put.Content.ReadAsStringAsync());

        body = (await Json.ReadAsync(put)).AsObject();
        body["favouriteColour"] = "teal";
        var problem = await Json.ProblemAsync(await api.PutJsonAsync($"/api/participants/{p.Id}", body, put.Headers.ETag!.Tag), 400);
        Assert.Contains("favouriteColour", problem["errors"]!.AsObject().Select(e => e.Key));
    }

    [Fact]
    public async Task An_unknown_member_in_a_nested_object_is_named_with_its_path()
    {
        var program = await Demo.ProgramIdAsync(app, Demo.MentalHealth);
        var api = await app.ApiAsync(Roles.Administrator);
        var body = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(Demo.NewParticipant(program)))!.AsObject();
        body["diagnoses"]![0]!["severity"] = "high";
        var problem = await Json.ProblemAsync(await api.PostAsJsonAsync("/api/participants", body), 400);
        Assert.Contains(problem["errors"]!.AsObject(), e => e.Key.Contains("severity"));
    }

    /// <summary>
    /// Found by the 10,000-request fuzz run on PostgreSQL: a NUL character (U+0000), which PostgreSQL text cannot
    /// hold, was accepted on SQLite and failed with 500 on PostgreSQL. Refused on both, naming the member.
    /// </summary>
    [Fact]
    public async Task A_nul_character_in_text_is_refused_naming_the_member_and_nothing_is_saved()
    {
        var (api, p, url) = await TickedScheduleAsync();
        var before = await StepAsync(p.Id);
        var request = new HttpRequestMessage(HttpMethod.Put, url)
        {
            Content = new StringContent("{\"done\":true,\"note\":\"went\\u0000through\"}", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("If-Match", ETags.Format(before.Version));
        var problem = await Json.ProblemAsync(await api.SendAsync(request), 400);
        Assert.Contains("note", problem["errors"]!.AsObject().Select(e => e.Key));
        Assert.Contains("NUL", (string)problem["detail"]!);
        var after = await StepAsync(p.Id);
        Assert.Equal((before.Version, before.Note), (after.Version, after.Note));
    }

    /// <summary>Found by the same run: a measurement schedule with "rules": null answered 500.</summary>
    [Fact]
    public async Task A_measurement_schedule_without_its_rules_is_refused()
    {
        var program = await Demo.ProgramIdAsync(app, Demo.MentalHealth);
        var api = await app.ApiAsync(Roles.Administrator);
        var url = $"/api/programs/{program}/measurement-schedule";
        var read = await api.GetAsync(url);
        var problem = await Json.ProblemAsync(await api.PutJsonAsync(url, new { rules = (object?)null }, read.Headers.ETag?.Tag), 400);
        Assert.Contains(problem["errors"]!.AsObject(), e => e.Key.Contains("rules", StringComparison.OrdinalIgnoreCase));
        // Leaving the list out must not pass for "clear the schedule" (the 10,000-request run on SQLite).
        var missing = await Json.ProblemAsync(await api.PutJsonAsync(url, new { }, read.Headers.ETag?.Tag), 400);
        Assert.Contains(missing["errors"]!.AsObject(), e => e.Key.Contains("rules", StringComparison.OrdinalIgnoreCase));
        var nullRule = await Json.ProblemAsync(await api.PutJsonAsync(url, new { rules = new object?[] { null } }, read.Headers.ETag?.Tag), 400);
        Assert.Contains(nullRule["errors"]!.AsObject(), e => e.Key.Contains("rules[0]", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Found by the same run: "needs": null answered 500. A list declared not nullable reads null as empty.</summary>
    [Fact]
    public async Task A_null_list_reads_as_empty_and_is_judged_by_the_rules()
    {
        var p = await Demo.ParticipantInAsync(app, Demo.MentalHealth, ParticipantStatus.Active);
        var api = await app.ApiAsync(Roles.ProgramDirector);
        var body = new StringContent("{\"assessedOn\":\"2026-11-02\",\"needs\":null,\"summary\":\"x\"}", System.Text.Encoding.UTF8, "application/json");
        var problem = await Json.ProblemAsync(await api.PostAsync($"/api/participants/{p.Id}/needs-assessments", body), 400);
        Assert.Contains(problem["errors"]!.AsObject(), e => e.Key.StartsWith("needs", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>What the OpenAPI document marks required, the API requires: a body without the member is refused.</summary>
    [Fact]
    public async Task The_openapi_document_marks_required_only_what_is_required()
    {
        var doc = await Json.ReadAsync(await app.Anonymous().GetAsync("/openapi/v1.json"));
        var update = doc["components"]!["schemas"]!["ChecklistUpdate"]!;
        var required = update["required"]?.AsArray().Select(r => (string?)r).ToList() ?? [];
        Assert.Contains("done", required);
        Assert.DoesNotContain("note", required);
    }
}
