using Microsoft.EntityFrameworkCore;

namespace Trellis.Web.Features.Staff;

public static class StaffQueries
{
    /// <summary>
    /// Active staff who work in a program the caller can see. The staff directory is the clinic's; which
    /// programs count is decided by the context's program filter, not here.
    /// </summary>
    public static IQueryable<StaffMember> InMyPrograms(TrellisDbContext db) =>
        db.Staff.AsNoTracking().Where(s => s.IsActive && s.Programs.Any(a => db.Programs.Any(p => p.Id == a.ProgramId)));
}
