using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Trellis.Tests.Support;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Notes;

namespace Trellis.Tests.Clinical;

public class GroupNoteApiTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    private static Dictionary<string, object?> Body(params Dictionary<string, object?>[] parts) => new()
    {
        ["topic"] = "Values", ["summary"] = "Members named three values and one action for each this week.", ["parts"] = parts,
    };

    [Fact]
    public async Task A_group_note_is_written_once_with_a_part_per_attendee_and_locked_as_a_whole()
    {
        var a = await Clinic.FreshParticipantAsync(app);
        var b = await Clinic.FreshParticipantAsync(app);
        var outsider = await Clinic.FreshParticipantAsync(app);
        var session = await Clinic.HeldSessionAsync(app, [a.Id, b.Id]);
        var api = await app.ApiAsync(Roles.Clinician);

        var blank = await Json.ReadAsync(await api.GetAsync($"/api/group-sessions/{session}/note"));
        Assert.False((bool)blank["exists"]!);
        Assert.Equal(2, blank["parts"]!.AsArray().Count);

        var notAttending = await Json.ProblemAsync(await api.PutAsJsonAsync($"/api/group-sessions/{session}/note",
            Body(NoteCalls.Part(outsider.Id, "x", "x", "x", "x"))), 400);
        Assert.Contains("not marked as attending", notAttending.ToJsonString());

        var put = await api.PutAsJsonAsync($"/api/group-sessions/{session}/note",
            Body(NoteCalls.Part(a.Id, "Named family and honesty; quiet otherwise.", "Liked the values cards.", "Linked honesty to telling her sister about treatment.", "Tell the sister by Sunday.")));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var incomplete = await Json.ProblemAsync(await NoteCalls.SignGroupAsync(api, session, new { }), 400);
        Assert.Contains("individual part", incomplete.ToJsonString());

        var etag = put.Headers.ETag!.Tag;
        var full = Body(NoteCalls.Part(a.Id, "Named family and honesty; quiet otherwise.", "Liked the values cards.", "Linked honesty to telling her sister about treatment.", "Tell the sister by Sunday."),
            NoteCalls.Part(b.Id, "Talked a lot about work as a value and got some pushback, which he took well.", "Reconsidered: rest is also a value.", "Relates to the goal of fewer overtime shifts.", "Say no to one extra shift."));
        await Json.ProblemAsync(await api.PutJsonAsync($"/api/group-sessions/{session}/note", full, null), 428);
        Assert.Equal(HttpStatusCode.OK, (await api.PutJsonAsync($"/api/group-sessions/{session}/note", full, etag)).StatusCode);
        var signed = await Json.ReadAsync(await NoteCalls.SignGroupAsync(api, session, new { }));
        Assert.Equal("locked", (string?)signed["status"]);
        var partId = (string)signed["parts"]![0]!["noteId"]!;

        var now = (await api.GetAsync($"/api/group-sessions/{session}/note")).Headers.ETag!.Tag;
        var locked = await Json.ProblemAsync(await api.PutJsonAsync($"/api/group-sessions/{session}/note", full, now), 409);
        Assert.Contains("addend", (string)locked["detail"]!);
        await Json.ProblemAsync(await api.PutJsonAsync($"/api/notes/{partId}", NoteCalls.Dap(Clinic.Today), "\"3\""), 409);
        await Json.ProblemAsync(await api.DeleteAsync($"/api/notes/{partId}"), 409);
        await Json.ProblemAsync(await NoteCalls.SignAsync(api, partId), 409);
        await Json.ProblemAsync(await NoteCalls.SignGroupAsync(api, session, new { }), 409);
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync($"/api/notes/{partId}/addenda", new { text = "Correction: she named three values, not two." })).StatusCode);

        // Each chart shows the group's part and only its own individual part.
        var aNotes = await Json.ReadAsync(await api.GetAsync($"/api/participants/{a.Id}/notes?kind=group"));
        var aNote = await Json.ReadAsync(await api.GetAsync($"/api/notes/{(string)aNotes[0]!["id"]!}"));
        Assert.Equal("Values", (string?)aNote["groupTopic"]);
        Assert.DoesNotContain("overtime", aNote.ToJsonString());
    }

    [Fact]
    public async Task A_future_or_cancelled_session_cannot_be_documented_and_another_programs_session_is_not_found()
    {
        var p = await Clinic.FreshParticipantAsync(app);
        var api = await app.ApiAsync(Roles.Clinician);
        Guid future, cancelled, otherProgram;
        await using (var s = app.Db())
        {
            var program = await s.Context.Programs.SingleAsync(x => x.Name == Demo.MentalHealth);
            var su = await s.Context.Programs.SingleAsync(x => x.Name == Demo.SubstanceUse);
            var start = DateTimeOffset.UtcNow.AddDays(2);
            var f = new Web.Features.Scheduling.GroupSession { ProgramId = program.Id, Title = "Later", StartsAt = start, EndsAt = start.AddHours(1), LocalDate = Clinic.LocalDate(start) };
            var c = new Web.Features.Scheduling.GroupSession { ProgramId = program.Id, Title = "Off", StartsAt = start.AddDays(-4), EndsAt = start.AddDays(-4).AddHours(1), LocalDate = Clinic.LocalDate(start.AddDays(-4)), Status = Web.Features.Scheduling.SessionStatus.Cancelled };
            var o = new Web.Features.Scheduling.GroupSession { ProgramId = su.Id, Title = "SU", StartsAt = start.AddDays(-4), EndsAt = start.AddDays(-4).AddHours(1), LocalDate = Clinic.LocalDate(start.AddDays(-4)) };
            s.Context.GroupSessions.AddRange(f, c, o);
            await s.Context.SaveChangesAsync();
            (future, cancelled, otherProgram) = (f.Id, c.Id, o.Id);
        }
        var body = Body(NoteCalls.Part(p.Id, "x", "x", "x", "x"));
        Assert.Contains("after it has been held", (string)(await Json.ProblemAsync(await api.PutAsJsonAsync($"/api/group-sessions/{future}/note", body), 409))["detail"]!);
        Assert.Contains("cancelled", (string)(await Json.ProblemAsync(await api.PutAsJsonAsync($"/api/group-sessions/{cancelled}/note", body), 409))["detail"]!);
        await Json.ProblemAsync(await api.GetAsync($"/api/group-sessions/{otherProgram}/note"), 404);
        await Json.ProblemAsync(await api.PutAsJsonAsync($"/api/group-sessions/{otherProgram}/note", body), 404);
    }
}
