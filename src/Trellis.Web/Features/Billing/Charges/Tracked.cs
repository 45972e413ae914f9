using Microsoft.EntityFrameworkCore;

namespace Trellis.Web.Features.Billing.Charges;

/// <summary>
/// Rows as this save will leave them: read from the database, then overlaid with what the context is
/// about to write (added, changed, deleted). A save hook runs before the save, so a plain query would
/// still see the attendance or the note as it was.
/// </summary>
internal static class Tracked
{
    public static async Task<List<T>> ListAsync<T>(TrellisDbContext db, IQueryable<T> query, Func<T, bool> relevant, CancellationToken ct) where T : Entity
    {
        var rows = (await query.AsNoTracking().ToListAsync(ct)).ToDictionary(r => r.Id);
        foreach (var entry in db.ChangeTracker.Entries<T>())
        {
            if (entry.State == EntityState.Detached) continue;
            if (entry.State == EntityState.Deleted || !relevant(entry.Entity)) rows.Remove(entry.Entity.Id);
            else rows[entry.Entity.Id] = entry.Entity;
        }
        return [.. rows.Values];
    }
}
