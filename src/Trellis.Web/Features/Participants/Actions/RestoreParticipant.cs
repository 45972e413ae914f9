using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;

namespace Trellis.Web.Features.Participants.Actions;

/// <summary>
/// Bring a deleted chart back. Only the soft-delete filter is lifted: a chart outside the caller's
/// programs stays out of reach (404). Restoring a chart that is not deleted changes nothing. Called by
/// the chart page and POST /api/participants/{id}/restore.
/// </summary>
public static class RestoreParticipant
{
    public static async Task<Result<Participant>> RunAsync(TrellisDbContext db, Guid id, CancellationToken ct = default)
    {
        var participant = await db.Participants.IgnoreQueryFilters([TrellisDbContext.SoftDeleteFilter]).FirstOrDefaultAsync(p => p.Id == id, ct);
        if (participant is null) return Refusal.NotFound("participant");
        if (!db.Me.May(Permissions.DeleteParticipants)) return Refusal.Forbidden("Only program directors and administrators restore participants.");
        if (!participant.IsDeleted) return participant;
        participant.IsDeleted = false;
        participant.DeletedAt = null;
        participant.DeletedBy = null;
        await db.SaveChangesAsync(ct);
        return participant;
    }
}
