using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;

namespace Trellis.Web.Features.Scheduling.Actions;

/// <summary>
/// Call a closure off: what it cancelled (still ahead) is scheduled again and the same people are
/// told. A clinic-wide closure is called off by an administrator only. Called by the closures page
/// and POST /api/closures/{id}/reopen.
/// </summary>
public static class CallOffClosure
{
    public static async Task<Result<(Closure Closure, ClosureOutcome Outcome)>> RunAsync(TrellisDbContext db, Guid closureId, CancellationToken ct = default)
    {
        var closure = await db.Set<Closure>().Include(c => c.Program).FirstOrDefaultAsync(c => c.Id == closureId, ct);
        if (closure is null || (closure.ProgramId is { } p && !db.Scope.Covers(p))) return Refusal.NotFound("closure");
        if (!db.Me.May(Permissions.ManageSchedule)) return Refusal.Forbidden("Closures are called off by program directors and administrators.");
        if (!db.Scope.Covers(closure.ProgramId)) return Refusal.Forbidden("Only an administrator can call off a closure of the whole clinic.");
        if (closure.CancelledAt is not null) return Refusal.Conflict("This closure was already called off.");
        var outcome = await Closures.ReopenAsync(db, closure, ct);
        await db.SaveChangesAsync(ct);
        return (closure, outcome);
    }
}
