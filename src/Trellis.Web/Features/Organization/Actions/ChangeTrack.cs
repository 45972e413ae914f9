using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;

namespace Trellis.Web.Features.Organization.Actions;

/// <summary>
/// Change a track of a program the caller manages, from the version they last saw; its capacity never
/// drops below the participants already enrolled. Called by the track page.
/// </summary>
public static class ChangeTrack
{
    public static async Task<Result<Track>> RunAsync(TrellisDbContext db, Guid trackId, TrackInput input, ETags.Expected expected,
        CancellationToken ct = default)
    {
        if (await db.Tracks.Include(t => t.Program).FirstOrDefaultAsync(t => t.Id == trackId, ct) is not { Program: { } program } track)
            return Refusal.NotFound("track");
        if (!db.Me.May(Permissions.ManagePrograms) || !db.Scope.Covers(program.Id))
            return Refusal.Forbidden($"Only administrators and the program directors of {program.Name} change its tracks.");
        if (expected.Check(track.Version) is { } stale) return stale;
        if (await OrganizationRules.CheckTrackAsync(db, program, input, track.Id, ct) is { } refused) return refused;
        input.ApplyTo(track);
        if (!await Concurrency.SaveIfUnchangedAsync(db, track, expected.Version, ct: ct)) return Refusal.Stale(expected.Version!.Value + 1);
        return track;
    }
}
