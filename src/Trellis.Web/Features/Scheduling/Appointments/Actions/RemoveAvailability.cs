using Microsoft.EntityFrameworkCore;

namespace Trellis.Web.Features.Scheduling.Actions;

/// <summary>Take weekly appointment hours off a staff member's list (booked appointments stay). Called by the appointment hours page.</summary>
public static class RemoveAvailability
{
    public static async Task<Result<StaffAvailability>> RunAsync(TrellisDbContext db, Guid windowId, CancellationToken ct = default)
    {
        if (await db.Set<StaffAvailability>().FirstOrDefaultAsync(w => w.Id == windowId, ct) is not { } window) return Refusal.NotFound("appointment hours");
        if (!AddAvailability.MayEdit(db, window.StaffMemberId))
            return Refusal.Forbidden("You can change your own appointment hours; program directors and administrators change anyone's.");
        db.Remove(window);
        await db.SaveChangesAsync(ct);
        return window;
    }
}
