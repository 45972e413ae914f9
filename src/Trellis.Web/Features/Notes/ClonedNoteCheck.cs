using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Participants;

namespace Trellis.Web.Features.Notes;

/// <param name="NoteId">The note being signed.</param>
/// <param name="OtherNoteId">The note it resembles; null when that note is in a chart outside the signer's scope.</param>
/// <param name="Where">"Dana Ruiz's part in this group", "their own group note of Nov 20, 2026" or "the author's individual therapy note for another participant of Nov 20, 2026".</param>
public sealed record SimilarText(Guid NoteId, Guid ParticipantId, string ParticipantName, Guid? OtherNoteId, string Where, double Similarity)
{
    public string Percent => $"{Similarity:P0}";
}

/// <summary>
/// Finds individual text nearly the same as another note (see <see cref="TextSimilarity"/>): another
/// attendee's part in the same group, the participant's own earlier notes, and the author's recent
/// notes in other charts, the common clone of a note copied from one chart to the next with only the
/// name changed. Names of both people and pronouns are normalised before comparing.
///
/// The author's own notes are read past the care-team scope (a clinician who changed programs still
/// copies from their old notes), but a finding in another chart never names that participant, and
/// one outside the signer's scope does not even carry the note's id: it says only "the author's note for
/// another participant" and its date: a note the signer wrote. (Worded for whoever reads it: the same
/// sentence is kept on the note when the signer confirms it.)
/// </summary>
public static class ClonedNoteCheck
{
    /// <summary>How many of the participant's latest signed notes each note is compared with.</summary>
    public const int EarlierNotesCompared = 10;

    /// <summary>How many of the author's latest signed notes in other charts, within <see cref="AuthorLookBackDays"/>, each note is compared with.</summary>
    public const int AuthorNotesCompared = 60;

    public const int AuthorLookBackDays = 60;

    private sealed record Other(Guid Id, Guid ParticipantId, NoteKind Kind, NoteFormat Format, DateOnly ServiceDate, Dictionary<string, string> Sections);

    public static async Task<List<SimilarText>> FindAsync(TrellisDbContext db, IReadOnlyList<ClinicalNote> notes, CancellationToken ct = default)
    {
        var found = new List<SimilarText>();
        if (notes.Count == 0) return found;
        var ids = notes.Select(n => n.Id).ToList();
        var byAuthor = await ByAuthorAsync(db, notes, ids, ct);
        var people = await NamesAsync(db, notes.Select(n => n.ParticipantId).Concat(byAuthor.Select(o => o.ParticipantId)), ct);
        string NameOf(Guid id) => people.TryGetValue(id, out var p) ? p.Display : "another participant";
        IEnumerable<string> NamesOf(params Guid[] who) => who.SelectMany(id => people.TryGetValue(id, out var p) ? p.Parts : []);

        // Every attendee's name counts as "a name": a part copied from Dana's to Kim's usually only swaps the names.
        var attendees = NamesOf([.. notes.Select(n => n.ParticipantId).Distinct()]).ToList();
        for (var i = 0; i < notes.Count; i++)
            for (var j = i + 1; j < notes.Count; j++)
            {
                var s = TextSimilarity.Similarity(Text(notes[i]), Text(notes[j]), attendees);
                if (!TextSimilarity.IsCloned(s)) continue;
                found.Add(new(notes[i].Id, notes[i].ParticipantId, NameOf(notes[i].ParticipantId), notes[j].Id, $"{NameOf(notes[j].ParticipantId)}'s part in this group", s));
                found.Add(new(notes[j].Id, notes[j].ParticipantId, NameOf(notes[j].ParticipantId), notes[i].Id, $"{NameOf(notes[i].ParticipantId)}'s part in this group", s));
            }

        var inScope = await VisibleAsync(db, byAuthor.Select(o => o.Id), ct);
        foreach (var note in notes)
        {
            foreach (var e in await EarlierAsync(db, note, ids, ct))
            {
                var s = TextSimilarity.Similarity(Text(note), NoteFormats.FullText(e.Format, e.Sections), NamesOf(note.ParticipantId));
                if (TextSimilarity.IsCloned(s))
                    found.Add(new(note.Id, note.ParticipantId, NameOf(note.ParticipantId), e.Id, $"their own {Kind(e.Kind)} note of {e.ServiceDate:MMM d, yyyy}", s));
            }
            foreach (var o in byAuthor.Where(o => o.ParticipantId != note.ParticipantId && o.Id != note.Id))
            {
                var s = TextSimilarity.Similarity(Text(note), NoteFormats.FullText(o.Format, o.Sections), NamesOf(note.ParticipantId, o.ParticipantId));
                if (TextSimilarity.IsCloned(s))
                    found.Add(new(note.Id, note.ParticipantId, NameOf(note.ParticipantId), inScope.Contains(o.Id) ? o.Id : null,
                        $"the author's {Kind(o.Kind)} note for another participant of {o.ServiceDate:MMM d, yyyy}", s));
            }
        }
        return found.OrderByDescending(f => f.Similarity).ToList();
    }

