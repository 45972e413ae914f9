using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;

namespace Trellis.Web.Features.Participants.Actions;

/// <summary>
/// Hide a chart everywhere without erasing anything (it can be restored). A version, when given, must
/// be current: a person deleting from an old copy of the chart is told it changed. Called by the
/// participant page and DELETE /api/participants/{id}.
/// </summary>
public static class DeleteParticipant
{
    public static async Task<Result<Participant>> RunAsync(TrellisDbContext db, Guid id, ETags.Expected expected, CancellationToken ct = default)
    {
        if (await db.Participants.FirstOrDefaultAsync(p => p.Id == id, ct) is not { } participant) return Refusal.NotFound("participant");
        if (!db.Me.May(Permissions.DeleteParticipants)) return Refusal.Forbidden("Only program directors and administrators delete participants.");
        if ((expected.Version is not null || expected.Malformed) && expected.Check(participant.Version) is { } stale) return stale;
        participant.IsDeleted = true;
        participant.DeletedAt = db.Now;
        participant.DeletedBy = db.Actor.UserName;
        await db.SaveChangesAsync(ct);
        return participant;
    }
}
