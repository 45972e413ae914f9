using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;

namespace Trellis.Web.Features.Tasks.Actions;

/// <summary>
/// Reassign a task, move its date, close it with an outcome (done or cancelled) or reopen it, from the
/// version the caller last saw (<see cref="TaskEditing.ChangeAsync"/> holds the rules). Called by the task
/// page (closing) and PUT /api/tasks/{id}.
/// </summary>
public static class ChangeTask
{
    public static async Task<Result<CareTask>> RunAsync(TrellisDbContext db, Guid taskId, TaskChangeInput input, ETags.Expected expected,
        CancellationToken ct = default)
    {
        if (await db.Tasks.Include(t => t.Participant).ThenInclude(p => p!.Program).FirstOrDefaultAsync(t => t.Id == taskId, ct) is not { } task)
            return Refusal.NotFound("task");
        if (!db.Me.May(Permissions.AnyStaff)) return Refusal.Forbidden("Only staff change tasks.");
        if (expected.Check(task.Version) is { } stale) return stale;
        if (await TaskEditing.ChangeAsync(db, task, task.Participant!, input, db.Me.StaffId, ct) is { } refused) return refused;
        if (!await Concurrency.SaveIfUnchangedAsync(db, task, expected.Version, ct: ct)) return Refusal.Stale(expected.Version!.Value + 1);
        return task;
    }
}
