using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Trellis.Tests.Support;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Notes;

namespace Trellis.Tests.Clinical;

/// <summary>The plan goals a signed note addressed are part of what was signed: neither the API nor a direct write changes them.</summary>
public class SignedNoteGoalLinksTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    private static DateOnly Today => Clinic.Today;

    /// <summary>A participant with a signed plan of two goals, and a signed note linked to the first.</summary>
    private async Task<(Guid NoteId, string Goal, string OtherGoal, HttpClient Api)> SignedNoteAsync()
    {
        var p = await Clinic.FreshParticipantAsync(app);
        var clinician = await Clinic.StaffAsync(app, "clinician");
        var api = await app.ApiAsync(Roles.Clinician);
        var body = Clinic.PlanBody(clinician.Id);
        var problem = ((Dictionary<string, object?>[])((Dictionary<string, object?>)body["content"]!)["problems"]!)[0];
        var goal = ((Dictionary<string, object?>[])problem["goals"]!)[0];
        var second = new Dictionary<string, object?>(goal) { ["ownWords"] = "I want to sleep through the night", ["instrumentCode"] = null, ["comparison"] = null, ["targetScore"] = null };
        problem["goals"] = new[] { goal, second };
        var plan = await Json.ReadAsync(await api.PutAsJsonAsync($"/api/participants/{p.Id}/treatment-plan", body));
        var goals = plan["content"]!["problems"]![0]!["goals"]!.AsArray().Select(g => (string)g!["id"]!).ToList();
        Assert.Equal(2, goals.Count);
        await api.PostAsJsonAsync($"/api/participants/{p.Id}/treatment-plan/signatures", new { number = 1, @as = "clinician", acknowledgeSimilarText = true });
        await api.PostAsJsonAsync($"/api/participants/{p.Id}/treatment-plan/signatures", new { number = 1, @as = "participant", typedName = $"Test {p.LegalLastName}" });

        var note = NoteCalls.Dap(Today);
        note["goalIds"] = new[] { goals[0] };
        var (id, _) = await NoteCalls.CreateAsync(api, p.Id, note);
        Assert.Equal(HttpStatusCode.OK, (await NoteCalls.SignAsync(api, id, new { acknowledgeSimilarText = true })).StatusCode);
        return (Guid.Parse(id), goals[0], goals[1], api);
    }

    private async Task<List<(Guid GoalId, string Text)>> LinksAsync(Guid noteId)
    {
        await using var s = app.Db();
        return (await s.Context.Set<NoteGoalLink>().AsNoTracking().Where(l => l.NoteId == noteId).OrderBy(l => l.GoalId).ToListAsync())
            .Select(l => (l.GoalId, l.GoalText)).ToList();
    }

    [Fact]
    public async Task Changing_the_goals_of_a_signed_note_through_the_api_answers_409_pointing_to_addenda_and_keeps_the_links()
    {
        var (noteId, goal, other, api) = await SignedNoteAsync();
        var before = await LinksAsync(noteId);
        Assert.Equal([Guid.Parse(goal)], before.Select(l => l.GoalId));
        var etag = (await api.GetAsync($"/api/notes/{noteId}")).Headers.ETag!.Tag;

        foreach (var goalIds in new[] { new[] { goal, other }, new[] { other }, Array.Empty<string>() })
        {
            var body = NoteCalls.Dap(Today);
            body["goalIds"] = goalIds;
            var problem = await Json.ProblemAsync(await api.PutJsonAsync($"/api/notes/{noteId}", body, etag), 409);
            Assert.Equal($"/api/notes/{noteId}/addenda", (string?)problem["addenda"]);
            Assert.Contains("addendum", (string?)problem["detail"]);
        }
        Assert.Equal(before, await LinksAsync(noteId));
        var shown = await Json.ReadAsync(await api.GetAsync($"/api/notes/{noteId}"));
        Assert.Contains(goal, shown["goals"]!.ToJsonString());
        Assert.DoesNotContain(other, shown["goals"]!.ToJsonString());
    }

    private static async Task RefusedAsync(Trellis.Web.Data.TrellisDbContext db)
    {
        var e = await Assert.ThrowsAnyAsync<DbUpdateException>(() => db.SaveChangesAsync());
        Assert.Contains("the goals of a signed note are locked", e.ToString());
    }

    [Fact]
    public async Task The_database_refuses_a_direct_change_addition_or_removal_of_a_signed_notes_goal_links()
    {
        var (noteId, _, other, _) = await SignedNoteAsync();
        var before = await LinksAsync(noteId);
        Assert.Single(before);

        // Through the context, past every check of the app: only the triggers stand in the way.
        await using (var s = app.Db())
        {
            var link = await s.Context.Set<NoteGoalLink>().SingleAsync(l => l.NoteId == noteId);
            link.GoalText = "Rewritten after signing";
            link.GoalId = Guid.Parse(other);
            await RefusedAsync(s.Context);
        }
        await using (var s = app.Db())
        {
            var link = await s.Context.Set<NoteGoalLink>().SingleAsync(l => l.NoteId == noteId);
            s.Context.Remove(link);
            await RefusedAsync(s.Context);
        }
        await using (var s = app.Db())
        {
            s.Context.Add(new NoteGoalLink { NoteId = noteId, ParticipantId = (await s.Context.Set<ClinicalNote>().SingleAsync(n => n.Id == noteId)).ParticipantId, GoalId = Guid.Parse(other), GoalText = "Added after signing" });
            await RefusedAsync(s.Context);
        }
        Assert.Equal(before, await LinksAsync(noteId));
    }
}
