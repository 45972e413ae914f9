using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Billing.Accounts;
using Trellis.Web.Features.Billing.Claims;
using Trellis.Web.Features.Billing.Payers;

namespace Trellis.Web.Features.Billing.Actions;

public sealed class WorkDenialInput
{
    /// <summary>
    /// resubmit: a replacement claim (frequency 7) from the corrected record; appeal: the payer is asked to
    /// reconsider, the balance stays owed by it; write_off: the balance is adjusted off; patient: the balance is
    /// moved to the participant's account.
    /// </summary>
    [Required(ErrorMessage = "Choose resubmit, appeal, write_off or patient."),
     RegularExpression("^(resubmit|appeal|write_off|patient)$", ErrorMessage = "Use resubmit, appeal, write_off or patient.")]
    public string? Action { get; set; }
    [Required(ErrorMessage = "Say what was corrected, what the appeal says, or why it is written off or moved to the patient."), MaxLength(500)] public string? Note { get; set; }
}

/// <summary>
/// Works a denial off the queue. Until then its balance stays owed by the payer (in A/R aging):
/// PostRemittance books only the ordinary write-downs. After the cause is corrected where it lives (coverage,
/// authorization, the chart's diagnoses, a clinician's NPI), resubmit makes a replacement claim from the
/// record as it is now; appeal leaves the balance owed by the payer (still in aging, off the queue, back on it
/// if the payer denies again); write off books the balance as an adjustment with its reason; patient moves it
/// to the participant's account. Called by the claim page and POST /api/claims/{id}/work.
/// </summary>
public static class WorkDenial
{
    public static async Task<Result<Claim>> RunAsync(TrellisDbContext db, Guid claimId, WorkDenialInput input, ETags.Expected expected, CancellationToken ct = default)
    {
        if (await db.Set<Claim>().FirstOrDefaultAsync(c => c.Id == claimId, ct) is not { } claim) return Refusal.NotFound("claim");
        if (!db.Me.May(Permissions.ManageBilling)) return Refusal.Forbidden("Only billing specialists and administrators work denials.");
        if (claim.Status is not (ClaimStatus.Denied or ClaimStatus.PartlyPaid or ClaimStatus.Rejected) || claim.ReplacedByClaimId is not null || claim.WorkedNote is not null)
            return Refusal.Conflict("Not in the queue", $"Claim {claim.Number} is not an open denial.");
        if (Validation.Check(input) is { } invalid) return invalid;
        if (expected.Check(claim.Version) is { } stale) return stale;
        var note = input.Note!.Trim();
        switch (input.Action)
        {
            case "appeal":
                claim.WorkedNote = "Appealed: " + note;
                await db.SaveChangesAsync(ct);
                return claim;
            case "write_off":
                claim.WorkedNote = $"Written off {claim.Balance:C}: " + note;
                claim.Adjusted += claim.Balance;
                await db.SaveChangesAsync(ct);
                return claim;
            case "patient":
                if (claim.Balance <= 0) return Refusal.Conflict("Nothing owed", $"Claim {claim.Number} has no balance to move to the participant.");
                var today = await ProgramClock.ClinicTodayAsync(db, ct);
                db.Set<AccountEntry>().Add(new AccountEntry
                {
                    ParticipantId = claim.ParticipantId, On = today, Kind = AccountEntryKind.PatientResponsibility, Amount = claim.Balance, ClaimId = claim.Id,
                    Description = $"Claim {claim.Number} ({claim.From:MMM d}–{claim.To:MMM d}), not paid by the plan: " + note,
                });
                claim.WorkedNote = $"Moved {claim.Balance:C} to the participant: " + note;
                claim.PatientResponsibility += claim.Balance;
                await db.SaveChangesAsync(ct);
                return claim;
        }
        claim.WorkedNote = "Resubmitted: " + input.Note!.Trim();
        if (claim.PrimaryClaimId is { } primaryId)
        {
            // A secondary claim is made again from its primary's lines, to the secondary coverage as it is now.
            var primary = await db.Set<Claim>().Include(c => c.Lines).Include(c => c.Payer).FirstAsync(c => c.Id == primaryId, ct);
            var (coverage, payer) = await SecondaryClaims.CoverageForAsync(db, primary, ct)
                ?? (await db.Set<Coverage.PayerCoverage>().AsNoTracking().FirstAsync(c => c.Id == claim.CoverageId, ct), await db.Set<Payer>().AsNoTracking().FirstAsync(p => p.Id == claim.PayerId, ct));
            var again = await SecondaryClaims.CreateAsync(db, primary, coverage, payer, null, claim, ct);
            claim.ReplacedByClaimId = again.Id;
            primary.SecondaryClaimId = again.Id;
            await db.SaveChangesAsync(ct);
            return again;
        }
        claim.CorrectionNeeded = true;
        var payers = await db.Set<Payer>().AsNoTracking().ToDictionaryAsync(p => p.Id, ct);
        var ids = new List<Guid>();
        // The claim being worked is named, so its unsaved "correction needed" does not have to be in the database yet.
        await BuildClaims.CorrectSentAsync(db, payers, ids, ct, claim.Id);
        if (ids.Count == 0)
        {
            db.ChangeTracker.Clear();
            return Refusal.Conflict("Nothing to resubmit", $"Claim {claim.Number} was already replaced or voided; nothing was changed.");
        }
        // A claim rejected before adjudication was never in the payer's system: it is sent again as an original, not a replacement.
        if (claim.Status == ClaimStatus.Rejected && db.Set<Claim>().Local.FirstOrDefault(c => c.Id == ids[0]) is { Frequency: "7" } resent) resent.Frequency = claim.Frequency;
        await db.SaveChangesAsync(ct);
        return await db.Set<Claim>().FirstAsync(c => c.Id == ids[0], ct);
    }
}
