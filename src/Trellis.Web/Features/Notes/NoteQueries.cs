using Trellis.Web.Features.Participants;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;
using Trellis.Web.Infrastructure;

namespace Trellis.Web.Features.Notes;

public sealed record NoteGoalDto(Guid GoalId, string GoalText);
public sealed record AddendumDto(Guid Id, string Text, string Author, DateTimeOffset SignedAt);
public sealed record NoteSignatureDto(string? SignedBy, DateTimeOffset? SignedAt, bool IsLateEntry, string? LateEntryReason,
    bool CosignRequired, string? CosignedBy, DateTimeOffset? CosignedAt, string? SimilarityWarning);

/// <param name="Status">draft, awaiting_cosignature or locked.</param>
/// <param name="ParticipationLevel">Group parts only, like <paramref name="Presentation"/> and <paramref name="InterventionResponse"/>: the structured choices.</param>
public sealed record NoteDto(Guid Id, Guid ParticipantId, string Kind, string Format, DateOnly ServiceDate, int? Minutes,
    Guid? AppointmentId, Guid? GroupNoteId, Guid? GroupSessionId, string? GroupTopic, string? GroupSummary,
    IReadOnlyDictionary<string, string> Sections, IReadOnlyList<NoteGoalDto> Goals, string Status, string Author,
    DateTimeOffset CreatedAt, NoteSignatureDto Signature, IReadOnlyList<AddendumDto> Addenda, long Version,
    ParticipationLevel? ParticipationLevel, Presentation? Presentation, InterventionResponse? InterventionResponse,
    Scheduling.Modality? Modality = null, string? ParticipantLocation = null)
{
    public static NoteDto From(ClinicalNote n) => new(n.Id, n.ParticipantId, EnumText.ToApi(n.Kind), EnumText.ToApi(n.Format), n.ServiceDate, n.Minutes,
        n.AppointmentId, n.GroupNoteId, n.GroupNote?.GroupSessionId, n.GroupNote?.Topic, n.GroupNote?.Summary, n.Sections,
        GoalsOf(n), EnumText.ToApi(n.Status), n.AuthorName, n.CreatedAt, SignatureOf(n, n.SimilarityWarning), AddendaOf(n), n.Version,
        n.ParticipationLevel, n.Presentation, n.InterventionResponse, n.Modality, n.ParticipantLocation);

    public static List<NoteGoalDto> GoalsOf(ClinicalNote n) => n.Goals.Select(g => new NoteGoalDto(g.GoalId, g.GoalText)).ToList();

    public static List<AddendumDto> AddendaOf(ClinicalNote n) =>
        n.Addenda.OrderBy(a => a.SignedAt).Select(a => new AddendumDto(a.Id, a.Text, a.AuthorName, a.SignedAt)).ToList();

    public static NoteSignatureDto SignatureOf(ISignedRecord r, string? similarityWarning) =>
        new(r.SignedByName, r.SignedAt, r.IsLateEntry, r.LateEntryReason, r.CosignRequired, r.CosignedByName, r.CosignedAt, similarityWarning);
}

public sealed record NoteRow(Guid Id, Guid ParticipantId, string ParticipantName, NoteKind Kind, NoteFormat Format, DateOnly ServiceDate,
    NoteStatus Status, string AuthorName, bool IsLateEntry, int Addenda, int Goals, string? GroupTopic, Guid? GroupSessionId, DateTimeOffset UpdatedAt);

public static class NoteQueries
{
    /// <summary>One note with its goals, addenda and group, within the caller's scope.</summary>
    public static Task<ClinicalNote?> GetAsync(TrellisDbContext db, Guid id, bool tracking = false, CancellationToken ct = default)
    {
        var q = db.Set<ClinicalNote>().Include(n => n.Goals).Include(n => n.Addenda).Include(n => n.GroupNote).AsSplitQuery();
        return (tracking ? q : q.AsNoTracking()).FirstOrDefaultAsync(n => n.Id == id, ct);
    }

    /// <summary>Shapes notes for lists; filter and order the query first.</summary>
    public static Task<List<NoteRow>> RowsAsync(IQueryable<ClinicalNote> notes, CancellationToken ct = default) =>
        notes.AsNoTracking().Select(n => new NoteRow(n.Id, n.ParticipantId,
            Participant.NameOf(n.Participant!.PreferredName, n.Participant.LegalFirstName, n.Participant.LegalLastName),
            n.Kind, n.Format, n.ServiceDate, n.Status, n.AuthorName, n.IsLateEntry, n.Addenda.Count, n.Goals.Count,
            n.GroupNote != null ? n.GroupNote.Topic : null, n.GroupNote != null ? n.GroupNote.GroupSessionId : null, n.UpdatedAt)).ToListAsync(ct);

    public static IQueryable<ClinicalNote> OfParticipant(TrellisDbContext db, Guid participantId, NoteKind? kind = null, NoteStatus? status = null)
    {
        var q = db.Set<ClinicalNote>().Where(n => n.ParticipantId == participantId);
        if (kind is { } k) q = q.Where(n => n.Kind == k);
        if (status is { } s) q = q.Where(n => n.Status == s);
        return q.OrderByDescending(n => n.ServiceDate).ThenByDescending(n => n.CreatedAt);
    }

    /// <summary>The notes written together with this one: the parts of its group note, or itself alone.</summary>
    public static async Task<List<ClinicalNote>> SiblingsAsync(TrellisDbContext db, ClinicalNote note, CancellationToken ct = default) =>
        note.GroupNoteId is { } gid ? await db.Set<ClinicalNote>().AsNoTracking().Where(n => n.GroupNoteId == gid).ToListAsync(ct) : [note];

    public static string Link(Guid noteId) => $"/api/notes/{noteId}/addenda";
}
