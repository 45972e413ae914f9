using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;

namespace Trellis.Web.Features.Tasks;

/// <summary>Raising, finding and closing care tasks. Changes are added to the context; the caller saves, so a task is raised in the same transaction as its cause.</summary>
public static class CareTasks
{
    public static CareTask Raise(TrellisDbContext db, Guid participantId, string kind, string title, DateOnly dueOn,
        Guid? assignedToStaffId = null, string? assignedRole = null, string? detail = null, string? sourceType = null, Guid? sourceId = null)
    {
        var task = new CareTask
        {
            ParticipantId = participantId, Kind = kind, Title = title, Detail = detail, DueOn = dueOn,
            AssignedToStaffId = assignedToStaffId, AssignedRole = assignedRole, SourceType = sourceType, SourceId = sourceId,
        };
        db.Tasks.Add(task);
        return task;
    }

    /// <summary>Open tasks of a kind for a participant; used to avoid raising the same task twice.</summary>
    public static Task<List<CareTask>> OpenAsync(TrellisDbContext db, Guid participantId, string kind, CancellationToken ct = default) =>
        db.Tasks.Where(t => t.ParticipantId == participantId && t.Kind == kind && t.Status == CareTaskStatus.Open).ToListAsync(ct);

    public static void Complete(TrellisDbContext db, CareTask task, string? outcome)
    {
        task.Status = CareTaskStatus.Done;
        task.CompletedAt = db.Now;
        task.CompletedBy = db.Actor.UserName;
        task.Outcome = string.IsNullOrWhiteSpace(outcome) ? task.Outcome : outcome.Trim();
    }

    /// <summary>Tasks closed only by the record that answers them (a completed safety plan), never by hand.</summary>
    public static bool ClosesOnItsOwn(CareTask task) => task.Kind == CareTaskKinds.CompleteSafetyPlan;

    /// <summary>Opens a done or cancelled task again; the outcome recorded so far stays until a new one is written.</summary>
    public static void Reopen(CareTask task)
    {
        task.Status = CareTaskStatus.Open;
        task.CompletedAt = null;
        task.CompletedBy = null;
    }

    /// <summary>Completes every open task of a kind for a participant (e.g. a completed safety plan closes "complete safety plan").</summary>
    public static async Task<int> CompleteOpenAsync(TrellisDbContext db, Guid participantId, string kind, string outcome, CancellationToken ct = default)
    {
        var open = await OpenAsync(db, participantId, kind, ct);
        foreach (var t in open) Complete(db, t, outcome);
        return open.Count;
    }
}
