using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;
using Trellis.Web.Features.Organization;

namespace Trellis.Web.Features.Scheduling;

/// <summary>
/// Clashes of a template group with the groups of other tracks: the same facilitator or the same
/// room on a shared weekday at overlapping wall-clock times. Caught when the template is saved, so
/// a double-booking is not generated into every future week. (Groups of the same track are checked
/// by <see cref="SessionPlanner.Check"/>.)
/// </summary>
public static class TemplateConflicts
{
    public static async Task<List<(string Field, string Message)>> FindAsync(TrellisDbContext db, SessionTemplate item, Track track,
        IReadOnlyCollection<Guid> facilitators, CancellationToken ct = default)
    {
        var found = new List<(string, string)>();
        if (!item.IsActive) return found;
        var room = item.RoomId ?? track.DefaultRoomId;
        var others = await db.Set<SessionTemplate>().AsNoTracking().Include(t => t.Track).Include(t => t.Room)
            .Include(t => t.Facilitators).ThenInclude(f => f.StaffMember)
            .Where(t => t.IsActive && t.TrackId != track.Id && t.Track!.IsActive && t.StartTime < item.EndTime && item.StartTime < t.EndTime)
            .ToListAsync(ct);
        foreach (var o in others)
        {
            var shared = o.Weekdays & o.Track!.Weekdays & item.Weekdays & track.Weekdays;
            if (shared == Weekdays.None) continue;
            var what = $"{o.Title} ({o.Track.Name} track, {shared.ToShortText()} {o.StartTime:H\\:mm}–{o.EndTime:H\\:mm})";
            foreach (var f in o.Facilitators.Where(f => facilitators.Contains(f.StaffMemberId)))
                found.Add(("FacilitatorIds", $"{f.StaffMember!.FullName} already leads {what}."));
            if (room is not null && (o.RoomId ?? o.Track.DefaultRoomId) == room)
            {
                var name = o.Room?.Name ?? await db.Rooms.Where(r => r.Id == room).Select(r => r.Name).FirstOrDefaultAsync(ct);
                if (await db.Rooms.AnyAsync(r => r.Id == room && !r.IsTelehealth, ct))
                    found.Add(("RoomId", $"{name} is already used by {what}."));
            }
        }
        return found;
    }
}
