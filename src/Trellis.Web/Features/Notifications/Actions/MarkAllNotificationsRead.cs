using Microsoft.EntityFrameworkCore;

namespace Trellis.Web.Features.Notifications.Actions;

/// <summary>Mark every unread notification of the caller as read; answers how many were. Called by the notifications page.</summary>
public static class MarkAllNotificationsRead
{
    public static async Task<Result<int>> RunAsync(TrellisDbContext db, CancellationToken ct = default)
    {
        if (db.Me.StaffId is not { } me) return Refusal.Forbidden("Only staff receive notifications.");
        var now = db.Now;
        return await db.Notifications.Where(n => n.RecipientStaffId == me && n.ReadAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(n => n.ReadAt, now), ct);
    }
}
