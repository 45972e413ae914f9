using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;

namespace Trellis.Web.Features.Organization.Actions;

/// <summary>Add a room (or a standing video room) to the clinic. Called by the room page.</summary>
public static class CreateRoom
{
    public static async Task<Result<Room>> RunAsync(TrellisDbContext db, RoomInput input, CancellationToken ct = default)
    {
        if (!db.Me.May(Permissions.ManagePrograms)) return Refusal.Forbidden("Only administrators and program directors add rooms.");
        if (await OrganizationRules.CheckRoomAsync(db, input, null, ct) is { } refused) return refused;
        var room = new Room { OrganizationId = await db.Clinic.Select(o => o.Id).FirstAsync(ct) };
        input.ApplyTo(room);
        db.Rooms.Add(room);
        await db.SaveChangesAsync(ct);
        return room;
    }
}
