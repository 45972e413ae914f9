using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Trellis.Tests.Support;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Notes;

namespace Trellis.Tests.Clinical;

/// <summary>Issue 13, point 3: an attendee's part is three choices, the goal addressed and one sentence; errors name the attendee and the field.</summary>
public class GroupNotePartsTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    private static Dictionary<string, object?> Part(Guid participantId, string? sentence, string? level = "active", string? presentation = "anxious",
        string? response = "applied", IEnumerable<string>? goalIds = null) => new()
    {
        ["participantId"] = participantId, ["participationLevel"] = level, ["presentation"] = presentation, ["interventionResponse"] = response,
        ["goalIds"] = goalIds?.ToArray() ?? [],
        ["sections"] = sentence is null ? new Dictionary<string, string?>() : new Dictionary<string, string?> { ["participation"] = sentence },
    };

    private static Dictionary<string, object?> Body(params Dictionary<string, object?>[] parts) => new()
    {
        ["topic"] = "Urge surfing", ["summary"] = "Psychoeducation on urges as waves, then a guided ten-minute practice and debrief.", ["parts"] = parts,
    };

    private async Task<string> GoalOfAsync(HttpClient api, Guid participantId)
    {
        var clinician = await Clinic.StaffAsync(app, "clinician");
        var plan = await Json.ReadAsync(await api.PutAsJsonAsync($"/api/participants/{participantId}/treatment-plan", Clinic.PlanBody(clinician.Id, $"I want to ride out cravings without using ({participantId:N})")));
        return (string)plan["content"]!["problems"]![0]!["goals"]![0]!["id"]!;
    }

    [Fact]
    public async Task A_premature_sign_names_each_attendee_and_the_field_they_still_need_and_no_two_messages_are_alike()
    {
        var done = await Clinic.FreshParticipantAsync(app, last: "Achterberg");
        var half = await Clinic.FreshParticipantAsync(app, last: "Brightwater");
        var none = await Clinic.FreshParticipantAsync(app, last: "Castellanos");
        var session = await Clinic.HeldSessionAsync(app, [done.Id, half.Id, none.Id]);
        var api = await app.ApiAsync(Roles.Clinician);
        var goal = await GoalOfAsync(api, half.Id);

        // A draft may leave anything out.
        var put = await api.PutAsJsonAsync($"/api/group-sessions/{session}/note", Body(
            Part(done.Id, "Named the 4 pm slump as the hardest hour and rode out one urge in the practice."),
            Part(half.Id, null, level: null, presentation: "flat", response: null)));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var draft = await Json.ReadAsync(put);
        Assert.Equal("active", (string?)draft["parts"]![0]!["participationLevel"]);
        Assert.Equal("flat", (string?)draft["parts"]![1]!["presentation"]);
        Assert.Null(draft["parts"]![1]!["participationLevel"]);

        var problem = await Json.ProblemAsync(await NoteCalls.SignGroupAsync(api, session, new { }), 400);
        var errors = problem["errors"]!.AsObject().ToDictionary(e => e.Key, e => (string)e.Value![0]!);
        // Parts are keyed in GET's order (by last name): Achterberg, Brightwater, Castellanos.
        Assert.DoesNotContain(errors.Keys, k => k.StartsWith("parts[0]", StringComparison.Ordinal));
        Assert.Equal(["parts[1].goalIds", "parts[1].interventionResponse", "parts[1].participationLevel", "parts[1].sections.participation"],
            errors.Keys.Where(k => k.StartsWith("parts[1]", StringComparison.Ordinal)).Order().ToArray());
        Assert.Equal(["parts[2].interventionResponse", "parts[2].participationLevel", "parts[2].presentation", "parts[2].sections.participation"],
            errors.Keys.Where(k => k.StartsWith("parts[2]", StringComparison.Ordinal)).Order().ToArray());
        Assert.All(errors.Where(e => e.Key.StartsWith("parts[1]", StringComparison.Ordinal)), e => Assert.StartsWith("Test Brightwater:", e.Value));
        Assert.All(errors.Where(e => e.Key.StartsWith("parts[2]", StringComparison.Ordinal)), e => Assert.StartsWith("Test Castellanos:", e.Value));
        Assert.Contains("participation level", errors["parts[1].participationLevel"]);
        Assert.Contains("goal", errors["parts[1].goalIds"]);
        Assert.Equal(errors.Count, errors.Values.Distinct().Count());

        var etag = put.Headers.ETag!.Tag;
        var complete = Body(
            Part(done.Id, "Named the 4 pm slump as the hardest hour and rode out one urge in the practice."),
            Part(half.Id, "Kept eyes closed through the practice and said afterwards the wave 'did pass, slower than I thought'.", level: "minimal", presentation: "flat", response: "receptive", goalIds: [goal]),
            Part(none.Id, "Arrived from a double shift, asked whether urges at work count, and tried the practice standing by the door.", level: "responsive", response: "ambivalent"));
        Assert.Equal(HttpStatusCode.OK, (await api.PutJsonAsync($"/api/group-sessions/{session}/note", complete, etag)).StatusCode);
        var signed = await Json.ReadAsync(await NoteCalls.SignGroupAsync(api, session, new { }));
        Assert.Equal("locked", (string?)signed["status"]);

        // Each chart's note carries its own choices; the optional sections were never needed.
        var partId = (string)signed["parts"]![1]!["noteId"]!;
        var note = await Json.ReadAsync(await api.GetAsync($"/api/notes/{partId}"));
        Assert.Equal("minimal", (string?)note["participationLevel"]);
        Assert.Equal("receptive", (string?)note["interventionResponse"]);
        Assert.Single(note["sections"]!.AsObject());
    }

    [Fact]
    public async Task A_choice_that_is_not_one_of_the_list_is_a_clear_400_and_nothing_is_saved()
    {
        var p = await Clinic.FreshParticipantAsync(app);
        var session = await Clinic.HeldSessionAsync(app, [p.Id]);
        var api = await app.ApiAsync(Roles.Clinician);
        var bad = await Json.ProblemAsync(await api.PutAsJsonAsync($"/api/group-sessions/{session}/note", Body(Part(p.Id, "Said little.", level: "sleepy"))), 400);
        Assert.Contains("participationLevel", (string)bad["detail"]!);
        await using var s = app.Db();
        Assert.False(await s.Context.Set<GroupNote>().AnyAsync(g => g.GroupSessionId == session));
    }

    [Fact]
    public async Task A_signed_parts_choices_are_locked_below_the_app_too()
    {
        var p = await Clinic.FreshParticipantAsync(app);
        var session = await Clinic.HeldSessionAsync(app, [p.Id]);
        var api = await app.ApiAsync(Roles.Clinician);
        await api.PutAsJsonAsync($"/api/group-sessions/{session}/note", Body(Part(p.Id, "Asked the group how long a wave usually lasts and timed hers: six minutes.")));
        Assert.Equal(HttpStatusCode.OK, (await NoteCalls.SignGroupAsync(api, session, new { })).StatusCode);
        await using var s = app.Db();
        var part = await s.Context.Set<ClinicalNote>().AsNoTracking().SingleAsync(n => n.GroupNote!.GroupSessionId == session);
        await Assert.ThrowsAnyAsync<Exception>(() => s.Context.Database.ExecuteSqlRawAsync(
            "UPDATE \"ClinicalNotes\" SET \"ParticipationLevel\" = 'Withdrawn' WHERE \"Id\" = {0}", part.Id));
        Assert.Equal(ParticipationLevel.Active, (await s.Context.Set<ClinicalNote>().AsNoTracking().SingleAsync(n => n.Id == part.Id)).ParticipationLevel);
    }
}
