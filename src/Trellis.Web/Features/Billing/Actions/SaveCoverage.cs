using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Billing.Coverage;
using Trellis.Web.Features.Billing.Payers;
using Trellis.Web.Features.Clinical;

namespace Trellis.Web.Features.Billing.Actions;

/// <summary>
/// Records or changes a participant's coverage (intake during admission, billing any time). The payer must
/// fit the rank (self-pay with the self-pay payer), and two primary coverages may not overlap. The charges of
/// the days it covers follow in the same save. Called by the coverage pages and /api/participants/{id}/coverages.
/// </summary>
public static class SaveCoverage
{
    public static async Task<Result<PayerCoverage>> RunAsync(TrellisDbContext db, Guid participantId, Guid? coverageId, CoverageInput input, ETags.Expected expected,
        CancellationToken ct = default)
    {
        if (await Charts.FindAsync(db, participantId, ct) is not { } chart) return Refusal.NotFound("participant");
        PayerCoverage? coverage = null;
        if (coverageId is { } id)
        {
            coverage = await db.Set<PayerCoverage>().FirstOrDefaultAsync(c => c.Id == id && c.ParticipantId == participantId, ct);
            if (coverage is null) return Refusal.NotFound("coverage");
        }
        if (!db.Me.May(Permissions.RecordCoverage)) return Refusal.Forbidden("Only intake, program directors and billing record coverage.");
        if (Validation.Check(input) is { } invalid) return invalid;
        if (await db.Set<Payer>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == input.PayerId, ct) is not { } payer)
            return Refusal.Invalid("payerId", "No payer with that id; choose one from the payer list.");
        if ((input.Rank == CoverageRank.SelfPay) != payer.IsSelfPay)
            return Refusal.Invalid("payerId", input.Rank == CoverageRank.SelfPay ? "Self-pay coverage uses the self-pay payer." : $"{payer.Name} is self-pay; choose the rank self-pay.");
        var others = await db.Set<PayerCoverage>().AsNoTracking().Where(c => c.ParticipantId == participantId && c.Id != coverageId && c.Rank == input.Rank).ToListAsync(ct);
        var end = input.EffectiveTo ?? DateOnly.MaxValue;
        if (others.FirstOrDefault(o => o.EffectiveFrom <= end && (o.EffectiveTo ?? DateOnly.MaxValue) >= input.EffectiveFrom) is { } overlap)
            return Refusal.Invalid("effectiveFrom", $"Another {EnumText.Label(input.Rank!.Value).ToLowerInvariant()} coverage runs from {overlap.EffectiveFrom:MMM d, yyyy}; end it first or change these dates.");
        if (coverage is not null && expected.Check(coverage.Version) is { } stale) return stale;
        if (coverage is null && string.IsNullOrEmpty(input.Sex)) input.Sex = PayerCoverage.SexFrom(chart.AdministrativeGender);
        coverage ??= db.Set<PayerCoverage>().Add(new PayerCoverage { ParticipantId = participantId }).Entity;
        input.ApplyTo(coverage, db.Me.DisplayName);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { return Refusal.Stale(coverage.Version); }
        return coverage;
    }
}
