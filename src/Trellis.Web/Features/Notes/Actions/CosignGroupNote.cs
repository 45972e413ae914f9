using Trellis.Web.Features.Clinical;

namespace Trellis.Web.Features.Notes.Actions;

/// <summary>
/// Co-sign a supervised author's group note and, with it, every part: their supervisor, or a program
/// director. Called by the group note page and POST /api/group-sessions/{id}/note/cosign.
/// </summary>
public static class CosignGroupNote
{
    public static async Task<Result<SessionNote>> RunAsync(TrellisDbContext db, Guid sessionId, ETags.Expected expected, CancellationToken ct = default)
    {
        if (await GroupNoteQueries.FindAsync(db, sessionId, tracking: true, ct) is not { } sn) return Refusal.NotFound("group session");
        if (sn.Note is not { } note) return Refusal.NotFound("group note");
        if (await ClinicalStaff.CurrentAsync(db, ct) is not { } cosigner) return Refusal.Forbidden("Only staff co-sign notes.");
        if (NoteSigning.MayCosign(note, cosigner, db.Me.IsInRole(Auth.Roles.ProgramDirector)) is { } refused) return refused;
        if (expected.Check(note.Version) is { } stale) return stale;
        NoteSigning.Cosign(note, cosigner, db.Now);
        foreach (var part in note.Parts) NoteSigning.CopySignature(note, part);
        await db.SaveChangesAsync(ct);
        return sn;
    }
}
