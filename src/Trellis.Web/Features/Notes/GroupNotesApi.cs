using Microsoft.AspNetCore.Http.HttpResults;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Notes.Actions;

namespace Trellis.Web.Features.Notes;

/// <param name="ParticipationLevel">active, responsive, minimal, withdrawn or disruptive (null until chosen).</param>
/// <param name="Presentation">euthymic, anxious, depressed, irritable, flat, labile, elevated or guarded.</param>
/// <param name="InterventionResponse">applied, receptive, ambivalent, resistant or not_assessed.</param>
/// <param name="Sections">participation (the required sentence), and the optional response, progress and plan.</param>
public sealed record GroupPartDto(Guid? NoteId, Guid ParticipantId, string ParticipantName, bool Attending,
    ParticipationLevel? ParticipationLevel, Presentation? Presentation, InterventionResponse? InterventionResponse,
    IReadOnlyDictionary<string, string> Sections, IReadOnlyList<NoteGoalDto> Goals, IReadOnlyList<NoteGoalDto> AvailableGoals,
    string? SimilarityWarning, IReadOnlyList<AddendumDto> Addenda)
{
    public static GroupPartDto From(ClinicalNote? p, Guid participantId, string name, bool attending, IEnumerable<NoteGoalDto> available) =>
        new(p?.Id, participantId, name, attending, p?.ParticipationLevel, p?.Presentation, p?.InterventionResponse, p?.Sections ?? [],
            p is null ? [] : NoteDto.GoalsOf(p), available.ToList(), p?.SimilarityWarning, p is null ? [] : NoteDto.AddendaOf(p));
}

/// <param name="Exists">False until the first save: the answer is then a blank note with a part for each attendee.</param>
/// <param name="Parts">Attendees' parts in order (errors at signing name them by this order, e.g. parts[2].presentation), then any part of someone no longer marked as attending.</param>
public sealed record GroupNoteDto(bool Exists, Guid? Id, Guid GroupSessionId, string SessionTitle, DateOnly ServiceDate, string Topic, string Summary,
    string Status, string? Author, NoteSignatureDto Signature, IReadOnlyList<GroupPartDto> Parts, long Version)
{
    public static GroupNoteDto From(SessionNote sn)
    {
        var (session, note, attendees) = sn;
        var parts = attendees.Select(a => GroupPartDto.From(note?.Parts.FirstOrDefault(x => x.ParticipantId == a.ParticipantId), a.ParticipantId, a.Name, true,
            a.Goals.Select(g => new NoteGoalDto(g.Id, g.OwnWords)))).ToList();
        parts.AddRange(sn.Orphans.Select(p => GroupPartDto.From(p, p.ParticipantId, "(no longer marked as attending)", false, [])));
        return new GroupNoteDto(note is not null, note?.Id, session.Id, session.Title, session.LocalDate, note?.Topic ?? session.Title, note?.Summary ?? "",
            EnumText.ToApi(note?.Status ?? NoteStatus.Draft), note?.AuthorName,
            note is null ? new NoteSignatureDto(null, null, false, null, false, null, null, null) : NoteDto.SignatureOf(note, null), parts, note?.Version ?? 0);
    }
}

/// <summary>The group note API: thin adapters over the group note actions in Actions/ (which the page calls too).</summary>
public static class GroupNotesApi
{
    private const string PartShape =
        "Each part: participantId; the structured choices participationLevel (active, responsive, minimal, withdrawn, disruptive), " +
        "presentation (euthymic, anxious, depressed, irritable, flat, labile, elevated, guarded) and interventionResponse " +
        "(applied, receptive, ambivalent, resistant, not_assessed); goalIds (the plan goals the session addressed); and sections: " +
        "participation, one sentence of what this person said or did (required to sign), with optional response, progress and plan.";

    public static RouteGroupBuilder MapGroupNotesApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/group-sessions/{id:guid}/note").WithTags("Notes");
        g.MapGet("/", Get).RequireAuthorization(Permissions.ReadClinical)
            .WithSummary("The session's group note: the group's part and an individual part per attendee with its structured choices (blank with exists=false before the first save).")
            .WithDescription(PartShape);
        g.MapPut("/", Put).RequireAuthorization(Permissions.WriteNotes)
            .WithSummary("Save the group note draft: topic, summary and each attendee's part (participationLevel, presentation, interventionResponse, goalIds, sections). If-Match once it exists. 409 once signed.")
            .WithDescription(PartShape + " A draft may leave any of them out.");
        g.MapPost("/sign", Sign).RequireAuthorization(Permissions.WriteNotes)
            .WithSummary("Sign the group note and every part, with If-Match: the ETag of the version read (428 without, 412 stale). 400 until every attendee has the three choices, a plan goal and their sentence (errors keyed parts[i].field, naming the attendee); 409 while a part nearly repeats another note, until acknowledged.")
            .WithDescription("A part is compared with the other attendees' parts, the participant's latest notes and the author's recent notes in other charts (names and pronouns aside). Late entries need lateEntryReason.");
        g.MapPost("/cosign", Cosign).RequireAuthorization(Permissions.WriteNotes)
            .WithSummary("Co-sign a supervised author's group note and its parts, with If-Match: the ETag of the version read.");
        return api;
    }

    public static async Task<Results<Ok<GroupNoteDto>, ProblemHttpResult>> Get(Guid id, TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        if (await GroupNoteQueries.FindAsync(db, id, ct: ct) is not { } sn) return Refusal.NotFound("group session").ToProblem();
        if (sn.Note is { } note)
        {
            await db.AuditReadAsync(nameof(ClinicalNote), note.Parts.Select(p => ((object)p.Id, (Guid?)p.ParticipantId)), "group note", ct);
            ETags.Set(http, note.Version);
        }
        return TypedResults.Ok(GroupNoteDto.From(sn));
    }

    public static async Task<Results<Ok<GroupNoteDto>, ProblemHttpResult>> Put(Guid id, GroupNoteInput input, TrellisDbContext db, HttpContext http, CancellationToken ct) =>
        Answer(await SaveGroupNoteDraft.RunAsync(db, id, input, ETags.From(http), ct), http);

    public static async Task<Results<Ok<GroupNoteDto>, ProblemHttpResult>> Sign(Guid id, SignNoteInput? input, TrellisDbContext db, HttpContext http, CancellationToken ct) =>
        Answer(await SignGroupNote.RunAsync(db, id, input ?? new(), ETags.From(http), ct), http);

    public static async Task<Results<Ok<GroupNoteDto>, ProblemHttpResult>> Cosign(Guid id, TrellisDbContext db, HttpContext http, CancellationToken ct) =>
        Answer(await CosignGroupNote.RunAsync(db, id, ETags.From(http), ct), http);

    private static Results<Ok<GroupNoteDto>, ProblemHttpResult> Answer(Result<SessionNote> result, HttpContext http)
    {
        if (result.Refusal is { } refused) return refused.ToProblem();
        ETags.Set(http, result.Value!.Note!.Version);
        return TypedResults.Ok(GroupNoteDto.From(result.Value));
    }
}
