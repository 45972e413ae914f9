using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;

namespace Trellis.Web.Features.Scheduling;

/// <summary>Reading group sessions for pages, actions and the API, through the care-team filters.</summary>
public static class SessionQueries
{
    /// <summary>One session with its program, track, room and facilitators; null when missing or outside the caller's programs.</summary>
    public static Task<GroupSession?> FindAsync(TrellisDbContext db, Guid id, bool tracking = false, CancellationToken ct = default)
    {
        var q = db.GroupSessions.Include(s => s.Program).Include(s => s.Track).Include(s => s.Room)
            .Include(s => s.Facilitators).ThenInclude(f => f.StaffMember).AsSplitQuery();
        return (tracking ? q : q.AsNoTracking()).FirstOrDefaultAsync(x => x.Id == id, ct);
    }

    /// <summary>
    /// Staff who may lead or see people in a program: active and assigned to it. Booking refuses anyone
    /// else, so a staff member's schedule (and calendar feed) never holds someone they cannot open.
    /// </summary>
    public static IQueryable<Staff.StaffMember> StaffOf(TrellisDbContext db, Guid programId) =>
        db.Staff.Where(s => s.IsActive && s.Programs.Any(a => a.ProgramId == programId));
}
