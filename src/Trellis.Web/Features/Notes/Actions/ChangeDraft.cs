using Trellis.Web.Features.Clinical;

namespace Trellis.Web.Features.Notes.Actions;

/// <summary>
/// Change a draft note: only its author, only while it is a draft, only from the version they last saw.
/// A signed note is refused before anything else (whatever the body or version say): it is corrected by
/// an addendum. Called by the note page and PUT /api/notes/{id}.
/// </summary>
public static class ChangeDraft
{
    public static async Task<Result<ClinicalNote>> RunAsync(TrellisDbContext db, Guid noteId, NoteInput input, ETags.Expected expected,
        CancellationToken ct = default)
    {
        if (await NoteQueries.GetAsync(db, noteId, tracking: true, ct) is not { } note) return Refusal.NotFound("note");
        if (NoteSigning.Locked(note, NoteQueries.Link(noteId)) is { } locked) return locked;
        if (note.GroupNoteId is not null)
            return Refusal.Conflict("This is a participant's part of a group note: change it with PUT /api/group-sessions/{sessionId}/note.");
        if (Validation.Check(input) is { } invalid) return invalid;
        if (input.Kind != note.Kind)
            return Refusal.Invalid("kind", $"A draft keeps its kind ({EnumText.ToApi(note.Kind)}); start a new note for another kind.");
        if (note.AuthorStaffId != db.Me.StaffId) return Refusal.Forbidden($"Only the author, {note.AuthorName}, can change this draft.");
        if (expected.Check(note.Version) is { } stale) return stale;
        var participant = (await Charts.FindAsync(db, note.ParticipantId, ct))!;
        if (await SaveNote.CheckAsync(db, participant, input, participant.Today(db.Now), ct) is { } refused) return refused;
        await SaveNote.ApplyAsync(db, note, input, ct);
        if (!await Concurrency.SaveIfUnchangedAsync(db, note, expected.Version, ct: ct)) return Refusal.Stale(expected.Version!.Value + 1);
        return note;
    }
}
