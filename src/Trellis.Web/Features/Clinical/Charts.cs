using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;
using Trellis.Web.Features.Participants;

namespace Trellis.Web.Features.Clinical;

/// <summary>Loading the chart a clinical record belongs to, always through care-team scoping.</summary>
public static class Charts
{
    /// <summary>
    /// The participant with program, track and diagnoses, or null when absent or outside the caller's programs:
    /// what the chart's header (ChartFrame) shows, so every tab shows the same header.
    /// </summary>
    public static Task<Participant?> FindAsync(TrellisDbContext db, Guid id, CancellationToken ct = default) =>
        db.Participants.AsNoTracking().Include(p => p.Program).Include(p => p.Track).Include(p => p.Diagnoses).FirstOrDefaultAsync(p => p.Id == id, ct);

    /// <summary>"Today" in the participant's program's time zone.</summary>
    public static DateOnly Today(TrellisDbContext db, Participant p) => p.Today(db.Now);
}
