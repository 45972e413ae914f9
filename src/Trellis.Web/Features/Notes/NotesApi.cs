using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Clinical;
using Trellis.Web.Infrastructure;

namespace Trellis.Web.Features.Notes;

public static class NotesApi
{
    public static RouteGroupBuilder MapNotesApi(this RouteGroupBuilder api)
    {
        var chart = api.MapGroup("/participants/{id:guid}/notes").WithTags("Notes");
        chart.MapGet("/", List).RequireAuthorization(p => p.RequireRole(Permissions.Split(Permissions.ReadClinical)))
            .WithSummary("The participant's notes, newest first; filter by kind (individual, group, medication_management, case_management) and status.");
        chart.MapPost("/", Create).RequireAuthorization(p => p.RequireRole(Permissions.Split(Permissions.WriteNotes)))
            .WithSummary("Start a draft note (individual DAP/BIRP/SOAP, medication management or case management), linked to the plan goals it addressed.");

        var notes = api.MapGroup("/notes").WithTags("Notes");
        notes.MapGet("/{id:guid}", Get).RequireAuthorization(p => p.RequireRole(Permissions.Split(Permissions.ReadClinical)))
            .WithSummary("One note with its sections, goals, signatures and addenda. ETag: its version.");
        notes.MapPut("/{id:guid}", Update).RequireAuthorization(p => p.RequireRole(Permissions.Split(Permissions.WriteNotes)))
            .WithSummary("Change a draft (If-Match required). A signed note answers 409: correct it with an addendum.");
        notes.MapDelete("/{id:guid}", Discard).RequireAuthorization(p => p.RequireRole(Permissions.Split(Permissions.WriteNotes)))
            .WithSummary("Discard a draft (kept, hidden). A signed note can never be deleted: 409.");
        notes.MapGet("/{id:guid}/similar-text", Similar).RequireAuthorization(p => p.RequireRole(Permissions.Split(Permissions.ReadClinical)))
            .WithSummary("The cloned-text check signing runs: earlier notes of the participant this note nearly repeats.");
        notes.MapPost("/{id:guid}/sign", Sign).RequireAuthorization(p => p.RequireRole(Permissions.Split(Permissions.WriteNotes)))
            .WithSummary("Sign and lock a draft as its author. 409 if its text nearly repeats another note, until acknowledgeSimilarText is true; late entries need a reason.");
        notes.MapPost("/{id:guid}/cosign", Cosign).RequireAuthorization(p => p.RequireRole(Permissions.Split(Permissions.WriteNotes)))
            .WithSummary("Co-sign a supervised author's signed note (their supervisor or a program director).");
        notes.MapPost("/{id:guid}/addenda", AddAddendum).RequireAuthorization(p => p.RequireRole(Permissions.Split(Permissions.WriteNotes)))
            .WithSummary("Add a signed addendum to a signed note: the only way to correct or add to it.");
        notes.MapGet("/awaiting-cosignature", AwaitingCosignature).RequireAuthorization(p => p.RequireRole(Permissions.Split(Permissions.WriteNotes)))
            .WithSummary("Notes waiting for your co-signature.");
        return api;
    }

    public static async Task<Results<Ok<List<NoteRow>>, ProblemHttpResult, ValidationProblem>> List(
        Guid id, string? kind, string? status, TrellisDbContext db, CancellationToken ct)
    {
        if (await Charts.FindAsync(db, id, ct) is null) return Problems.NotFound("participant");
        NoteKind? k = null; NoteStatus? s = null;
        if (kind is not null) { if (!EnumText.TryParse<NoteKind>(kind, out var parsed)) return Problems.Invalid("kind", $"'{kind}' is not a kind of note; use {EnumText.Allowed<NoteKind>()}."); k = parsed; }
        if (status is not null) { if (!EnumText.TryParse<NoteStatus>(status, out var parsed)) return Problems.Invalid("status", $"'{status}' is not a note status; use {EnumText.Allowed<NoteStatus>()}."); s = parsed; }
        var rows = await NoteQueries.RowsAsync(NoteQueries.OfParticipant(db, id, k, s).Take(500), ct);
        await db.AuditReadAsync(nameof(ClinicalNote), rows.Select(r => ((object)r.Id, (Guid?)id)), "note list", ct);
        return TypedResults.Ok(rows);
    }

