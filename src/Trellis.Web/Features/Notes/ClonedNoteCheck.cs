using Trellis.Web.Features.Participants;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;

namespace Trellis.Web.Features.Notes;

/// <param name="NoteId">The note being signed.</param>
/// <param name="OtherNoteId">The note it resembles.</param>
/// <param name="Where">"Dana Ruiz's part in this group" or "their own group note of Nov 20, 2026".</param>
public sealed record SimilarText(Guid NoteId, Guid ParticipantId, string ParticipantName, Guid OtherNoteId, string Where, double Similarity)
{
    public string Percent => $"{Similarity:P0}";
}

/// <summary>Finds individual text nearly the same as another attendee's part or the participant's own earlier notes (see <see cref="TextSimilarity"/>).</summary>
public static class ClonedNoteCheck
{
    /// <summary>How many of the participant's latest signed notes each note is compared with.</summary>
    public const int EarlierNotesCompared = 10;

    public static async Task<List<SimilarText>> FindAsync(TrellisDbContext db, IReadOnlyList<ClinicalNote> notes, CancellationToken ct = default)
    {
        var found = new List<SimilarText>();
        var participantIds = notes.Select(n => n.ParticipantId).Distinct().ToList();
        var people = await db.Participants.AsNoTracking().Where(p => participantIds.Contains(p.Id))
            .Select(p => new { p.Id, p.LegalFirstName, p.LegalLastName, p.PreferredName }).ToListAsync(ct);
        string NameOf(Guid id) => people.FirstOrDefault(p => p.Id == id) is { } p ? Participant.NameOf(p.PreferredName, p.LegalFirstName, p.LegalLastName) : "another participant";
        // Every attendee's name counts as "a name": a part copied from Dana's to Kim's usually only swaps the names.
        var names = people.SelectMany(p => new[] { p.LegalFirstName, p.LegalLastName, p.PreferredName ?? "" }).ToList();

        for (var i = 0; i < notes.Count; i++)
            for (var j = i + 1; j < notes.Count; j++)
            {
                var s = TextSimilarity.Similarity(Text(notes[i]), Text(notes[j]), names);
                if (!TextSimilarity.IsCloned(s)) continue;
                found.Add(new(notes[i].Id, notes[i].ParticipantId, NameOf(notes[i].ParticipantId), notes[j].Id, $"{NameOf(notes[j].ParticipantId)}'s part in this group", s));
                found.Add(new(notes[j].Id, notes[j].ParticipantId, NameOf(notes[j].ParticipantId), notes[i].Id, $"{NameOf(notes[i].ParticipantId)}'s part in this group", s));
            }

        var ids = notes.Select(n => n.Id).ToList();
        foreach (var note in notes)
        {
            var earlier = await db.Set<ClinicalNote>().AsNoTracking()
                .Where(n => n.ParticipantId == note.ParticipantId && n.Status != NoteStatus.Draft && !ids.Contains(n.Id))
                .OrderByDescending(n => n.ServiceDate).ThenByDescending(n => n.SignedAt).Take(EarlierNotesCompared)
                .Select(n => new { n.Id, n.Kind, n.Format, n.ServiceDate, n.Sections }).ToListAsync(ct);
            var own = people.Where(p => p.Id == note.ParticipantId).SelectMany(p => new[] { p.LegalFirstName, p.LegalLastName, p.PreferredName ?? "" });
            foreach (var e in earlier)
            {
                var s = TextSimilarity.Similarity(Text(note), NoteFormats.FullText(e.Format, e.Sections), own);
                if (TextSimilarity.IsCloned(s))
                    found.Add(new(note.Id, note.ParticipantId, NameOf(note.ParticipantId), e.Id,
                        $"their own {NoteFormats.KindLabel(e.Kind).ToLowerInvariant()} note of {e.ServiceDate:MMM d, yyyy}", s));
            }
        }
        return found.OrderByDescending(f => f.Similarity).ToList();
    }

    /// <summary>One line per finding, kept with the note when the signer confirms it anyway.</summary>
    public static string Describe(IEnumerable<SimilarText> findings) =>
        "Signed after a cloned-text warning: " + string.Join("; ", findings.Select(f => $"{f.Percent} like {f.Where}")) + ".";

    private static string Text(ClinicalNote n) => NoteFormats.FullText(n.Format, n.Sections);
}
