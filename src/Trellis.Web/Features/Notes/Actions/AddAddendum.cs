using Trellis.Web.Features.Clinical;

namespace Trellis.Web.Features.Notes.Actions;

/// <summary>
/// Add a signed addendum to a signed note (or a signed group part): the only way to correct or add to
/// it. A draft is changed directly instead. Called by the note pages and POST /api/notes/{id}/addenda.
/// </summary>
public static class AddAddendum
{
    public const int MaxLength = 4000;

    public static async Task<Result<NoteAddendum>> RunAsync(TrellisDbContext db, Guid noteId, AddendumInput input, CancellationToken ct = default)
    {
        if (await NoteQueries.GetAsync(db, noteId, tracking: true, ct) is not { } note) return Refusal.NotFound("note");
        if (await ClinicalStaff.CurrentAsync(db, ct) is not { } author) return Refusal.Forbidden("Only staff write addenda.");
        if (note.Status == NoteStatus.Draft)
            return Refusal.Conflict("Still a draft", "This note is still a draft: change it directly. Addenda are for signed notes.");
        if (Validation.Check(input) is { } invalid) return invalid;
        var addendum = new NoteAddendum
        {
            NoteId = note.Id, ParticipantId = note.ParticipantId, Text = input.Text!.Trim(),
            AuthorStaffId = author.Id, AuthorName = ClinicalStaff.SignatureName(author), SignedAt = db.Now,
        };
        note.Addenda.Add(addendum);
        db.Set<NoteAddendum>().Add(addendum);
        await db.SaveChangesAsync(ct);
        return addendum;
    }
}
