using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;

namespace Trellis.Web.Infrastructure;

/// <summary>Optimistic concurrency: a save based on a stale copy is refused, never a silent overwrite.</summary>
public static class Concurrency
{
    public const string StaleMessage =
        "Someone else saved changes to this record while you were editing. Nothing was saved; your changes are still in the form. Open the record in another tab to see theirs, then save again.";

    /// <summary>
    /// Saves the changes already made to <paramref name="entity"/> only if the database still holds
    /// <paramref name="expectedVersion"/> (the version the person was shown). False when it does not.
    /// </summary>
    public static async Task<bool> SaveIfUnchangedAsync(TrellisDbContext db, Entity entity, long? expectedVersion,
        Func<Task>? save = null, CancellationToken ct = default)
    {
        var entry = db.Entry(entity);
        if (expectedVersion is null || entry.Property(e => e.Version).OriginalValue != expectedVersion) return false;
        entry.Property(e => e.Version).OriginalValue = expectedVersion.Value;
        try
        {
            if (save is null) await db.SaveChangesAsync(ct);
            else await save();
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
    }
}
