using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;

namespace Trellis.Web.Features.Participants;

public sealed record ParticipantSummary(
    Guid Id, string Mrn, string DisplayName, string LegalName, string? Pronouns, DateOnly DateOfBirth,
    ParticipantStatus Status, Guid ProgramId, string ProgramName, Guid? TrackId, string? TrackName, DateOnly? AdmittedOn,
    string? PreferredLanguage = null, bool InterpreterNeeded = false);

public sealed record ParticipantPage(IReadOnlyList<ParticipantSummary> Items, int Total, int Page, int PageSize);

/// <summary>The participant list and search, shared by the API and the list page.</summary>
public static class ParticipantQueries
{
    public const int MaxPageSize = 100;
    public const int MaxSearch = 100;

    /// <summary>The words of a search, lower-cased; at most five are used.</summary>
    public static IEnumerable<string> Terms(string? search) =>
        (search ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => t.ToLowerInvariant()).Distinct().Take(5);

    public static async Task<ParticipantPage> ListAsync(TrellisDbContext db, string? search, Guid? programId, ParticipantStatus? status,
        int page, int pageSize, CancellationToken ct = default, bool deleted = false)
    {
        // Scoping is not applied here: the context's query filter already limits rows to the caller's care team.
        // The deleted list lifts only the soft-delete filter, never the scope.
        var query = deleted
            ? db.Participants.IgnoreQueryFilters([TrellisDbContext.SoftDeleteFilter]).AsNoTracking().Where(p => p.IsDeleted)
            : db.Participants.AsNoTracking();
        // Every word must match the legal first or last name, the preferred name or the MRN: "Ro Quill",
        // "Rowan Quillfeather" and "TR123456" all find the same person.
        foreach (var term in Terms(search))
            query = query.Where(p => p.LegalLastName.ToLower().Contains(term) || p.LegalFirstName.ToLower().Contains(term)
                || (p.PreferredName != null && p.PreferredName.ToLower().Contains(term)) || p.Mrn.ToLower().Contains(term));
        if (programId is { } prog) query = query.Where(p => p.ProgramId == prog);
        if (status is { } st) query = query.Where(p => p.Status == st);

        var total = await query.CountAsync(ct);
        var rows = await query.OrderBy(p => p.LegalLastName).ThenBy(p => p.LegalFirstName).ThenBy(p => p.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(p => new
            {
                p.Id, p.Mrn, p.LegalFirstName, p.LegalLastName, p.PreferredName, p.Pronouns, p.DateOfBirth, p.Status,
                p.ProgramId, ProgramName = p.Program!.Name, p.TrackId, TrackName = p.Track != null ? p.Track.Name : null, p.AdmittedOn,
                p.PreferredLanguage, p.InterpreterNeeded,
            })
            .ToListAsync(ct);
        var items = rows.Select(r => new ParticipantSummary(r.Id, r.Mrn, Participant.NameOf(r.PreferredName, r.LegalFirstName, r.LegalLastName),
            $"{r.LegalFirstName} {r.LegalLastName}", r.Pronouns, r.DateOfBirth, r.Status, r.ProgramId, r.ProgramName,
            r.TrackId, r.TrackName, r.AdmittedOn, r.PreferredLanguage, r.InterpreterNeeded)).ToList();

        await db.AuditReadAsync(nameof(Participant), items.Select(i => ((object)i.Id, (Guid?)i.Id)), deleted ? "deleted participant list" : "participant list", ct);
        return new ParticipantPage(items, total, page, pageSize);
    }

    /// <summary>The whole chart header and demographics of one participant, or null when out of scope or absent.</summary>
    public static async Task<Participant?> GetAsync(TrellisDbContext db, Guid id, bool includeDeleted = false, CancellationToken ct = default)
    {
        var query = db.Participants.AsNoTracking().AsSplitQuery()
            .Include(p => p.Program).Include(p => p.Track).Include(p => p.Diagnoses)
            .Include(p => p.LevelOfCareHistory).Include(p => p.Enrollments).ThenInclude(e => e.Track).AsQueryable();
        if (includeDeleted) query = query.IgnoreQueryFilters([TrellisDbContext.SoftDeleteFilter]);
        var participant = await query.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (participant is not null) await db.AuditReadAsync(nameof(Participant), participant.Id, participant.Id, ct);
        return participant;
    }
}
