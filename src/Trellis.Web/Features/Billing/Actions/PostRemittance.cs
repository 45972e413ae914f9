using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Billing.Accounts;
using Trellis.Web.Features.Billing.Claims;
using Trellis.Web.Features.Billing.Remittances;
using Trellis.Web.Features.Billing.X12;

namespace Trellis.Web.Features.Billing.Actions;

/// <summary><see cref="Reversed"/>: earlier payments the payer took back (CLP02 22), each reversed on its claim; a reversal that could not be posted is one of the <see cref="Unmatched"/>.</summary>
public sealed record PostedRemittance(Guid Id, int Posted, int Denied, int Unmatched, decimal TotalPaid, int Secondary, int Reversed);

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
        // A claim whose reversal could not be posted keeps its earlier posting; the corrected payment that follows
        // the reversal in the file would then be counted on top of it, so it waits for follow-up too.
        var held = new HashSet<string>();
        var reversed = 0;
        foreach (var paid in era.Claims)
        {
            if (!claims.TryGetValue(paid.PatientControlNumber, out var claim))
            {
                remittance.UnmatchedClaims.Add(new UnmatchedClaim(paid.PatientControlNumber, paid.PatientName, paid.Status, paid.Charge, paid.Paid));
                continue;
            }
            if (held.Contains(claim.Number))
            {
                remittance.UnmatchedClaims.Add(new UnmatchedClaim(paid.PatientControlNumber, paid.PatientName, paid.Status, paid.Charge, paid.Paid,
                    $"Not posted: it follows the reversal of claim {claim.Number} in this file, which could not be posted."));
                continue;
            }
            if (paid.Status == RemittanceClaim.Reversal)
            {
                if (await PaymentReversals.ReverseAsync(db, remittance, claim, paid, ct) is { } refused)
                {
                    held.Add(claim.Number);
                    remittance.UnmatchedClaims.Add(new UnmatchedClaim(paid.PatientControlNumber, paid.PatientName, paid.Status, paid.Charge, paid.Paid, refused));
                }
                else reversed++;
                continue;
            }
            var (posted, booked) = Post(claim, paid);
            var answer = new RemittanceClaim
            {
                RemittanceId = remittance.Id, ClaimId = claim.Id, ParticipantId = claim.ParticipantId, StatusCode = paid.Status, Charge = paid.Charge, Paid = paid.Paid,
                PatientResponsibility = paid.PatientResponsibility, PayerClaimNumber = paid.PayerClaimNumber, Adjustments = posted,
                Remarks = [.. paid.Remarks, .. paid.Services.SelectMany(s => s.Remarks)], Booked = booked,
            };
            db.Set<RemittanceClaim>().Add(answer);
            // Coordination of benefits: the primary's patient share is billed to the secondary coverage active
            // on the claim's dates; only the secondary's own 835 puts what is left on the account.
            if (paid.PatientResponsibility > 0 && !claim.IsSecondary && claim.SecondaryClaimId is null
                && await SecondaryClaims.CoverageForAsync(db, claim, ct) is { } secondary)
            {
                booked.SecondaryClaimId = (await SecondaryClaims.CreateAsync(db, claim, secondary.Coverage, secondary.Payer, paid, null, ct)).Id;
                remittance.Secondary++;
            }
            else if (paid.PatientResponsibility != 0)
            {
                booked.ToAccount = paid.PatientResponsibility;
                db.Set<AccountEntry>().Add(new AccountEntry
                {
                    ParticipantId = claim.ParticipantId, On = era.PaymentDate, Kind = AccountEntryKind.PatientResponsibility, Amount = paid.PatientResponsibility,
                    ClaimId = claim.Id, RemittanceId = remittance.Id, Description = $"Your share of claim {claim.Number} ({claim.From:MMM d}–{claim.To:MMM d}) after {era.PayerName} paid",
                });
            }
            if (claim.Status == ClaimStatus.Denied) remittance.Denied++;
            else remittance.Posted++;
        }
        remittance.Unmatched = remittance.UnmatchedClaims.Count;
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException) { return Refusal.Conflict("Posted meanwhile", "This payment, or one of its claims, was posted at the same time by someone else; nothing was posted here."); }
        return new PostedRemittance(remittance.Id, remittance.Posted, remittance.Denied, remittance.Unmatched, remittance.TotalPaid, remittance.Secondary, reversed);
    }

    /// <summary>
    /// Posts one claim's payment onto its lines and sets its status; returns the adjustments as kept and what was
    /// booked (which a later reversal takes back). Reversals are not posted here: <see cref="PaymentReversals"/>.
    /// </summary>
    public static (List<PostedAdjustment> Adjustments, PostedAmounts Booked) Post(Claim claim, ClaimPayment paid)
    {
        var booking = new PostedAmounts { Recorded = true, StatusBefore = claim.Status };
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
            var deniedBefore = line.Denied;
            var share = svc.Adjustments.Where(a => a.Group == "PR").Sum(a => a.Amount);
            line.Paid += svc.Paid;
            line.PatientResponsibility += share;
            line.Denied = line.Paid == 0 && line.PatientResponsibility == 0 && svc.Adjustments.Any(a => !ReasonCodes.IsOrdinary(a.Group, a.Reason));
            // A denied line's denial stays owed by the payer (in aging and the work queue) until it is worked;
            // only the ordinary write-downs are booked now.
            // On a secondary claim, OA-23 repeats what the primary payer paid and adjusted: already off its balance.
            var booked = svc.Adjustments.Where(a => a.Group != "PR" && !(claim.IsSecondary && ReasonCodes.IsPriorPayer(a.Group, a.Reason))
                && !(line.Denied && !ReasonCodes.IsOrdinary(a.Group, a.Reason))).Sum(a => a.Amount);
            line.Adjusted += booked;
            lineAdjusted += booked;
            booking.Lines.Add(new PostedLine(line.Number, svc.Paid, booked, share, deniedBefore));
            adjustments.AddRange(svc.Adjustments.Select(a => new PostedAdjustment(a.Group, a.Reason, a.Amount, line.Number)));
        }
        claim.Paid += paid.Paid;
        claim.PatientResponsibility += paid.PatientResponsibility;
        if (paid.PayerClaimNumber is not null) claim.PayerClaimNumber = paid.PayerClaimNumber;
        claim.Status = StatusAfter(claim, paid.Status);
        // Claim-level denials of a claim that goes to the work queue stay owed too; on a paid claim nothing
        // would ever work them, so every adjustment is booked.
        var queued = claim.Status is ClaimStatus.Denied or ClaimStatus.PartlyPaid;
        booking.Adjusted = lineAdjusted + paid.Adjustments.Where(a => a.Group != "PR" && !(claim.IsSecondary && ReasonCodes.IsPriorPayer(a.Group, a.Reason))
            && !(queued && !ReasonCodes.IsOrdinary(a.Group, a.Reason))).Sum(a => a.Amount);
        claim.Adjusted += booking.Adjusted;
        claim.WorkedNote = null;
        return (adjustments, booking);
    }

    /// <summary>A claim's status from what its postings left on its lines and the latest answer's status code (CLP02).</summary>
    public static ClaimStatus StatusAfter(Claim claim, string code)
    {
        var lines = claim.Lines;
        return code == "4" || (claim.Paid == 0 && claim.PatientResponsibility == 0) || (lines.Count > 0 && lines.All(l => l.Denied)) ? ClaimStatus.Denied
            : lines.Any(l => l.Denied) ? ClaimStatus.PartlyPaid
            : ClaimStatus.Paid;
    }
}
