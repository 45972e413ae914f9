using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;

namespace Trellis.Web.Features.Organization.Actions;

/// <summary>Change a room from the version the caller last saw. Called by the room page.</summary>
public static class ChangeRoom
{
    public static async Task<Result<Room>> RunAsync(TrellisDbContext db, Guid id, RoomInput input, ETags.Expected expected, CancellationToken ct = default)
    {
        if (await db.Rooms.FirstOrDefaultAsync(r => r.Id == id, ct) is not { } room) return Refusal.NotFound("room");
        if (!db.Me.May(Permissions.ManagePrograms)) return Refusal.Forbidden("Only administrators and program directors change rooms.");
        if (expected.Check(room.Version) is { } stale) return stale;
        if (await OrganizationRules.CheckRoomAsync(db, input, id, ct) is { } refused) return refused;
        input.ApplyTo(room);
        if (!await Concurrency.SaveIfUnchangedAsync(db, room, expected.Version, ct: ct)) return Refusal.Stale(expected.Version!.Value + 1);
        return room;
    }
}
