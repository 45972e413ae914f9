using Microsoft.EntityFrameworkCore;

namespace Trellis.Web.Features.Notifications.Actions;

/// <summary>
/// Open a notification: it is marked read (once) and the caller goes where it points. Only the recipient's
/// own: anyone else's answers 404 like a missing one. Called by the notifications page.
/// </summary>
public static class MarkNotificationRead
{
    public static async Task<Result<Notification>> RunAsync(TrellisDbContext db, Guid id, CancellationToken ct = default)
    {
        var me = db.Me.StaffId;
        if (me is null || await db.Notifications.FirstOrDefaultAsync(n => n.Id == id && n.RecipientStaffId == me, ct) is not { } notification)
            return Refusal.NotFound("notification");
        notification.ReadAt ??= db.Now;
        await db.SaveChangesAsync(ct);
        return notification;
    }
}
