using Microsoft.AspNetCore.Http.HttpResults;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Clinical;
using Trellis.Web.Features.Notes.Actions;

namespace Trellis.Web.Features.Notes;

/// <summary>The notes API: thin adapters over the actions in Actions/ (which the pages call too) and the shared reads.</summary>
public static class NotesApi
{
    public static RouteGroupBuilder MapNotesApi(this RouteGroupBuilder api)
    {
        var chart = api.MapGroup("/participants/{id:guid}/notes").WithTags("Notes");
        chart.MapGet("/", List).RequireAuthorization(Permissions.ReadClinical)
            .WithSummary("The participant's notes, newest first; filter by kind (individual, group, medication_management, case_management) and status.");
        chart.MapPost("/", Create).RequireAuthorization(Permissions.WriteNotes)
            .WithSummary("Start a draft note (individual DAP/BIRP/SOAP, medication management or case management), linked to the plan goals it addressed.");

        var notes = api.MapGroup("/notes").WithTags("Notes");
        notes.MapGet("/{id:guid}", Get).RequireAuthorization(Permissions.ReadClinical)
            .WithSummary("One note with its sections, goals, signatures and addenda. ETag: its version.");
        notes.MapPut("/{id:guid}", Update).RequireAuthorization(Permissions.WriteNotes)
            .WithSummary("Change a draft (If-Match required). A signed note answers 409: correct it with an addendum.");
        notes.MapDelete("/{id:guid}", Discard).RequireAuthorization(Permissions.WriteNotes)
            .WithSummary("Discard a draft (kept, hidden). A signed note can never be deleted: 409.");
        notes.MapGet("/{id:guid}/similar-text", Similar).RequireAuthorization(Permissions.ReadClinical)
            .WithSummary("The cloned-text check signing runs: the participant's earlier notes, other attendees' parts and the author's recent notes in other charts that this note nearly repeats (another chart's participant is never named).");
        notes.MapPost("/{id:guid}/sign", Sign).RequireAuthorization(Permissions.WriteNotes)
            .WithSummary("Sign and lock a draft as its author, with If-Match: the ETag of the version read (428 without, 412 stale). 409 if its text nearly repeats another note, until acknowledgeSimilarText is true; late entries need a reason.");
        notes.MapPost("/{id:guid}/cosign", Cosign).RequireAuthorization(Permissions.WriteNotes)
            .WithSummary("Co-sign a supervised author's signed note (their supervisor or a program director), with If-Match: the ETag of the version read.");
        notes.MapPost("/{id:guid}/addenda", AddendumAsync).RequireAuthorization(Permissions.WriteNotes)
            .WithSummary("Add a signed addendum to a signed note: the only way to correct or add to it.");
        notes.MapGet("/awaiting-cosignature", AwaitingCosignature).RequireAuthorization(Permissions.WriteNotes)
            .WithSummary("Notes waiting for your co-signature.");
        return api;
    }

    public static async Task<Results<Ok<List<NoteRow>>, ProblemHttpResult>> List(
        Guid id, string? kind, string? status, TrellisDbContext db, CancellationToken ct)
    {
        if (await Charts.FindAsync(db, id, ct) is null) return Refusal.NotFound("participant").ToProblem();
        NoteKind? k = null; NoteStatus? s = null;
        if (kind is not null) { if (!EnumText.TryParse<NoteKind>(kind, out var parsed)) return Refusal.Invalid("kind", $"'{kind}' is not a kind of note; use {EnumText.Allowed<NoteKind>()}.").ToProblem(); k = parsed; }
        if (status is not null) { if (!EnumText.TryParse<NoteStatus>(status, out var parsed)) return Refusal.Invalid("status", $"'{status}' is not a note status; use {EnumText.Allowed<NoteStatus>()}.").ToProblem(); s = parsed; }
        var rows = await NoteQueries.RowsAsync(NoteQueries.OfParticipant(db, id, k, s).Take(500), ct);
        await db.AuditReadAsync(nameof(ClinicalNote), rows.Select(r => ((object)r.Id, (Guid?)id)), "note list", ct);
        return TypedResults.Ok(rows);
    }

