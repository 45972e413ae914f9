namespace Trellis.Web.Features.Notes.Actions;

/// <summary>
/// Discard a draft: hidden from lists, kept with its audit trail. A signed note is never deleted, and a
/// group part is cleared on its group note. Called by the note page and DELETE /api/notes/{id}.
/// </summary>
public static class DiscardDraft
{
    public static async Task<Result<ClinicalNote>> RunAsync(TrellisDbContext db, Guid noteId, CancellationToken ct = default)
    {
        if (await NoteQueries.GetAsync(db, noteId, tracking: true, ct) is not { } note) return Refusal.NotFound("note");
        if (NoteSigning.Locked(note, NoteQueries.Link(noteId)) is { } locked) return locked;
        if (note.GroupNoteId is not null) return Refusal.Conflict("A participant's part of a group note is part of the group note; clear its text there instead.");
        if (note.AuthorStaffId != db.Me.StaffId) return Refusal.Forbidden($"Only the author, {note.AuthorName}, can discard this draft.");
        SaveNote.Discard(db, note);
        await db.SaveChangesAsync(ct);
        return note;
    }
}
