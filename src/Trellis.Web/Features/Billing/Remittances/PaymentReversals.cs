using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Billing.Accounts;
using Trellis.Web.Features.Billing.Claims;

namespace Trellis.Web.Features.Billing.Remittances;

/// <summary>
/// A payer's reversal (CLP02 22) takes back an earlier payment, usually followed in the same 835 by the corrected
/// payment (CLP02 1, 2, 3 or 4), which then posts as any answer does. The reversal subtracts exactly what the earlier
/// posting booked (<see cref="RemittanceClaim.Booked"/>) from the claim and its lines, takes the patient's share
/// back off the account with a new entry, and marks the posting reversed: nothing is deleted, so the claim's
/// history shows the payment, its reversal and the correction. Called inside <c>PostRemittance</c>'s one transaction.
/// </summary>
public static class PaymentReversals
{
    /// <summary>Reverses the posting <paramref name="reversal"/> answers; null when done, else why not, in words (nothing changed).</summary>
    public static async Task<string?> ReverseAsync(TrellisDbContext db, Remittance remittance, Claim claim, ClaimPayment reversal, CancellationToken ct)
    {
        var postings = await db.Set<RemittanceClaim>().Where(r => r.ClaimId == claim.Id).ToListAsync(ct);
        var original = RemittanceClaim.Reversed(postings, reversal);
        if (original is null)
            return postings.Any(p => p.StatusCode != RemittanceClaim.Reversal && p.ReversedById is null && !p.Booked.Recorded)
                ? $"Not reversed: claim {claim.Number} was posted before reversals were recorded line by line; reverse its payment of {-reversal.Paid:C} by hand."
                : $"Not reversed: {remittance.PayerName} reverses a payment of {-reversal.Paid:C} (patient's share {-reversal.PatientResponsibility:C}"
                  + $"{(reversal.PayerClaimNumber is null ? "" : $", payer claim {reversal.PayerClaimNumber}")}) on claim {claim.Number} that was never posted here, "
                  + "or was already reversed. Import the remittance that paid it first, or ask the payer.";
        var booked = original.Booked;
        if (booked.SecondaryClaimId is { } secondaryId && await db.Set<Claim>().FirstOrDefaultAsync(c => c.Id == secondaryId, ct) is { } secondary)
        {
            if (secondary.Status is not (ClaimStatus.Draft or ClaimStatus.Ready or ClaimStatus.Void))
                return $"Not reversed: the patient's share of claim {claim.Number} was already billed to the secondary payer on claim {secondary.Number}, "
                    + "which repeats the answer now withdrawn. Correct both claims with the payers by hand.";
            // Never sent: it goes, and the corrected payment's posting makes the secondary claim again.
            secondary.Status = ClaimStatus.Void;
            if (claim.SecondaryClaimId == secondaryId) claim.SecondaryClaimId = null;
        }

        var statusBefore = claim.Status;
        var lines = claim.Lines.ToDictionary(l => l.Number);
        foreach (var l in booked.Lines)
            if (lines.TryGetValue(l.Line, out var line))
            {
                line.Paid -= l.Paid;
                line.Adjusted -= l.Adjusted;
                line.PatientResponsibility -= l.PatientResponsibility;
                line.Denied = l.DeniedBefore;
            }
        claim.Paid -= original.Paid;
        claim.Adjusted -= booked.Adjusted;
        claim.PatientResponsibility -= original.PatientResponsibility;
        var standing = postings.Where(p => p != original && p.StatusCode != RemittanceClaim.Reversal && p.ReversedById is null).OrderByDescending(p => p.CreatedAt).FirstOrDefault();
        claim.Status = standing is null ? booked.StatusBefore : Actions.PostRemittance.StatusAfter(claim, standing.StatusCode);

        var answer = new RemittanceClaim
        {
            RemittanceId = remittance.Id, ClaimId = claim.Id, ParticipantId = claim.ParticipantId, StatusCode = reversal.Status, Charge = reversal.Charge, Paid = reversal.Paid,
            PatientResponsibility = reversal.PatientResponsibility, PayerClaimNumber = reversal.PayerClaimNumber,
            Adjustments = [.. reversal.Adjustments.Select(a => new PostedAdjustment(a.Group, a.Reason, a.Amount, null)),
                .. reversal.Services.SelectMany(s => s.Adjustments.Select(a => new PostedAdjustment(a.Group, a.Reason, a.Amount,
                    claim.Lines.FirstOrDefault(l => l.Id.ToString("N") == s.LineControl)?.Number)))],
            Remarks = [.. reversal.Remarks, .. reversal.Services.SelectMany(s => s.Remarks)],
            Booked = new PostedAmounts
            {
                Recorded = true, StatusBefore = statusBefore, Adjusted = -booked.Adjusted, ToAccount = -booked.ToAccount,
                Lines = booked.Lines.Select(l => new PostedLine(l.Line, -l.Paid, -l.Adjusted, -l.PatientResponsibility, l.DeniedBefore)).ToList(),
            },
        };
        db.Set<RemittanceClaim>().Add(answer);
        original.ReversedById = answer.Id;

        if (booked.ToAccount != 0)
        {
            var paidBy = await db.Set<Remittance>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == original.RemittanceId, ct);
            db.Set<AccountEntry>().Add(new AccountEntry
            {
                ParticipantId = claim.ParticipantId, On = remittance.PaymentDate, Kind = AccountEntryKind.PatientResponsibility, Amount = -booked.ToAccount,
                ClaimId = claim.Id, RemittanceId = remittance.Id,
                Description = $"{remittance.PayerName} took back its answer to claim {claim.Number}{(paidBy is null ? "" : $" of {paidBy.PaymentDate:MMM d}")}: your share from it is withdrawn",
            });
        }
        return null;
    }
}
