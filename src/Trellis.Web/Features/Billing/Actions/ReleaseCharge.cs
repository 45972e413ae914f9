using Microsoft.EntityFrameworkCore;
using System.ComponentModel.DataAnnotations;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Billing.Charges;

namespace Trellis.Web.Features.Billing.Actions;

public sealed class ReleaseInput
{
    [Required(ErrorMessage = "Say why the charge may be billed despite its hold."), MinLength(10, ErrorMessage = "Say why in a sentence (at least 10 characters)."), MaxLength(500)]
    public string? Reason { get; set; }
}

/// <summary>
/// A billing specialist releases a held charge with a reason (a retro authorization by phone, a short day the
/// payer accepts). Only releasable holds are lifted: an unsigned note, a missing Part 2 consent, a lapsed
/// licence or missing coverage must be fixed where they live, so such a charge never reaches a claim. The
/// release and its reason are audited. Called by the charges page and POST /api/charges/{id}/release.
/// </summary>
public static class ReleaseCharge
{
    public static async Task<Result<Charge>> RunAsync(TrellisDbContext db, Guid chargeId, ReleaseInput input, ETags.Expected expected, CancellationToken ct = default)
    {
        if (await db.Set<Charge>().FirstOrDefaultAsync(c => c.Id == chargeId, ct) is not { } charge) return Refusal.NotFound("charge");
        if (!db.Me.May(Permissions.ManageBilling)) return Refusal.Forbidden("Only billing specialists and administrators release charges.");
        if (charge.Status != ChargeStatus.Held)
            return Refusal.Conflict("Not held", $"This charge is {EnumText.Label(charge.Status).ToLowerInvariant()}; only a held charge is released.");
        var fixedElsewhere = charge.Holds.Where(h => !HoldReasons.Releasable(h.Code)).ToList();
        if (fixedElsewhere.Count > 0)
            return Refusal.Conflict("Cannot be released",
                $"Held for: {string.Join(", ", fixedElsewhere.Select(h => HoldReasons.Label(h.Code).ToLowerInvariant()).Distinct())}. These are fixed where they arise (sign the note, record the coverage or consent, renew the licence), not released. "
                + string.Join(" ", fixedElsewhere.Select(h => h.Text)));
        if (Validation.Check(input) is { } invalid) return invalid;
        if (expected.Check(charge.Version) is { } stale) return stale;
        charge.ReleasedAt = db.Now;
        charge.ReleasedBy = db.Me.DisplayName;
        charge.ReleaseReason = input.Reason!.Trim();
        charge.Status = ChargeStatus.Ready;
        db.Audit(Audit.AuditActions.Update, nameof(Charge), charge.Id, charge.ParticipantId, detail: "released from holds: " + string.Join(", ", charge.Holds.Select(h => h.Code)));
        await db.SaveChangesAsync(ct);
        return charge;
    }
}
