using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Billing.Claims;
using Trellis.Web.Features.Billing.Coverage;
using Trellis.Web.Features.Billing.Remittances;
using Trellis.Web.Features.Billing.Setup;

namespace Trellis.Web.Features.Billing.X12;

/// <summary>Loads claims with the participant, coverage, payer and clinicians their 837 and form view show (through the caller's scope).</summary>
public static class ClaimDocuments
{
    public static async Task<List<ClaimDocument>> LoadAsync(TrellisDbContext db, IQueryable<Claim> claims, CancellationToken ct)
    {
        var list = await claims.Include(c => c.Lines).Include(c => c.Payer).Include(c => c.Participant).OrderBy(c => c.Number).ToListAsync(ct);
        if (list.Count == 0) return [];
        var priors = await PriorsAsync(db, list.Where(c => c.PrimaryClaimId is not null).Select(c => c.PrimaryClaimId!.Value).ToList(), ct);
        var coverageIds = list.Select(c => c.CoverageId).Distinct().ToList();
        var coverages = await db.Set<PayerCoverage>().AsNoTracking().Where(c => coverageIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        var originals = list.Where(c => c.ReplacesClaimId is not null).Select(c => c.ReplacesClaimId!.Value).ToList();
        var payerNumbers = await db.Set<Claim>().AsNoTracking().Where(c => originals.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.PayerClaimNumber ?? c.Number, ct);
        var staffIds = list.SelectMany(c => c.Lines.Select(l => l.RenderingStaffId)).Append(null).Concat(list.Select(c => c.AttendingStaffId))
            .Where(s => s is not null).Select(s => s!.Value).Distinct().ToList();
        var providers = await ProvidersAsync(db, staffIds, ct);
        return list.Select(c => new ClaimDocument(c, c.Participant!, coverages[c.CoverageId], c.Payer!,
            c.ReplacesClaimId is { } r ? payerNumbers.GetValueOrDefault(r) : null, c.Payer!.TiersByServiceCount,
            c.AttendingStaffId is { } a ? providers.GetValueOrDefault(a) : null, providers,
            c.PrimaryClaimId is { } p ? priors.GetValueOrDefault(p) : null)).ToList();
    }

    /// <summary>The primary claims' latest standing answers (a reversal and the posting it took back are not answers), with their coverage and payer, for the secondary claims' COB loops.</summary>
    private static async Task<Dictionary<Guid, PriorPayer>> PriorsAsync(TrellisDbContext db, List<Guid> primaryIds, CancellationToken ct)
    {
        if (primaryIds.Count == 0) return [];
        var primaries = await db.Set<Claim>().AsNoTracking().Include(c => c.Payer).Where(c => primaryIds.Contains(c.Id)).ToListAsync(ct);
        var coverageIds = primaries.Select(c => c.CoverageId).ToList();
        var coverages = await db.Set<PayerCoverage>().AsNoTracking().Where(c => coverageIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        var answers = (await (from rc in db.Set<RemittanceClaim>().AsNoTracking()
                                  .Where(r => primaryIds.Contains(r.ClaimId) && r.StatusCode != RemittanceClaim.Reversal && r.ReversedById == null)
                              join r in db.Set<Remittance>() on rc.RemittanceId equals r.Id
                              select new { rc, r.PaymentDate }).ToListAsync(ct))
            .GroupBy(x => x.rc.ClaimId).ToDictionary(g => g.Key, g => g.OrderByDescending(x => x.rc.CreatedAt).First());
        return primaries.Where(p => answers.ContainsKey(p.Id) && coverages.ContainsKey(p.CoverageId)).ToDictionary(p => p.Id, p =>
        {
            var answer = answers[p.Id];
            return new PriorPayer(coverages[p.CoverageId], p.Payer!, answer.rc.PayerClaimNumber, answer.PaymentDate, answer.rc.Paid, answer.rc.Adjustments);
        });
    }

    public static async Task<Dictionary<Guid, ClaimProvider>> ProvidersAsync(TrellisDbContext db, List<Guid> staffIds, CancellationToken ct)
    {
        var npis = await db.Set<RenderingProvider>().AsNoTracking().Where(r => staffIds.Contains(r.StaffMemberId)).ToDictionaryAsync(r => r.StaffMemberId, ct);
        return await db.Staff.AsNoTracking().Where(s => staffIds.Contains(s.Id))
            .Select(s => new { s.Id, s.FirstName, s.LastName }).ToDictionaryAsync(s => s.Id,
                s => new ClaimProvider(s.Id, s.FirstName, s.LastName, npis.GetValueOrDefault(s.Id)?.Npi, npis.GetValueOrDefault(s.Id)?.Taxonomy), ct);
    }
}
