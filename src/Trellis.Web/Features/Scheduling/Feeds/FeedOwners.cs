using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;

namespace Trellis.Web.Features.Scheduling;

/// <summary>Who may make or turn off whose calendar URL.</summary>
public static class FeedOwners
{
    public static async Task<Refusal?> RefuseAsync(TrellisDbContext db, FeedOwner owner, bool issuing, CancellationToken ct)
    {
        if (owner.ParticipantId is { } pid)
            return await db.Participants.AnyAsync(p => p.Id == pid, ct) ? null : Refusal.NotFound("participant");
        var staffId = owner.StaffMemberId!.Value;
        if (!await db.Staff.AnyAsync(s => s.Id == staffId, ct)) return Refusal.NotFound("staff member");
        if (db.Me.StaffId == staffId) return null;
        return issuing ? Refusal.Forbidden("A staff calendar URL can only be made by its owner.")
            : db.Me.May(Permissions.ManageStaff) ? null
            : Refusal.Forbidden("A staff calendar URL can only be turned off by its owner or an administrator.");
    }
}
