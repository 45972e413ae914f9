using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;

namespace Trellis.Web.Features.Organization.Actions;

/// <summary>Add a track (days, times, capacity, usual room) to a program the caller manages. Called by the track page.</summary>
public static class CreateTrack
{
    public static async Task<Result<Track>> RunAsync(TrellisDbContext db, Guid programId, TrackInput input, CancellationToken ct = default)
    {
        if (await db.Programs.AsNoTracking().FirstOrDefaultAsync(p => p.Id == programId, ct) is not { } program) return Refusal.NotFound("program");
        if (!db.Me.May(Permissions.ManagePrograms) || !db.Scope.Covers(program.Id))
            return Refusal.Forbidden($"Only administrators and the program directors of {program.Name} add its tracks.");
        if (await OrganizationRules.CheckTrackAsync(db, program, input, null, ct) is { } refused) return refused;
        var track = new Track { ProgramId = program.Id };
        input.ApplyTo(track);
        db.Tracks.Add(track);
        await db.SaveChangesAsync(ct);
        return track;
    }
}
