using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Trellis.Tests.Support;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Notes;

namespace Trellis.Tests.Clinical;

public class NoteLifecycleTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    private static DateOnly Today => Clinic.Today;

    [Fact]
    public async Task A_signed_note_is_locked_and_every_api_route_to_change_or_delete_it_answers_409_pointing_to_addenda()
    {
        var p = await Clinic.FreshParticipantAsync(app);
        var api = await app.ApiAsync(Roles.Clinician);
        var (id, etag) = await NoteCalls.CreateAsync(api, p.Id, NoteCalls.Dap(Today));
        Assert.Equal("\"1\"", etag);
        var changed = NoteCalls.Dap(Today, data: "Reports a hard week at work; kept the activity log on six days.");
        var put = await api.PutJsonAsync($"/api/notes/{id}", changed, etag);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var signed = await Json.ReadAsync(await NoteCalls.SignAsync(api, id, new { acknowledgeSimilarText = true }));
        Assert.Equal("locked", (string?)signed["status"]);
        Assert.Contains("LPC", (string?)signed["signature"]!["signedBy"]);
        var current = (await api.GetAsync($"/api/notes/{id}")).Headers.ETag!.Tag;

        var attempts = new (string Route, Func<Task<HttpResponseMessage>> Call)[]
        {
            ("PUT with the current ETag", () => api.PutJsonAsync($"/api/notes/{id}", NoteCalls.Dap(Today, data: "Rewritten after signing."), current)),
            ("PUT without If-Match", () => api.PutJsonAsync($"/api/notes/{id}", NoteCalls.Dap(Today, data: "Rewritten after signing."), null)),
            ("PUT with a malformed body", () => api.PutJsonAsync($"/api/notes/{id}", new { kind = "individual" }, current)),
            ("DELETE", () => api.DeleteAsync($"/api/notes/{id}")),
            ("sign again", () => NoteCalls.SignAsync(api, id)),
        };
        foreach (var (route, call) in attempts)
        {
            var problem = await Json.ProblemAsync(await call(), 409);
            Assert.Equal($"/api/notes/{id}/addenda", (string?)problem["addenda"]);
            Assert.Contains("addendum", (string)problem["detail"]!);
        }
        await Json.ProblemAsync(await NoteCalls.CosignAsync(api, id), 409);

        await using (var s = app.Db())
        {
            var note = await s.Context.Set<ClinicalNote>().AsNoTracking().SingleAsync(n => n.Id == Guid.Parse(id));
            Assert.Equal("Reports a hard week at work; kept the activity log on six days.", note.Section("data"));
            Assert.False(note.IsDeleted);
            // Below the app, the database refuses too.
            await Assert.ThrowsAnyAsync<Exception>(() => s.Context.Database.ExecuteSqlRawAsync(
                "UPDATE \"ClinicalNotes\" SET \"Sections\" = '{}' WHERE \"Id\" = {0}", note.Id));
            await Assert.ThrowsAnyAsync<Exception>(() => s.Context.Database.ExecuteSqlRawAsync(
                "DELETE FROM \"ClinicalNotes\" WHERE \"Id\" = {0}", note.Id));
        }
        await using (var s = app.Db())
            Assert.Equal("Reports a hard week at work; kept the activity log on six days.",
                (await s.Context.Set<ClinicalNote>().AsNoTracking().SingleAsync(n => n.Id == Guid.Parse(id))).Section("data"));
    }

    [Fact]
    public async Task Corrections_are_signed_addenda_and_a_draft_takes_none()
    {
        var p = await Clinic.FreshParticipantAsync(app);
        var api = await app.ApiAsync(Roles.Clinician);
        var (id, _) = await NoteCalls.CreateAsync(api, p.Id, NoteCalls.Dap(Today));
        await Json.ProblemAsync(await api.PostAsJsonAsync($"/api/notes/{id}/addenda", new { text = "Too early." }), 409);
        await NoteCalls.SignAsync(api, id, new { acknowledgeSimilarText = true });

        var empty = await Json.ProblemAsync(await api.PostAsJsonAsync($"/api/notes/{id}/addenda", new { text = " " }), 400);
        Assert.NotNull(empty["errors"]!["text"]);
        await Json.ProblemAsync(await api.PostAsJsonAsync($"/api/notes/{id}/addenda", new { text = new string('x', 4001) }), 400);
        var added = await api.PostAsJsonAsync($"/api/notes/{id}/addenda", new { text = "Correction: the session lasted 45 minutes, not 50." });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var director = await app.ApiAsync(Roles.ProgramDirector);
        Assert.Equal(HttpStatusCode.Created, (await director.PostAsJsonAsync($"/api/notes/{id}/addenda", new { text = "Reviewed for the audit; no further change." })).StatusCode);

        var note = await Json.ReadAsync(await api.GetAsync($"/api/notes/{id}"));
        Assert.Equal(2, note["addenda"]!.AsArray().Count);
        Assert.Equal("Correction: the session lasted 45 minutes, not 50.", (string?)note["addenda"]![0]!["text"]);
        Assert.Equal(50, (int)note["minutes"]!);
        await using var s = app.Db();
        var addendum = await s.Context.Set<NoteAddendum>().Where(a => a.NoteId == Guid.Parse(id)).FirstAsync();
        await Assert.ThrowsAnyAsync<Exception>(() => s.Context.Database.ExecuteSqlRawAsync("UPDATE \"NoteAddenda\" SET \"Text\" = 'x' WHERE \"Id\" = {0}", addendum.Id));
    }

    [Fact]
    public async Task Only_the_author_signs_a_late_entry_says_why_and_an_incomplete_note_is_not_signed()
    {
        var p = await Clinic.FreshParticipantAsync(app);
        var api = await app.ApiAsync(Roles.Clinician);
        var future = await Json.ProblemAsync(await api.PostAsJsonAsync($"/api/participants/{p.Id}/notes", NoteCalls.Dap(Today.AddDays(2))), 400);
        Assert.NotNull(future["errors"]!["serviceDate"]);

        var (id, _) = await NoteCalls.CreateAsync(api, p.Id, NoteCalls.Dap(Today.AddDays(-6)));
        var director = await app.ApiAsync(Roles.ProgramDirector);
        await Json.ProblemAsync(await NoteCalls.SignAsync(director, id), 403);
        var late = await Json.ProblemAsync(await NoteCalls.SignAsync(api, id, new { acknowledgeSimilarText = true }), 400);
        Assert.NotNull(late["errors"]!["lateEntryReason"]);
        var ok = await Json.ReadAsync(await NoteCalls.SignAsync(api, id, new { lateEntryReason = "Out sick; written from session notes.", acknowledgeSimilarText = true }));
        Assert.True((bool)ok["signature"]!["isLateEntry"]!);
        Assert.Equal("Out sick; written from session notes.", (string?)ok["signature"]!["lateEntryReason"]);

        var partial = NoteCalls.Dap(Today, assessment: "");
        var (draft, _) = await NoteCalls.CreateAsync(api, p.Id, partial);
        var missing = await Json.ProblemAsync(await NoteCalls.SignAsync(api, draft), 400);
        Assert.NotNull(missing["errors"]!["sections.assessment"]);
        await using var s = app.Db();
        Assert.Equal(NoteStatus.Draft, (await s.Context.Set<ClinicalNote>().SingleAsync(n => n.Id == Guid.Parse(draft))).Status);
    }

    [Fact]
    public async Task Drafts_are_the_authors_and_a_discarded_draft_is_kept_but_hidden()
    {
        var p = await Clinic.FreshParticipantAsync(app);
        var api = await app.ApiAsync(Roles.Clinician);
        var (id, etag) = await NoteCalls.CreateAsync(api, p.Id, NoteCalls.Dap(Today));
        var director = await app.ApiAsync(Roles.ProgramDirector);
        await Json.ProblemAsync(await director.PutJsonAsync($"/api/notes/{id}", NoteCalls.Dap(Today, data: "Not mine to change."), etag), 403);
        await Json.ProblemAsync(await api.PutJsonAsync($"/api/notes/{id}", NoteCalls.Dap(Today), "\"9\""), 412);
        var wrongKind = NoteCalls.Dap(Today);
        wrongKind["kind"] = "case_management";
        await Json.ProblemAsync(await api.PutJsonAsync($"/api/notes/{id}", wrongKind, etag), 400);
        var badSection = NoteCalls.Dap(Today);
        ((Dictionary<string, string?>)badSection["sections"]!)["subjective"] = "wrong template";
        var problem = await Json.ProblemAsync(await api.PutJsonAsync($"/api/notes/{id}", badSection, etag), 400);
        Assert.Contains("subjective", problem.ToJsonString());

        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/notes/{id}")).StatusCode);
        await Json.ProblemAsync(await api.GetAsync($"/api/notes/{id}"), 404);
        await using var s = app.Db();
        Assert.True((await s.Context.Set<ClinicalNote>().IgnoreQueryFilters().SingleAsync(n => n.Id == Guid.Parse(id))).IsDeleted);
    }

    [Fact]
    public async Task Each_kind_of_note_is_written_by_its_roles()
    {
        var p = await Clinic.FreshParticipantAsync(app);
        var body = NoteCalls.Dap(Today);
        await Json.ProblemAsync(await (await app.ApiAsync(Roles.Prescriber)).PostAsJsonAsync($"/api/participants/{p.Id}/notes", body), 403);
        await Json.ProblemAsync(await (await app.ApiAsync(Roles.IntakeCoordinator)).PostAsJsonAsync($"/api/participants/{p.Id}/notes", body), 403);
        var med = new Dictionary<string, object?>
        {
            ["kind"] = "medication_management", ["serviceDate"] = Today.ToString("yyyy-MM-dd"),
            ["sections"] = new Dictionary<string, string?> { ["interval"] = "Sleeping better.", ["medications"] = "Sertraline 100 mg daily.", ["mental_status"] = "Calm.", ["assessment"] = "Good response.", ["plan"] = "Continue." },
        };
        await Json.ProblemAsync(await (await app.ApiAsync(Roles.Clinician)).PostAsJsonAsync($"/api/participants/{p.Id}/notes", med), 403);
        var (medId, _) = await NoteCalls.CreateAsync(await app.ApiAsync(Roles.Prescriber), p.Id, med);
        Assert.Equal("medication_visit", (string?)(await Json.ReadAsync(await (await app.ApiAsync(Roles.Prescriber)).GetAsync($"/api/notes/{medId}")))["format"]);
        var group = NoteCalls.Dap(Today);
        group["kind"] = "group";
        await Json.ProblemAsync(await (await app.ApiAsync(Roles.Clinician)).PostAsJsonAsync($"/api/participants/{p.Id}/notes", group), 400);
        var mismatch = NoteCalls.Dap(Today);
        mismatch["format"] = "medication_visit";
        var problem = await Json.ProblemAsync(await (await app.ApiAsync(Roles.Clinician)).PostAsJsonAsync($"/api/participants/{p.Id}/notes", mismatch), 400);
        Assert.Contains("format", problem["errors"]!.ToJsonString(), StringComparison.OrdinalIgnoreCase);
    }
}
