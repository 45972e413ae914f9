using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;

namespace Trellis.Web.Features.Admissions;

public sealed record LeadRow(Guid Id, string Name, Guid? ProgramId, string? ProgramName, AdmissionStage Stage, DateTimeOffset StageEnteredAt,
    DateTimeOffset ReceivedAt, Guid? OwnerStaffId, string? OwnerName, InquirySource Source, bool SafetyConcern, Guid? ParticipantId, string? Mrn,
    string? ReferredTo, string? OutcomeReason, DateTimeOffset? ClosedAt = null)
{
    /// <summary>Open until it reaches an outcome (admitted, referred, closed): the definition <see cref="LeadQueries.Open"/> queries.</summary>
    public bool IsOpen => ClosedAt is null;

    public TimeSpan InStage(DateTimeOffset now) => now - StageEnteredAt;
    public bool Overdue(DateTimeOffset now) => AdmissionStages.IsOverdue(Stage, InStage(now));
}

public sealed record LeadFilter(AdmissionStage? Stage = null, Guid? ProgramId = null, Guid? OwnerStaffId = null, string? Search = null,
    bool OpenOnly = false, bool Unassigned = false, DateTimeOffset? ClosedSince = null);

public sealed record StepDto(AdmissionStage Stage, DateTimeOffset EnteredAt, Guid? OwnerStaffId, string? OwnerName, string? By, string? Note);

public sealed record LeadDto(Guid Id, Guid? ProgramId, string? ProgramName, Guid? ParticipantId, string? Mrn, AdmissionStage Stage,
    DateTimeOffset StageEnteredAt, Guid? OwnerStaffId, InquirySource Source, DateTimeOffset ReceivedAt, string? ReferredBy,
    string FirstName, string? LastName, string? Phone, string? Email, ContactMethod PreferredContact, string? BestTimeToReach,
    bool MessageMayNameClinic, string? LookingFor, bool ConsentToContact, string? SelfCheckSummary, Organization.LevelOfCare? SelfCheckSuggestedLevel,
    bool SafetyConcern, string? ReferredTo, string? OutcomeReason, Guid? WaitlistTrackId, DateTimeOffset? ClosedAt, long Version,
    IReadOnlyList<StepDto> Steps)
{
    public static LeadDto From(AdmissionCase c) => new(c.Id, c.ProgramId, c.Program?.Name, c.ParticipantId, c.Participant?.Mrn, c.Stage,
        c.StageEnteredAt, c.OwnerStaffId, c.Source, c.ReceivedAt, c.ReferredBy, c.FirstName, c.LastName, c.Phone, c.Email, c.PreferredContact,
        c.BestTimeToReach, c.MessageMayNameClinic, c.LookingFor, c.ConsentToContact, c.SelfCheckSummary, c.SelfCheckSuggestedLevel,
        c.SafetyConcern, c.ReferredTo, c.OutcomeReason, c.WaitlistTrackId, c.ClosedAt, c.Version,
        c.Steps.OrderBy(s => s.EnteredAt).Select(s => new StepDto(s.Stage, s.EnteredAt, s.OwnerStaffId, s.OwnerName, s.ByName, s.Note)).ToList());
}

/// <summary>The board, the list and the figures' data, always through <see cref="AdmissionScope"/>, with reads audited.</summary>
public static class LeadQueries
{
    /// <summary>
    /// Open leads: not yet admitted, referred or closed (waitlisted counts as open). The one definition
    /// the board, the list, the home census and the Admissions card count with.
    /// </summary>
    public static IQueryable<AdmissionCase> Open(IQueryable<AdmissionCase> leads) => leads.Where(c => c.ClosedAt == null);

    public static async Task<List<LeadRow>> ListAsync(TrellisDbContext db, LeadFilter filter, CancellationToken ct = default)
    {
        var q = db.Set<AdmissionCase>().AsNoTracking();
        if (filter.Stage is { } stage) q = q.Where(c => c.Stage == stage);
        if (filter.ProgramId is { } program) q = q.Where(c => c.ProgramId == program);
        if (filter.OwnerStaffId is { } owner) q = q.Where(c => c.OwnerStaffId == owner);
        if (filter.Unassigned) q = q.Where(c => c.OwnerStaffId == null);
        if (filter.OpenOnly) q = Open(q);
        if (filter.ClosedSince is { } since) q = q.Where(c => c.ClosedAt == null || c.ClosedAt >= since);
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var s = filter.Search.Trim().ToLower();
            q = q.Where(c => (c.FirstName + " " + (c.LastName ?? "")).ToLower().Contains(s) || (c.Phone != null && c.Phone.Contains(s))
                || (c.Email != null && c.Email.ToLower().Contains(s)) || (c.Participant != null && c.Participant.Mrn.ToLower().Contains(s)));
        }
        var rows = await (from c in q
                          join s in db.Staff on c.OwnerStaffId equals s.Id into owners
                          from s in owners.DefaultIfEmpty()
                          orderby c.StageEnteredAt
                          select new LeadRow(c.Id, c.FirstName + (c.LastName == null ? "" : " " + c.LastName), c.ProgramId,
                              c.Program == null ? null : c.Program.Name, c.Stage, c.StageEnteredAt, c.ReceivedAt, c.OwnerStaffId,
                              s == null ? null : s.FirstName + " " + s.LastName, c.Source, c.SafetyConcern, c.ParticipantId,
                              c.Participant == null ? null : c.Participant.Mrn, c.ReferredTo, c.OutcomeReason, c.ClosedAt)).ToListAsync(ct);
        await db.AuditReadAsync(nameof(AdmissionCase), rows.Select(r => ((object)r.Id, r.ParticipantId)), "admissions pipeline", ct);
        return rows;
    }

    /// <summary>Every lead in scope that touches the period, as timelines for <see cref="PipelineFigures"/>. Counts only: no read audit needed.</summary>
    public static async Task<List<CaseTimeline>> TimelinesAsync(TrellisDbContext db, Guid? programId, DateTimeOffset from, CancellationToken ct = default)
    {
        var q = db.Set<AdmissionCase>().AsNoTracking().Where(c => c.ClosedAt == null || c.ClosedAt >= from || c.ReceivedAt >= from);
        if (programId is { } p) q = q.Where(c => c.ProgramId == p);
        var cases = await q.Select(c => new { c.Id, c.ReceivedAt, c.Stage }).ToListAsync(ct);
        var ids = cases.Select(c => c.Id).ToList();
        var steps = (await db.Set<AdmissionStep>().AsNoTracking().Where(s => ids.Contains(s.CaseId))
            .Select(s => new { s.CaseId, s.Stage, s.EnteredAt }).ToListAsync(ct)).ToLookup(s => s.CaseId);
        return cases.Select(c => new CaseTimeline(c.Id, c.ReceivedAt, c.Stage,
            steps[c.Id].Select(s => (s.Stage, s.EnteredAt)).ToList())).ToList();
    }
}
