using Microsoft.EntityFrameworkCore;

namespace Trellis.Web.Features.Billing.Setup;

/// <summary>
/// Claim numbers and interchange control numbers that only grow. The counter row is saved with the work
/// that uses it; two nodes taking the same number collide on its version and one save is refused whole.
/// </summary>
public static class Counters
{
    public const string Claim = "claim", Interchange = "interchange";

    /// <summary>Reserves <paramref name="count"/> numbers and returns the first.</summary>
    public static async Task<long> TakeAsync(TrellisDbContext db, string name, int count = 1, CancellationToken ct = default)
    {
        var counter = await db.Set<BillingCounter>().FirstOrDefaultAsync(c => c.Name == name, ct);
        if (counter is null)
        {
            counter = db.Set<BillingCounter>().Local.FirstOrDefault(c => c.Name == name) ?? new BillingCounter { Name = name, Value = 0 };
            if (db.Entry(counter).State == EntityState.Detached) db.Set<BillingCounter>().Add(counter);
        }
        var first = counter.Value + 1;
        counter.Value += count;
        return first;
    }
}
