using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Billing.Setup;

namespace Trellis.Web.Features.Billing.Actions;

/// <summary>
/// The clinic's billing identity, configured once. The first save needs no version (there is nothing to
/// overwrite); later ones do. Called by the setup page and PUT /api/billing/identity.
/// </summary>
public static class SaveBillingIdentity
{
    public static async Task<Result<BillingIdentity>> RunAsync(TrellisDbContext db, BillingIdentityInput input, ETags.Expected expected, CancellationToken ct = default)
    {
        if (!db.Me.May(Permissions.ManageBilling)) return Refusal.Forbidden("Only billing specialists and administrators change the billing identity.");
        if (Validation.Check(input) is { } invalid) return invalid;
        var identity = await db.Set<BillingIdentity>().FirstOrDefaultAsync(ct);
        if (identity is not null && expected.Check(identity.Version) is { } stale) return stale;
        identity ??= db.Set<BillingIdentity>().Add(new BillingIdentity()).Entity;
        input.ApplyTo(identity);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { return Refusal.Stale(identity.Version); }
        return identity;
    }
}
