using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Billing.Setup;

namespace Trellis.Web.Features.Billing.Actions;

/// <summary>A clinician's NPI and taxonomy for claims. Called by the clinicians page and PUT /api/billing/clinicians/{staffId}.</summary>
public static class SaveRenderingProvider
{
    public static async Task<Result<RenderingProvider>> RunAsync(TrellisDbContext db, RenderingProviderInput input, CancellationToken ct = default)
    {
        if (!db.Me.May(Permissions.ManageBilling)) return Refusal.Forbidden("Only billing specialists and administrators record clinicians' NPIs.");
        if (Validation.Check(input) is { } invalid) return invalid;
        if (!await db.Staff.AnyAsync(s => s.Id == input.StaffMemberId, ct)) return Refusal.NotFound("staff member");
        var provider = await db.Set<RenderingProvider>().FirstOrDefaultAsync(r => r.StaffMemberId == input.StaffMemberId, ct)
            ?? db.Set<RenderingProvider>().Add(new RenderingProvider { StaffMemberId = input.StaffMemberId!.Value }).Entity;
        provider.Npi = input.Npi!;
        provider.Taxonomy = input.Taxonomy!;
        await db.SaveChangesAsync(ct);
        return provider;
    }
}
