using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;

namespace Trellis.Web.Features.Tasks.Actions;

/// <summary>
/// Raise a task on a chart by hand, owned by an active staff member of the participant's program or a
/// staff role (the caller when neither is given); a new owner other than the caller is told. Called by the
/// chart's tasks page and POST /api/participants/{id}/tasks.
/// </summary>
public static class CreateTask
{
    public static async Task<Result<CareTask>> RunAsync(TrellisDbContext db, Guid participantId, TaskInput input, CancellationToken ct = default)
    {
        if (await db.Participants.AsNoTracking().Include(p => p.Program).FirstOrDefaultAsync(p => p.Id == participantId, ct) is not { } participant)
            return Refusal.NotFound("participant");
        if (!db.Me.May(Permissions.AnyStaff)) return Refusal.Forbidden("Only staff raise tasks.");
        if (await TaskEditing.CheckNewAsync(db, participant, input, db.Me.StaffId, ct) is { } refused) return refused;
        var task = TaskEditing.Raise(db, participant, input, db.Me.StaffId);
        await db.SaveChangesAsync(ct);
        return task;
    }
}
