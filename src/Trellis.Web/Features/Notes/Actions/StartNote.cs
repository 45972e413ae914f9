using Trellis.Web.Features.Clinical;

namespace Trellis.Web.Features.Notes.Actions;

/// <summary>
/// Start a draft note in a participant's chart: individual (DAP, BIRP, SOAP), medication management or
/// case management, linked to the plan goals it addressed. The chart page and POST
/// /api/participants/{id}/notes both call this; neither repeats its checks.
/// </summary>
public static class StartNote
{
    public static async Task<Result<ClinicalNote>> RunAsync(TrellisDbContext db, Guid participantId, NoteInput input, CancellationToken ct = default)
    {
        if (await Charts.FindAsync(db, participantId, ct) is not { } participant) return Refusal.NotFound("participant");
        if (Validation.Check(input) is { } invalid) return invalid;
        if (!NoteFormats.MayWrite(db.Me, input.Kind!.Value)) return Refusal.Forbidden(NoteFormats.WhoWrites(input.Kind.Value));
        if (await ClinicalStaff.CurrentAsync(db, ct) is not { } author) return Refusal.Forbidden("Only staff write notes.");
        if (await SaveNote.CheckAsync(db, participant, input, participant.Today(db.Now), ct) is { } refused) return refused;
        var note = SaveNote.Create(db, participant, input, author);
        await SaveNote.ApplyAsync(db, note, input, ct);
        await db.SaveChangesAsync(ct);
        return note;
    }
}
