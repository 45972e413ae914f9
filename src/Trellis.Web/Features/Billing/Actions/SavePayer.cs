using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Billing.Payers;

namespace Trellis.Web.Features.Billing.Actions;

/// <summary>Adds or changes a payer and its rules. Called by the payer page and POST/PUT /api/payers.</summary>
public static class SavePayer
{
    public static async Task<Result<Payer>> RunAsync(TrellisDbContext db, Guid? payerId, PayerInput input, ETags.Expected expected, CancellationToken ct = default)
    {
        Payer? payer = null;
        if (payerId is { } id && (payer = await db.Set<Payer>().FirstOrDefaultAsync(p => p.Id == id, ct)) is null) return Refusal.NotFound("payer");
        if (!db.Me.May(Permissions.ManageBilling)) return Refusal.Forbidden("Only billing specialists and administrators change payers.");
        if (Validation.Check(input) is { } invalid) return invalid;
        if (await db.Set<Payer>().AnyAsync(p => p.Name == input.Name!.Trim() && p.Id != payerId, ct))
            return Refusal.Invalid("name", $"A payer named {input.Name!.Trim()} exists already.");
        if (payer is not null && expected.Check(payer.Version) is { } stale) return stale;
        payer ??= db.Set<Payer>().Add(new Payer()).Entity;
        input.ApplyTo(payer);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { return Refusal.Stale(payer.Version); }
        return payer;
    }
}
