using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;

namespace Trellis.Web.Features.Scheduling.Actions;

/// <summary>
/// Cancel one session with a reason: everyone on its roster gets a notice on their portal and its
/// facilitators a notification. A session whose attendance was taken took place and stays. Called by
/// the session's edit page and POST /api/sessions/{id}/cancel.
/// </summary>
public static class CancelSession
{
    public static async Task<Result<GroupSession>> RunAsync(TrellisDbContext db, Guid sessionId, CancelInput input, ETags.Expected expected,
        CancellationToken ct = default)
    {
        if (await SessionQueries.FindAsync(db, sessionId, tracking: true, ct) is not { } session || !db.Scope.Covers(session.ProgramId))
            return Refusal.NotFound("group session");
        if (!db.Me.May(Permissions.EditSessions)) return Refusal.Forbidden("Sessions are cancelled by program directors, clinicians and administrators.");
        if (expected.Check(session.Version) is { } stale) return stale;
        if (Validation.Check(input) is { } invalid) return invalid;
        if (session.Status == SessionStatus.Cancelled) return Refusal.Conflict("This session is already cancelled.");
        // Whoever attended (in any program) makes it a session that took place; only the fact is read.
        if (await db.Attendance.IgnoreQueryFilters([TrellisDbContext.ScopeFilter]).AnyAsync(a => a.GroupSessionId == sessionId, ct))
            return Refusal.Conflict("Attendance was already taken for this session, so it took place and cannot be cancelled.");
        await Closures.CancelSessionAsync(db, session, input.Reason!.Trim(), ct);
        await db.SaveChangesAsync(ct);
        return session;
    }
}
