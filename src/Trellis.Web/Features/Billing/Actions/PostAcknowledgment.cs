using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Billing.Acknowledgments;
using Trellis.Web.Features.Billing.Claims;
using Trellis.Web.Features.Billing.X12;

namespace Trellis.Web.Features.Billing.Actions;

public sealed record PostedAcknowledgment(Guid Id, string Kind, int Accepted, int Rejected, int Unmatched);

/// <summary>
/// Reads a 999 or 277CA and applies it in one transaction. A 277CA marks each claim it names (by patient
/// control number) accepted into adjudication (status Accepted) or rejected (status Rejected, the STC reason in
/// words, into the work queue). A 999 answers our 837 interchange (by its group control number): a rejected
/// transaction rejects every claim in that file, with the segment and element errors in words; an accepted one
/// says only that the file was readable, so its claims stay sent until the 277CA. An answer never moves back a
/// claim its 835 already settled. A file that does not parse is refused naming the segment and element, nothing
/// applied. Called by the remittances page and POST /api/claims/acknowledgments.
/// </summary>
public static class PostAcknowledgment
{
    public static async Task<Result<PostedAcknowledgment>> RunAsync(TrellisDbContext db, string content, CancellationToken ct = default)
    {
        if (!db.Me.May(Permissions.ManageBilling)) return Refusal.Forbidden("Only billing specialists and administrators post acknowledgments.");
        if (string.IsNullOrWhiteSpace(content)) return Refusal.Invalid("file", "The file is empty; send the 999 or 277CA as the body.");
        AcknowledgmentFile file;
        try { file = ClaimAcknowledgments.Read(content); }
        catch (X12Exception e) { return e.ToRefusal("The acknowledgment does not parse"); }
        var today = await ProgramClock.ClinicTodayAsync(db, ct);
        var ack = new ClaimAcknowledgment { Kind = file.Kind, GroupControlNumber = file.GroupControlNumber, Content = content, ReceivedOn = today };
        if (file.Kind == "999")
        {
            var sent = await db.Set<ClaimFile>().AsNoTracking().FirstOrDefaultAsync(f => f.ControlNumber == file.GroupControlNumber, ct);
            // The file is answered whole: its claims are shown (and changed) only when the caller's scope shows every one.
            var claims = sent is null ? [] : await db.Set<Claim>().Where(c => sent.ClaimIds.Contains(c.Id)).ToListAsync(ct);
            if (sent is null || claims.Count != sent.ClaimIds.Count) ack.Unmatched = 1;
            else if (file.Claims.FirstOrDefault(t => !t.Accepted) is { } rejected)
                foreach (var claim in claims) ack.Rejected += Reject(claim, rejected.Reason) ? 1 : 0;
            else ack.Accepted = claims.Count;
            ack.Summary = file.GroupReason;
        }
        else
        {
            var numbers = file.Claims.Select(c => c.PatientControlNumber!).Distinct().ToList();
            var claims = await db.Set<Claim>().Where(c => numbers.Contains(c.Number)).ToDictionaryAsync(c => c.Number, ct);
            foreach (var answer in file.Claims)
            {
                if (!claims.TryGetValue(answer.PatientControlNumber!, out var claim)) { ack.Unmatched++; ack.UnmatchedClaims.Add(answer.PatientControlNumber!); continue; }
                if (answer.Accepted)
                {
                    if (claim.Status == ClaimStatus.Sent) claim.Status = ClaimStatus.Accepted;
                    if (answer.PayerClaimNumber is { } icn && claim.PayerClaimNumber is null) claim.PayerClaimNumber = icn;
                    claim.Rejection = null;
                    ack.Accepted++;
                }
                else if (Reject(claim, answer.Reason)) ack.Rejected++;
            }
            ack.Summary = $"{ack.Accepted} accepted, {ack.Rejected} rejected, {ack.Unmatched} not ours";
        }
        db.Set<ClaimAcknowledgment>().Add(ack);
        await db.SaveChangesAsync(ct);
        return new PostedAcknowledgment(ack.Id, ack.Kind, ack.Accepted, ack.Rejected, ack.Unmatched);
    }

    /// <summary>A sent or accepted claim the clearinghouse or payer returned: into the work queue with the reason in words.</summary>
    private static bool Reject(Claim claim, string reason)
    {
        if (claim.Status is not (ClaimStatus.Sent or ClaimStatus.Accepted)) return false;
        claim.Status = ClaimStatus.Rejected;
        claim.Rejection = reason.Length <= 500 ? reason : reason[..497] + "...";
        claim.WorkedNote = null;
        return true;
    }
}