    /// <summary>One line per finding, kept with the note when the signer confirms it anyway.</summary>
    public static string Describe(IEnumerable<SimilarText> findings) =>
        "Signed after a cloned-text warning: " + string.Join("; ", findings.Select(f => $"{f.Percent} like {f.Where}")) + ".";

    private static string Text(ClinicalNote n) => NoteFormats.FullText(n.Format, n.Sections);

    private static string Kind(NoteKind kind) => NoteFormats.KindLabel(kind).ToLowerInvariant();

    private static Task<List<Other>> EarlierAsync(TrellisDbContext db, ClinicalNote note, List<Guid> ids, CancellationToken ct) =>
        db.Set<ClinicalNote>().AsNoTracking()
            .Where(n => n.ParticipantId == note.ParticipantId && n.Status != NoteStatus.Draft && !ids.Contains(n.Id))
            .OrderByDescending(n => n.ServiceDate).ThenByDescending(n => n.SignedAt).Take(EarlierNotesCompared)
            .Select(n => new Other(n.Id, n.ParticipantId, n.Kind, n.Format, n.ServiceDate, n.Sections)).ToListAsync(ct);

    /// <summary>The author's latest signed notes in any chart (past the scope: see the class remarks).</summary>
    private static async Task<List<Other>> ByAuthorAsync(TrellisDbContext db, IReadOnlyList<ClinicalNote> notes, List<Guid> ids, CancellationToken ct)
    {
        var authors = notes.Select(n => n.AuthorStaffId).Where(a => a is not null).Distinct().ToList();
        if (authors.Count == 0) return [];
        var since = notes.Min(n => n.ServiceDate).AddDays(-AuthorLookBackDays);
        return await db.Set<ClinicalNote>().IgnoreQueryFilters([TrellisDbContext.ScopeFilter]).AsNoTracking()
            .Where(n => authors.Contains(n.AuthorStaffId) && n.Status != NoteStatus.Draft && n.ServiceDate >= since && !ids.Contains(n.Id))
            .OrderByDescending(n => n.SignedAt).Take(AuthorNotesCompared)
            .Select(n => new Other(n.Id, n.ParticipantId, n.Kind, n.Format, n.ServiceDate, n.Sections)).ToListAsync(ct);
    }

    /// <summary>Names to normalise (and, for people in scope, to show). Read past the scope only to be replaced by a placeholder.</summary>
    private static async Task<Dictionary<Guid, (string Display, string[] Parts)>> NamesAsync(TrellisDbContext db, IEnumerable<Guid> participantIds, CancellationToken ct)
    {
        var wanted = participantIds.Distinct().ToList();
        var rows = await db.Participants.IgnoreQueryFilters([TrellisDbContext.ScopeFilter]).AsNoTracking().Where(p => wanted.Contains(p.Id))
            .Select(p => new { p.Id, p.LegalFirstName, p.LegalLastName, p.PreferredName }).ToListAsync(ct);
        return rows.ToDictionary(p => p.Id, p => (Participant.NameOf(p.PreferredName, p.LegalFirstName, p.LegalLastName), new[] { p.LegalFirstName, p.LegalLastName, p.PreferredName ?? "" }));
    }

    private static async Task<HashSet<Guid>> VisibleAsync(TrellisDbContext db, IEnumerable<Guid> noteIds, CancellationToken ct)
    {
        var list = noteIds.ToList();
        return list.Count == 0 ? [] : (await db.Set<ClinicalNote>().AsNoTracking().Where(n => list.Contains(n.Id)).Select(n => n.Id).ToListAsync(ct)).ToHashSet();
    }
}
