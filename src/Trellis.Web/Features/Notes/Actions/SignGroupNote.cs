using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Clinical;

namespace Trellis.Web.Features.Notes.Actions;

/// <summary>
/// Sign a group note and every attendee's part together, as its author. Refused until the group
/// summary and every attendee's choices, goal and sentence are there (each message names the attendee
/// and the field), while a part nearly repeats another note (until the author confirms it), and for a
/// late entry without a reason. Called by the group note page and POST /api/group-sessions/{id}/note/sign.
/// </summary>
public static class SignGroupNote
{
    public static async Task<Result<SessionNote>> RunAsync(TrellisDbContext db, Guid sessionId, SignNoteInput input, ETags.Expected expected, CancellationToken ct = default)
    {
        if (await GroupNoteQueries.FindAsync(db, sessionId, tracking: true, ct) is not { } sn) return Refusal.NotFound("group session");
        if (sn.Note is not { } note) return new Refusal(404, "No note yet", "Write the group note (PUT) before signing it.");
        const string addenda = "/api/notes/{partId}/addenda";
        if (NoteSigning.Locked(note, addenda) is { } locked) return locked;
        if (await ClinicalStaff.CurrentAsync(db, ct) is not { } signer) return Refusal.Forbidden("Only staff sign notes.");
        if (SignNotes.MaySign(note, signer, addenda) is { } mayNot) return mayNot;
        if (expected.Check(note.Version) is { } stale) return stale;
        if (GroupNoteRules.Incomplete(sn) is { } incomplete) return incomplete;
        // An empty part left for someone no longer marked as attending is dropped, not signed.
        foreach (var orphan in sn.Orphans)
        {
            note.Parts.Remove(orphan);
            SaveNote.Discard(db, orphan);
        }
        var today = ProgramClock.Today(db.Now, sn.Session.Program?.TimeZoneId);
        if (await SignNotes.SignAsync(db, note, sn.OrderedParts, signer, input, today, ct) is { } refused) return refused;
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { return Refusal.Conflict("The note changed while you were signing it; load it again."); }
        return sn;
    }
}
