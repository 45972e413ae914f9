using Trellis.Web.Features.Clinical;

namespace Trellis.Web.Features.Notes.Actions;

/// <summary>
/// Co-sign a supervised author's signed note: their supervisor, or a program director. A group part is
/// co-signed with its group note. Called by the note page and POST /api/notes/{id}/cosign.
/// </summary>
public static class CosignNote
{
    public static async Task<Result<ClinicalNote>> RunAsync(TrellisDbContext db, Guid noteId, ETags.Expected expected, CancellationToken ct = default)
    {
        if (await NoteQueries.GetAsync(db, noteId, tracking: true, ct) is not { } note) return Refusal.NotFound("note");
        if (note.GroupNote is { } group)
            return Refusal.Conflict($"A group note is co-signed as a whole: POST /api/group-sessions/{group.GroupSessionId}/note/cosign.");
        if (await ClinicalStaff.CurrentAsync(db, ct) is not { } cosigner) return Refusal.Forbidden("Only staff co-sign notes.");
        if (NoteSigning.MayCosign(note, cosigner, db.Me.IsInRole(Auth.Roles.ProgramDirector)) is { } refused) return refused;
        if (expected.Check(note.Version) is { } stale) return stale;
        NoteSigning.Cosign(note, cosigner, db.Now);
        await db.SaveChangesAsync(ct);
        return note;
    }
}
