using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;

namespace Trellis.Web.Infrastructure;

/// <summary>
/// Actions that move a record on rather than overwrite it (take a lead, move it, clear a flag) accept
/// a version without requiring one: an API call may send If-Match, a page always sends the version it
/// showed. When one is sent it must be current; when none is sent the action goes ahead.
/// </summary>
public static class OptionalVersion
{
    /// <summary>Null when the change may go ahead: no version sent, or the current one; otherwise 400 or 412.</summary>
    public static Refusal? CheckIfSent(this ETags.Expected expected, long current) =>
        expected.Version is null && !expected.Malformed ? null : expected.Check(current);

    /// <summary>Saves; a save that lost a race with another one answers 412 instead of throwing.</summary>
    public static async Task<Refusal?> SaveOrStaleAsync(this TrellisDbContext db, Entity changed, CancellationToken ct = default)
    {
        var version = db.Entry(changed).Property(e => e.Version).OriginalValue;
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            return Refusal.Stale(version + 1);
        }
    }
}
