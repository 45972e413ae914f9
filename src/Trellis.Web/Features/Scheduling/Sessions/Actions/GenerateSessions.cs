using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;

namespace Trellis.Web.Features.Scheduling.Actions;

/// <summary>
/// Make a track's sessions from its weekly template up to the program's weeks ahead, now rather than at
/// the next background run. Idempotent: sessions that exist are never duplicated or changed. Called by
/// the track template page and POST /api/tracks/{id}/sessions/generate; returns how many were made.
/// </summary>
public static class GenerateSessions
{
    public static async Task<Result<int>> RunAsync(TrellisDbContext db, Guid trackId, CancellationToken ct = default)
    {
        var track = await db.Tracks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == trackId, ct);
        if (track is null || !db.Scope.Covers(track.ProgramId)) return Refusal.NotFound("track");
        if (!db.Me.May(Permissions.ManageSchedule)) return Refusal.Forbidden("Sessions are made from templates by program directors and administrators.");
        if (!track.IsActive) return Refusal.Conflict("This track is not active; activate it before generating its sessions.");
        return await SessionGeneration.GenerateAsync(db, trackId: trackId, ct: ct);
    }
}
