using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Billing.Coverage;
using Trellis.Web.Features.Billing.Payers;
using Trellis.Web.Features.Billing.Remittances;
using Trellis.Web.Features.Billing.Setup;

namespace Trellis.Web.Features.Billing.Claims;

/// <summary>
/// Coordination of benefits: after the primary payer's 835, the patient's share is billed to the secondary
/// coverage active on the claim's dates, as a claim for the same lines (SBR01 S) that repeats the primary's
/// answer (the 837's 2320/2330/2430 loops, written by <see cref="X12.Claim837Writer"/>). The secondary is
/// asked only for the primary's patient share; only its own 835 puts what is left on the participant's account.
/// </summary>
public static class SecondaryClaims
{
    /// <summary>The secondary coverage (not self-pay) active on every day of the claim, if any.</summary>
    public static async Task<(PayerCoverage Coverage, Payer Payer)?> CoverageForAsync(TrellisDbContext db, Claim primary, CancellationToken ct)
    {
        var found = await db.Set<PayerCoverage>().AsNoTracking().Include(c => c.Payer)
            .Where(c => c.ParticipantId == primary.ParticipantId && c.Rank == CoverageRank.Secondary && c.PayerId != primary.PayerId
                && c.EffectiveFrom <= primary.From && (c.EffectiveTo == null || c.EffectiveTo >= primary.To))
            .OrderByDescending(c => c.EffectiveFrom).FirstOrDefaultAsync(ct);
        return found is { Payer: { IsSelfPay: false } payer } ? (found, payer) : null;
    }

    /// <summary>
    /// A claim to the secondary payer for the primary's lines, owing the primary's patient share. <paramref name="replaces"/>
    /// makes it a replacement (frequency 7) of an earlier secondary claim (a denial resubmitted).
    /// </summary>
    public static async Task<Claim> CreateAsync(TrellisDbContext db, Claim primary, PayerCoverage coverage, Payer payer, ClaimPayment? answer, Claim? replaces, CancellationToken ct)
    {
        var number = await Counters.TakeAsync(db, Counters.Claim, 1, ct);
        var claim = new Claim
        {
            Number = "TC" + number.ToString("D8"), ParticipantId = primary.ParticipantId, ProgramId = primary.ProgramId, PayerId = payer.Id, CoverageId = coverage.Id,
            Type = primary.Type, From = primary.From, To = primary.To, Frequency = replaces is null ? primary.Frequency : "7", PatientStatus = primary.PatientStatus,
            AdmissionDate = primary.AdmissionDate, Diagnoses = [.. primary.Diagnoses], AuthorizationNumber = primary.AuthorizationNumber, AttendingStaffId = primary.AttendingStaffId,
            PrimaryClaimId = primary.Id, ReplacesClaimId = replaces?.Id,
        };
        claim.Lines = primary.Lines.OrderBy(l => l.Number).Select(l => new ClaimLine
        {
            ClaimId = claim.Id, Number = l.Number, ChargeId = l.ChargeId, ChargeLineId = l.ChargeLineId, ServiceDate = l.ServiceDate, Code = l.Code, Modifier = l.Modifier,
            RevenueCode = l.RevenueCode, Units = l.Units, Amount = l.Amount, PlaceOfService = l.PlaceOfService, RenderingStaffId = l.RenderingStaffId, Description = l.Description,
            DiagnosisPointers = [.. l.DiagnosisPointers],
        }).ToList();
        claim.Total = claim.Lines.Sum(l => l.Amount);
        claim.PriorPayerAmount = replaces?.PriorPayerAmount ?? claim.Total - (answer?.PatientResponsibility ?? 0);
        db.Set<Claim>().Add(claim);
        if (replaces is null) primary.SecondaryClaimId = claim.Id;
        await ClaimCheck.RunAsync(db, claim, payer, ct);
        if (answer is not null && Unbalanced(primary, answer) is { } problem)
        {
            claim.Problems.Add(problem);
            claim.Status = ClaimStatus.Draft;
        }
        return claim;
    }

    /// <summary>
    /// The secondary's 837 must balance the primary's answer line by line (charge = paid + adjustments) and for
    /// the claim (charge − all adjustments = paid): a primary 835 that left a line unanswered or does not add up
    /// keeps the secondary claim a draft, in words.
    /// </summary>
    private static string? Unbalanced(Claim primary, ClaimPayment answer)
    {
        var answered = answer.Services.Count;
        if (answered != primary.Lines.Count)
            return $"{primary.Payer?.Name ?? "The primary payer"} answered {answered} of the {primary.Lines.Count} lines of claim {primary.Number}; the secondary payer needs every line's primary payment and adjustments.";
        var adjustments = answer.Adjustments.Sum(a => a.Amount) + answer.Services.Sum(s => s.Adjustments.Sum(a => a.Amount));
        if (answer.Charge != primary.Total || primary.Total - adjustments != answer.Paid)
            return $"The primary payer's answer for claim {primary.Number} does not balance (charge {answer.Charge:0.00}, paid {answer.Paid:0.00}, adjustments {adjustments:0.00}); correct it with the payer before billing the secondary.";
        return null;
    }
}
