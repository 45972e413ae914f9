using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Clinical;

namespace Trellis.Web.Features.Notes.Actions;

/// <summary>
/// Sign and lock a draft as its author. Refused while a section is empty, while its text nearly repeats
/// another note (until the author confirms it is this person's), and for a late entry without a reason.
/// A group part is signed with its group note. Called by the note page and POST /api/notes/{id}/sign.
/// </summary>
public static class SignNote
{
    public static async Task<Result<ClinicalNote>> RunAsync(TrellisDbContext db, Guid noteId, SignNoteInput input, ETags.Expected expected, CancellationToken ct = default)
    {
        if (await NoteQueries.GetAsync(db, noteId, tracking: true, ct) is not { } note) return Refusal.NotFound("note");
        if (NoteSigning.Locked(note, NoteQueries.Link(noteId)) is { } locked) return locked;
        if (note.GroupNote is { } group)
            return Refusal.Conflict($"The parts of a group note are signed together with it: POST /api/group-sessions/{group.GroupSessionId}/note/sign.");
        if (await ClinicalStaff.CurrentAsync(db, ct) is not { } signer) return Refusal.Forbidden("Only staff sign notes.");
        if (SignNotes.MaySign(note, signer, NoteQueries.Link(noteId)) is { } mayNot) return mayNot;
        if (expected.Check(note.Version) is { } stale) return stale;
        if (NoteFormats.Missing(note.Format, note.Sections) is { Count: > 0 } missing)
            return Refusal.Invalid(missing.ToDictionary(s => $"sections.{s.Key}", s => new[] { $"Write the {s.Label.ToLowerInvariant()} before signing." }));
        var participant = (await Charts.FindAsync(db, note.ParticipantId, ct))!;
        if (await SignNotes.SignAsync(db, note, [note], signer, input, participant.Today(db.Now), ct) is { } refused) return refused;
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { return Refusal.Conflict("The note changed while you were signing it; load it again."); }
        return note;
    }
}