    public static async Task<Results<Created<NoteDto>, ProblemHttpResult, ValidationProblem>> Create(
        Guid id, NoteInput input, TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        if (await Charts.FindAsync(db, id, ct) is not { } participant) return Problems.NotFound("participant");
        if (DeepValidation.Validate(input) is { Count: > 0 } invalid) return Problems.Invalid(DeepValidation.ToDictionary(invalid));
        if (!NoteFormats.MayWrite(http.User, input.Kind!.Value)) return Problems.Forbidden(NoteFormats.WhoWrites(input.Kind.Value));
        if (await ClinicalStaff.CurrentAsync(db, http.User, ct) is not { } author) return Problems.Forbidden("Only staff write notes.");
        var errors = await SaveNote.CheckAsync(db, participant, input, Charts.Today(db, participant), ct);
        if (errors.Count > 0) return Problems.Invalid(errors);
        var note = SaveNote.Create(db, participant, input, author);
        await SaveNote.ApplyAsync(db, note, input, ct);
        await db.SaveChangesAsync(ct);
        ETags.Set(http, note.Version);
        return TypedResults.Created($"/api/notes/{note.Id}", NoteDto.From(note));
    }

    public static async Task<Results<Ok<NoteDto>, ProblemHttpResult>> Get(Guid id, TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        if (await NoteQueries.GetAsync(db, id, ct: ct) is not { } note) return Problems.NotFound("note");
        await db.AuditReadAsync(nameof(ClinicalNote), note.Id, note.ParticipantId, ct);
        ETags.Set(http, note.Version);
        return TypedResults.Ok(NoteDto.From(note));
    }

