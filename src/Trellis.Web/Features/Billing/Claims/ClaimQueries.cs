using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Billing.Payers;

namespace Trellis.Web.Features.Billing.Claims;

public sealed record ClaimRow(Guid Id, string ClaimNumber, string Type, string PayerName, Guid ParticipantId, string ParticipantName, DateOnly From, DateOnly To,
    string Status, decimal Total, decimal Paid, decimal Balance, string Frequency, bool CorrectionNeeded, long Version, string Sequence, Guid? PrimaryClaimId, Guid? SecondaryClaimId, string? Rejection);

public sealed record ClaimPage(List<ClaimRow> Items, int Page, int PageSize, int Total);

public static class ClaimQueries
{
    public static IQueryable<Claim> Filter(TrellisDbContext db, ClaimStatus? status, Guid? payerId, Guid? participantId = null)
    {
        var q = db.Set<Claim>().AsQueryable();
        if (status is { } s) q = q.Where(c => c.Status == s);
        if (payerId is { } p) q = q.Where(c => c.PayerId == p);
        if (participantId is { } pid) q = q.Where(c => c.ParticipantId == pid);
        return q;
    }

    public static async Task<ClaimPage> PageAsync(TrellisDbContext db, IQueryable<Claim> query, int page, int pageSize, CancellationToken ct = default)
    {
        var total = await query.CountAsync(ct);
        var rows = await query.AsNoTracking().OrderByDescending(c => c.Number).Skip((page - 1) * pageSize).Take(pageSize)
            .Select(c => new
            {
                c.Id, c.Number, c.Type, Payer = c.Payer!.Name, c.ParticipantId, c.Participant!.PreferredName, c.Participant.LegalFirstName, c.Participant.LegalLastName,
                c.From, c.To, c.Status, c.Total, c.Paid, c.Adjusted, c.PatientResponsibility, c.Frequency, c.CorrectionNeeded, c.Version, c.PriorPayerAmount,
                c.PrimaryClaimId, c.SecondaryClaimId, c.Rejection,
            }).ToListAsync(ct);
        return new ClaimPage(rows.Select(r => new ClaimRow(r.Id, r.Number, EnumText.ToApi(r.Type), r.Payer, r.ParticipantId,
            Participants.Participant.NameOf(r.PreferredName, r.LegalFirstName, r.LegalLastName), r.From, r.To, EnumText.ToApi(r.Status), r.Total, r.Paid,
            r.Total - r.PriorPayerAmount - r.Paid - r.Adjusted - r.PatientResponsibility, r.Frequency, r.CorrectionNeeded, r.Version,
            r.PrimaryClaimId is null ? "primary" : "secondary", r.PrimaryClaimId, r.SecondaryClaimId, r.Rejection)).ToList(), page, pageSize, total);
    }

    /// <summary>Denials not yet worked: denied, partly paid or rejected by an acknowledgment, not replaced, not written off.</summary>
    public static IQueryable<Claim> DenialQueue(TrellisDbContext db) =>
        db.Set<Claim>().Where(c => (c.Status == ClaimStatus.Denied || c.Status == ClaimStatus.PartlyPaid || c.Status == ClaimStatus.Rejected)
            && c.ReplacedByClaimId == null && c.WorkedNote == null);
}