    public static async Task<Results<Created<NoteDto>, ProblemHttpResult>> Create(Guid id, NoteInput input, TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        var (note, refused) = await StartNote.RunAsync(db, id, input, ct);
        if (refused is not null) return refused.ToProblem();
        ETags.Set(http, note!.Version);
        return TypedResults.Created($"/api/notes/{note.Id}", NoteDto.From(note));
    }

    public static async Task<Results<Ok<NoteDto>, ProblemHttpResult>> Get(Guid id, TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        if (await NoteQueries.GetAsync(db, id, ct: ct) is not { } note) return Refusal.NotFound("note").ToProblem();
        await db.AuditReadAsync(nameof(ClinicalNote), note.Id, note.ParticipantId, ct);
        ETags.Set(http, note.Version);
        return TypedResults.Ok(NoteDto.From(note));
    }

    public static async Task<Results<Ok<NoteDto>, ProblemHttpResult>> Update(Guid id, NoteInput input, TrellisDbContext db, HttpContext http, CancellationToken ct) =>
        Answer(await ChangeDraft.RunAsync(db, id, input, ETags.From(http), ct), http);

    public static async Task<Results<NoContent, ProblemHttpResult>> Discard(Guid id, TrellisDbContext db, CancellationToken ct) =>
        (await DiscardDraft.RunAsync(db, id, ct)).Refusal is { } refused ? refused.ToProblem() : TypedResults.NoContent();

    public static async Task<Results<Ok<List<SimilarText>>, ProblemHttpResult>> Similar(Guid id, TrellisDbContext db, CancellationToken ct)
    {
        if (await NoteQueries.GetAsync(db, id, ct: ct) is not { } note) return Refusal.NotFound("note").ToProblem();
        var findings = await ClonedNoteCheck.FindAsync(db, await NoteQueries.SiblingsAsync(db, note, ct), ct);
        await db.AuditReadAsync(nameof(ClinicalNote), note.Id, note.ParticipantId, ct);
        return TypedResults.Ok(findings.Where(f => f.NoteId == note.Id).ToList());
    }

    public static async Task<Results<Ok<NoteDto>, ProblemHttpResult>> Sign(Guid id, SignNoteInput? input, TrellisDbContext db, HttpContext http, CancellationToken ct) =>
        Answer(await SignNote.RunAsync(db, id, input ?? new(), ETags.From(http), ct), http);

    public static async Task<Results<Ok<NoteDto>, ProblemHttpResult>> Cosign(Guid id, TrellisDbContext db, HttpContext http, CancellationToken ct) =>
        Answer(await CosignNote.RunAsync(db, id, ETags.From(http), ct), http);

    public static async Task<Results<Created<AddendumDto>, ProblemHttpResult>> AddendumAsync(Guid id, AddendumInput input, TrellisDbContext db, CancellationToken ct)
    {
        var (addendum, refused) = await AddAddendum.RunAsync(db, id, input, ct);
        if (refused is not null) return refused.ToProblem();
        return TypedResults.Created($"/api/notes/{id}", new AddendumDto(addendum!.Id, addendum.Text, addendum.AuthorName, addendum.SignedAt));
    }

    public static async Task<Ok<List<NoteRow>>> AwaitingCosignature(TrellisDbContext db, CancellationToken ct)
    {
        var rows = await NoteQueries.RowsAsync(SignNotes.AwaitingCosignatureBy(db, db.Me.StaffId, db.Me.IsInRole(Roles.ProgramDirector)), ct);
        await db.AuditReadAsync(nameof(ClinicalNote), rows.Select(r => ((object)r.Id, (Guid?)r.ParticipantId)), "co-signature queue", ct);
        return TypedResults.Ok(rows);
    }

    /// <summary>A changed note as the API answers it: the note with its new ETag, or the refusal.</summary>
    private static Results<Ok<NoteDto>, ProblemHttpResult> Answer(Result<ClinicalNote> result, HttpContext http)
    {
        if (result.Refusal is { } refused) return refused.ToProblem();
        ETags.Set(http, result.Value!.Version);
        return TypedResults.Ok(NoteDto.From(result.Value));
    }
}
