using Trellis.Web.Data;
using Trellis.Web.Features.Clinical;
using Trellis.Web.Features.Staff;

namespace Trellis.Web.Features.Notes;

/// <summary>The signing rules shared by a note and a whole group note (with the cloned-text check).</summary>
public static class SignNotes
{
    /// <summary>Who may sign at all: a draft, by its author (a signature attests who wrote it).</summary>
    public static Refusal? MaySign(ISignedRecord record, StaffMember signer, string addendaLink)
    {
        if (NoteSigning.Locked(record, addendaLink) is { } locked) return locked;
        if (record.AuthorStaffId != signer.Id)
            return Refusal.Forbidden($"Only the author, {record.AuthorName}, can sign this note: a signature attests who wrote it.");
        return null;
    }

    /// <summary>
    /// Signs <paramref name="record"/> (a note, or a group note) and every note in <paramref name="notes"/>
    /// (itself, or the group's parts), once the caller has found it complete (<see cref="MaySign"/> first).
    /// Refused while a part's text nearly repeats another note, unless the signer acknowledged it; the
    /// acknowledgement is kept on each such note. Each note records its modality as it is signed (<see cref="NoteModality"/>).
    /// </summary>
    public static async Task<Refusal?> SignAsync(TrellisDbContext db, ISignedRecord record, IReadOnlyList<ClinicalNote> notes,
        StaffMember signer, SignNoteInput input, DateOnly today, CancellationToken ct = default)
    {
        var addenda = notes.Count == 1 && ReferenceEquals(notes[0], record) ? NoteQueries.Link(notes[0].Id) : "/api/notes/{partId}/addenda";
        var findings = await ClonedNoteCheck.FindAsync(db, notes, ct);
        if (findings.Count > 0 && !input.AcknowledgeSimilarText)
            return Refusal.Conflict("Nearly the same as another note",
                "Before signing, check these: " + string.Join("; ", findings.Select(f => $"{f.ParticipantName}'s text is {f.Percent} like {f.Where}")) +
                ". Cloned text is the first thing auditors flag. Rewrite it for this person, or confirm it is theirs with acknowledgeSimilarText.",
                new Dictionary<string, object?> { ["similar"] = findings, ["threshold"] = TextSimilarity.ClonedThreshold });

        if (NoteSigning.Sign(record, signer, today, db.Now, input.LateEntryReason, addenda) is { } refused) return refused;
        await NoteModality.StampAsync(db, notes, (record as GroupNote)?.GroupSessionId, ct);
        foreach (var note in notes)
        {
            if (!ReferenceEquals(note, record)) NoteSigning.CopySignature(record, note);
            var mine = findings.Where(f => f.NoteId == note.Id).ToList();
            note.SimilarityWarning = mine.Count == 0 ? null : ClonedNoteCheck.Describe(mine);
        }
        return null;
    }

    /// <summary>Signed notes waiting for this staff member's co-signature (a program director sees all in their programs).</summary>
    public static IQueryable<ClinicalNote> AwaitingCosignatureBy(TrellisDbContext db, Guid? staffId, bool isProgramDirector) =>
        db.Set<ClinicalNote>().Where(n => n.Status == NoteStatus.AwaitingCosignature
                && (n.CosignerStaffId == staffId || (isProgramDirector && n.AuthorStaffId != staffId)))
            .OrderBy(n => n.SignedAt);
}