    public static async Task<Results<Ok<NoteDto>, ProblemHttpResult, ValidationProblem>> Update(
        Guid id, NoteInput input, TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        if (await NoteQueries.GetAsync(db, id, tracking: true, ct) is not { } note) return Problems.NotFound("note");
        // A signed note is refused before anything else, whatever the body or headers say.
        if (NoteSigning.Locked(note, NoteQueries.Link(id)) is { } locked) return locked.ToProblem();
        if (note.GroupNoteId is not null)
            return Problems.Conflict("This is a participant's part of a group note: change it with PUT /api/group-sessions/{sessionId}/note.");
        if (DeepValidation.Validate(input) is { Count: > 0 } invalid) return Problems.Invalid(DeepValidation.ToDictionary(invalid));
        if (input.Kind != note.Kind) return Problems.Invalid("kind", $"A draft keeps its kind ({EnumText.ToApi(note.Kind)}); start a new note for another kind.");
        if (note.AuthorStaffId != ClinicalStaff.StaffId(http.User)) return Problems.Forbidden($"Only the author, {note.AuthorName}, can change this draft.");
        if (ETags.RequireIfMatch(http, out var version) is { } problem) return problem;
        if (version != note.Version) return Problems.Stale(note.Version);
        var participant = (await Charts.FindAsync(db, note.ParticipantId, ct))!;
        var errors = await SaveNote.CheckAsync(db, participant, input, Charts.Today(db, participant), ct);
        if (errors.Count > 0) return Problems.Invalid(errors);
        await SaveNote.ApplyAsync(db, note, input, ct);
        if (!await Concurrency.SaveIfUnchangedAsync(db, note, version, ct: ct)) return Problems.Stale(version + 1);
        ETags.Set(http, note.Version);
        return TypedResults.Ok(NoteDto.From(note));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Discard(Guid id, TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        if (await NoteQueries.GetAsync(db, id, tracking: true, ct) is not { } note) return Problems.NotFound("note");
        if (NoteSigning.Locked(note, NoteQueries.Link(id)) is { } locked) return locked.ToProblem();
        if (note.GroupNoteId is not null) return Problems.Conflict("A participant's part of a group note is part of the group note; clear its text there instead.");
        if (note.AuthorStaffId != ClinicalStaff.StaffId(http.User)) return Problems.Forbidden($"Only the author, {note.AuthorName}, can discard this draft.");
        SaveNote.Discard(db, note);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<List<SimilarText>>, ProblemHttpResult>> Similar(Guid id, TrellisDbContext db, CancellationToken ct)
    {
        if (await NoteQueries.GetAsync(db, id, ct: ct) is not { } note) return Problems.NotFound("note");
        var siblings = note.GroupNoteId is { } gid
            ? await db.Set<ClinicalNote>().AsNoTracking().Where(n => n.GroupNoteId == gid).ToListAsync(ct)
            : [note];
        var findings = await ClonedNoteCheck.FindAsync(db, siblings, ct);
        await db.AuditReadAsync(nameof(ClinicalNote), note.Id, note.ParticipantId, ct);
        return TypedResults.Ok(findings.Where(f => f.NoteId == note.Id).ToList());
    }

    public static async Task<Results<Ok<NoteDto>, ProblemHttpResult, ValidationProblem>> Sign(
        Guid id, SignNoteInput? input, TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        input ??= new();
        if (await NoteQueries.GetAsync(db, id, tracking: true, ct) is not { } note) return Problems.NotFound("note");
        if (NoteSigning.Locked(note, NoteQueries.Link(id)) is { } locked) return locked.ToProblem();
        if (note.GroupNote is { } group)
            return Problems.Conflict($"The parts of a group note are signed together with it: POST /api/group-sessions/{group.GroupSessionId}/note/sign.");
        if (await ClinicalStaff.CurrentAsync(db, http.User, ct) is not { } signer) return Problems.Forbidden("Only staff sign notes.");
        var participant = (await Charts.FindAsync(db, note.ParticipantId, ct))!;
        var refusal = await SignNotes.SignAsync(db, note, [note], signer, input, Charts.Today(db, participant), ct);
        if (refusal is not null) return refusal.IsValidation ? refusal.ToValidation() : refusal.ToProblem();
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { return Problems.Conflict("The note changed while you were signing it; load it again."); }
        ETags.Set(http, note.Version);
        return TypedResults.Ok(NoteDto.From(note));
    }

    public static async Task<Results<Ok<NoteDto>, ProblemHttpResult>> Cosign(Guid id, TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        if (await NoteQueries.GetAsync(db, id, tracking: true, ct) is not { } note) return Problems.NotFound("note");
        if (note.GroupNote is { } group)
            return Problems.Conflict($"A group note is co-signed as a whole: POST /api/group-sessions/{group.GroupSessionId}/note/cosign.");
        if (await ClinicalStaff.CurrentAsync(db, http.User, ct) is not { } cosigner) return Problems.Forbidden("Only staff co-sign notes.");
        if (NoteSigning.Cosign(note, cosigner, http.User.IsInRole(Roles.ProgramDirector), db.Now) is { } refusal) return refusal.ToProblem();
        await db.SaveChangesAsync(ct);
        ETags.Set(http, note.Version);
        return TypedResults.Ok(NoteDto.From(note));
    }

    public static async Task<Results<Created<AddendumDto>, ProblemHttpResult, ValidationProblem>> AddAddendum(
        Guid id, AddendumInput input, TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        if (await NoteQueries.GetAsync(db, id, tracking: true, ct) is not { } note) return Problems.NotFound("note");
        if (await ClinicalStaff.CurrentAsync(db, http.User, ct) is not { } author) return Problems.Forbidden("Only staff write addenda.");
        var (addendum, refusal) = SignNotes.AddAddendum(db, note, input.Text, author);
        if (refusal is not null) return refusal.IsValidation ? refusal.ToValidation() : refusal.ToProblem();
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/notes/{id}", new AddendumDto(addendum!.Id, addendum.Text, addendum.AuthorName, addendum.SignedAt));
    }

    public static async Task<Ok<List<NoteRow>>> AwaitingCosignature(TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        var rows = await NoteQueries.RowsAsync(SignNotes.AwaitingCosignatureBy(db, ClinicalStaff.StaffId(http.User), http.User.IsInRole(Roles.ProgramDirector)), ct);
        await db.AuditReadAsync(nameof(ClinicalNote), rows.Select(r => ((object)r.Id, (Guid?)r.ParticipantId)), "co-signature queue", ct);
        return TypedResults.Ok(rows);
    }
}
