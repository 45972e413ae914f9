using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Billing.Accounts;
using Trellis.Web.Features.Billing.Claims;
using Trellis.Web.Features.Billing.Remittances;
using Trellis.Web.Features.Billing.X12;

namespace Trellis.Web.Features.Billing.Actions;

public sealed record PostedRemittance(Guid Id, int Posted, int Denied, int Unmatched, decimal TotalPaid, int Secondary);

/// <summary>
/// Imports an 835 and posts it in one transaction: payments and adjustments to the claim lines they answer
/// (by the line control number the 837 sent, else by code and date), claim statuses (paid, partly paid,
/// denied), denials into the work queue, and the patient's share onto their account, or, when a secondary coverage
/// is active on the claim's dates, onto a secondary claim (coordination of benefits). A file that does not
/// parse or balance is refused naming the segment and element, and nothing is posted; a payment already
/// imported is refused too. Called by the remittances page and POST /api/remittances.
/// </summary>
public static class PostRemittance
{
    public static async Task<Result<PostedRemittance>> RunAsync(TrellisDbContext db, string content, CancellationToken ct = default)
    {
        if (!db.Me.May(Permissions.ManageBilling)) return Refusal.Forbidden("Only billing specialists and administrators post remittances.");
        if (string.IsNullOrWhiteSpace(content)) return Refusal.Invalid("file", "The file is empty; send the 835 as the body.");
        Era era;
        try { era = Era835.Read(content); }
        catch (X12Exception e) { return e.ToRefusal("The 835 file does not parse"); }
        if (await db.Set<Remittance>().AnyAsync(r => r.PayerName == era.PayerName && r.TraceNumber == era.TraceNumber, ct))
            return Refusal.Conflict("Already posted", $"The payment {era.TraceNumber} from {era.PayerName} was already imported; nothing was posted twice.");

        var numbers = era.Claims.Select(c => c.PatientControlNumber).Distinct().ToList();
        var claims = await db.Set<Claim>().Include(c => c.Lines).Include(c => c.Payer).Where(c => numbers.Contains(c.Number)).ToDictionaryAsync(c => c.Number, ct);
        var remittance = new Remittance
        {
            PayerName = era.PayerName, TraceNumber = era.TraceNumber, PaymentDate = era.PaymentDate, TotalPaid = era.TotalPaid, Method = era.Method,
            ProviderAdjustments = era.ProviderAdjustments, Content = content,
        };
        db.Set<Remittance>().Add(remittance);
        foreach (var paid in era.Claims)
        {
            if (!claims.TryGetValue(paid.PatientControlNumber, out var claim))
            {
                remittance.UnmatchedClaims.Add(new UnmatchedClaim(paid.PatientControlNumber, paid.PatientName, paid.Status, paid.Charge, paid.Paid));
                continue;
            }
            var posted = Post(claim, paid);
            db.Set<RemittanceClaim>().Add(new RemittanceClaim
            {
                RemittanceId = remittance.Id, ClaimId = claim.Id, ParticipantId = claim.ParticipantId, StatusCode = paid.Status, Charge = paid.Charge, Paid = paid.Paid,
                PatientResponsibility = paid.PatientResponsibility, PayerClaimNumber = paid.PayerClaimNumber, Adjustments = posted,
                Remarks = [.. paid.Remarks, .. paid.Services.SelectMany(s => s.Remarks)],
            });
            // Coordination of benefits: the primary's patient share is billed to the secondary coverage active
            // on the claim's dates; only the secondary's own 835 puts what is left on the account.
            if (paid.PatientResponsibility > 0 && paid.Status != "22" && !claim.IsSecondary && claim.SecondaryClaimId is null
                && await SecondaryClaims.CoverageForAsync(db, claim, ct) is { } secondary)
            {
                await SecondaryClaims.CreateAsync(db, claim, secondary.Coverage, secondary.Payer, paid, null, ct);
                remittance.Secondary++;
            }
            else if (paid.PatientResponsibility != 0)
                db.Set<AccountEntry>().Add(new AccountEntry
                {
                    ParticipantId = claim.ParticipantId, On = era.PaymentDate, Kind = AccountEntryKind.PatientResponsibility, Amount = paid.PatientResponsibility,
                    ClaimId = claim.Id, RemittanceId = remittance.Id, Description = $"Your share of claim {claim.Number} ({claim.From:MMM d}–{claim.To:MMM d}) after {era.PayerName} paid",
                });
            if (claim.Status == ClaimStatus.Denied) remittance.Denied++;
            else remittance.Posted++;
        }
        remittance.Unmatched = remittance.UnmatchedClaims.Count;
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException) { return Refusal.Conflict("Posted meanwhile", "This payment, or one of its claims, was posted at the same time by someone else; nothing was posted here."); }
        return new PostedRemittance(remittance.Id, remittance.Posted, remittance.Denied, remittance.Unmatched, remittance.TotalPaid, remittance.Secondary);
    }

    /// <summary>Posts one claim's payment onto its lines and sets its status; returns the adjustments as kept.</summary>
    public static List<PostedAdjustment> Post(Claim claim, ClaimPayment paid)
    {
        var adjustments = paid.Adjustments.Select(a => new PostedAdjustment(a.Group, a.Reason, a.Amount, null)).ToList();
        var lines = claim.Lines.OrderBy(l => l.Number).ToList();
        var unmatchedLines = new List<ClaimLine>(lines);
        var lineAdjusted = 0m;
        foreach (var svc in paid.Services)
        {
            var line = lines.FirstOrDefault(l => svc.LineControl is not null && l.Id.ToString("N") == svc.LineControl)
                ?? unmatchedLines.FirstOrDefault(l => (l.Code == svc.Code || l.RevenueCode == svc.RevenueCode) && (svc.Date is null || l.ServiceDate == svc.Date) && l.Amount == svc.Charge);
            if (line is null) continue;
            unmatchedLines.Remove(line);
            line.Paid += svc.Paid;
            line.PatientResponsibility += svc.Adjustments.Where(a => a.Group == "PR").Sum(a => a.Amount);
            line.Denied = line.Paid == 0 && line.PatientResponsibility == 0 && svc.Adjustments.Any(a => !ReasonCodes.IsOrdinary(a.Group, a.Reason));
            // A denied line's denial stays owed by the payer (in aging and the work queue) until it is worked;
            // only the ordinary write-downs are booked now.
            // On a secondary claim, OA-23 repeats what the primary payer paid and adjusted: already off its balance.
            var booked = svc.Adjustments.Where(a => a.Group != "PR" && !(claim.IsSecondary && ReasonCodes.IsPriorPayer(a.Group, a.Reason))
                && !(line.Denied && !ReasonCodes.IsOrdinary(a.Group, a.Reason))).Sum(a => a.Amount);
            line.Adjusted += booked;
            lineAdjusted += booked;
            adjustments.AddRange(svc.Adjustments.Select(a => new PostedAdjustment(a.Group, a.Reason, a.Amount, line.Number)));
        }
        var reversal = paid.Status == "22";
        claim.Paid += paid.Paid;
        claim.PatientResponsibility += paid.PatientResponsibility;
        if (paid.PayerClaimNumber is not null) claim.PayerClaimNumber = paid.PayerClaimNumber;
        claim.Status = reversal ? ClaimStatus.Sent
            : paid.Status == "4" || (claim.Paid == 0 && claim.PatientResponsibility == 0) || (lines.Count > 0 && lines.All(l => l.Denied)) ? ClaimStatus.Denied
            : lines.Any(l => l.Denied) ? ClaimStatus.PartlyPaid
            : ClaimStatus.Paid;
        // Claim-level denials of a claim that goes to the work queue stay owed too; on a paid claim nothing
        // would ever work them, so every adjustment is booked.
        var queued = claim.Status is ClaimStatus.Denied or ClaimStatus.PartlyPaid;
        claim.Adjusted += lineAdjusted + paid.Adjustments.Where(a => a.Group != "PR" && !(claim.IsSecondary && ReasonCodes.IsPriorPayer(a.Group, a.Reason))
            && !(queued && !ReasonCodes.IsOrdinary(a.Group, a.Reason))).Sum(a => a.Amount);
        claim.WorkedNote = null;
        return adjustments;
    }
}
