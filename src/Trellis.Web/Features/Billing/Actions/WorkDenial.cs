using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Billing.Claims;
using Trellis.Web.Features.Billing.Payers;

namespace Trellis.Web.Features.Billing.Actions;

public sealed class WorkDenialInput
{
    /// <summary>resubmit: a replacement claim (frequency 7) from the corrected record; write_off: the balance is adjusted off.</summary>
    [Required(ErrorMessage = "Choose resubmit or write_off."), RegularExpression("^(resubmit|write_off)$", ErrorMessage = "Use resubmit or write_off.")]
    public string? Action { get; set; }
    [Required(ErrorMessage = "Say what was corrected, or why it is written off."), MaxLength(500)] public string? Note { get; set; }
}

/// <summary>
/// Works a denial off the queue: after the cause is corrected where it lives (coverage, authorization, the
/// chart's diagnoses, a clinician's NPI), resubmit makes a replacement claim from the record as it is now;
/// or the balance is written off with a reason. Called by the denials page and POST /api/claims/{id}/work.
/// </summary>
public static class WorkDenial
{
    public static async Task<Result<Claim>> RunAsync(TrellisDbContext db, Guid claimId, WorkDenialInput input, ETags.Expected expected, CancellationToken ct = default)
    {
        if (await db.Set<Claim>().FirstOrDefaultAsync(c => c.Id == claimId, ct) is not { } claim) return Refusal.NotFound("claim");
        if (!db.Me.May(Permissions.ManageBilling)) return Refusal.Forbidden("Only billing specialists and administrators work denials.");
        if (claim.Status is not (ClaimStatus.Denied or ClaimStatus.PartlyPaid) || claim.ReplacedByClaimId is not null || claim.WorkedNote is not null)
            return Refusal.Conflict("Not in the queue", $"Claim {claim.Number} is not an open denial.");
        if (Validation.Check(input) is { } invalid) return invalid;
        if (expected.Check(claim.Version) is { } stale) return stale;
        if (input.Action == "write_off")
        {
            claim.Adjusted += claim.Balance;
            claim.WorkedNote = "Written off: " + input.Note!.Trim();
            await db.SaveChangesAsync(ct);
            return claim;
        }
        claim.WorkedNote = "Resubmitted: " + input.Note!.Trim();
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
        await db.SaveChangesAsync(ct);
        return await db.Set<Claim>().FirstAsync(c => c.Id == ids[0], ct);
    }
}
