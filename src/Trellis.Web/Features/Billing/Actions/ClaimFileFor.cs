using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Billing.Claims;
using Trellis.Web.Features.Billing.Setup;
using Trellis.Web.Features.Billing.X12;

namespace Trellis.Web.Features.Billing.Actions;

/// <summary>
/// One claim's 837, for a clearinghouse's upload page: a sent claim is written again as it was sent, with
/// the next interchange control number (a clearinghouse refuses a control number it has seen), and the
/// file is kept and audited. Called by the claim page and GET /api/claims/{id}/x12.
/// </summary>
public static class ClaimFileFor
{
    public static async Task<Result<ClaimFile>> RunAsync(TrellisDbContext db, Guid claimId, CancellationToken ct = default)
    {
        if (!db.Me.May(Permissions.ManageBilling)) return Refusal.Forbidden("Only billing specialists and administrators download claim files.");
        var docs = await ClaimDocuments.LoadAsync(db, db.Set<Claim>().Where(c => c.Id == claimId), ct);
        if (docs.Count == 0) return Refusal.NotFound("claim");
        if (docs[0].Claim.Status == ClaimStatus.Draft)
            return Refusal.Conflict("Not ready", $"Claim {docs[0].Claim.Number} still has problems: {string.Join(" ", docs[0].Claim.Problems)}");
        if (await db.Set<BillingIdentity>().AsNoTracking().FirstOrDefaultAsync(ct) is not { } clinic)
            return Refusal.Conflict("Billing is not set up", "Enter the clinic's billing identity (Billing › Setup) first.");
        var file = await SendClaims.WriteAsync(db, clinic, docs[0].Claim.Type, docs, ct);
        await db.SaveChangesAsync(ct);
        return file;
    }
}
