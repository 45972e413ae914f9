using Trellis.Web.Data;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Clinical;
using Trellis.Web.Features.Notifications;
using Trellis.Web.Features.Participants;
using Trellis.Web.Features.Staff;

namespace Trellis.Web.Features.Tasks;

/// <summary>
/// Raising and changing a task by hand: the rules the chart's task page, the task page and the API
/// share. A task's owner is an active staff member of the participant's program or a staff role;
/// a task that closes on its own (a safety plan) is never closed or reopened by hand; closing
/// records what was done.
/// </summary>
public static class TaskEditing
{
    /// <summary>Who may own a participant's task: active staff assigned to the participant's program.</summary>
    public static Task<List<StaffMember>> TeamAsync(TrellisDbContext db, Participant participant, CancellationToken ct = default) =>
        ClinicalStaff.OfProgramAsync(db, participant.ProgramId, ct);

    public static async Task<Refusal?> CheckNewAsync(TrellisDbContext db, Participant participant, TaskInput input, Guid? callerStaffId, CancellationToken ct = default)
    {
        var errors = Validation.ToDictionary(Validation.Validate(input));
        if (input.Kind is { } kind && !CareTaskKinds.ByHand.Contains(kind))
            errors["kind"] = [$"'{kind}' is not a kind of task raised by hand; use one of {string.Join(", ", CareTaskKinds.ByHand)}."];
        await CheckOwnerAsync(db, participant, input.AssignedToStaffId, input.AssignedRole, errors, ct);
        if (input.AssignedToStaffId is null && input.AssignedRole is null && callerStaffId is null)
            errors["assignedToStaffId"] = ["Choose an owner or a role: you have no staff record to own the task yourself."];
        return errors.Count > 0 ? Refusal.Invalid(errors) : null;
    }

    /// <summary>Adds the new task (and tells its owner, when that is someone else); the caller saves.</summary>
    public static CareTask Raise(TrellisDbContext db, Participant participant, TaskInput input, Guid? callerStaffId)
    {
        var owner = input.AssignedToStaffId ?? (input.AssignedRole is null ? callerStaffId : null);
        var task = CareTasks.Raise(db, participant.Id, input.Kind ?? CareTaskKinds.General, input.Title!.Trim(), input.DueOn!.Value,
            owner, input.AssignedRole, string.IsNullOrWhiteSpace(input.Detail) ? null : input.Detail.Trim());
        TellOwner(db, task, participant, callerStaffId);
        return task;
    }

    /// <summary>
    /// Applies a change of owner, due date or status to a task, or says why not. Anyone who may see the
    /// task may change it, as on the task page; closing needs an outcome; a closed task is reopened
    /// before it is given a new owner or date.
    /// </summary>
    public static async Task<Refusal?> ChangeAsync(TrellisDbContext db, CareTask task, Participant participant, TaskChangeInput input, Guid? callerStaffId, CancellationToken ct = default)
    {
        var errors = Validation.ToDictionary(Validation.Validate(input));
        var status = input.Status ?? task.Status;
        var reassigned = input.AssignedToStaffId != task.AssignedToStaffId || input.AssignedRole != task.AssignedRole;
        if (reassigned) await CheckOwnerAsync(db, participant, input.AssignedToStaffId, input.AssignedRole, errors, ct);
        if (reassigned && input.AssignedToStaffId is null && input.AssignedRole is null)
            errors["assignedToStaffId"] = ["Give the task an owner (assignedToStaffId) or a role (assignedRole)."];
        if (status != CareTaskStatus.Open && status != task.Status && string.IsNullOrWhiteSpace(input.Outcome))
            errors["outcome"] = ["Record what was done and how it went."];
        if (errors.Count > 0) return Refusal.Invalid(errors);

        if (status != task.Status && CareTasks.ClosesOnItsOwn(task))
            return Refusal.Conflict("Closes with the safety plan", "This task closes when the participant's safety plan is completed; it is not closed or reopened by hand.");
        if (status != CareTaskStatus.Open && (reassigned || input.DueOn != task.DueOn))
            return Refusal.Conflict("Task is closed", "A done or cancelled task keeps its owner and due date; reopen it (status open) to change them.");

        if (status == CareTaskStatus.Open && task.Status != CareTaskStatus.Open) CareTasks.Reopen(task);
        if (!string.IsNullOrWhiteSpace(input.Outcome)) task.Outcome = input.Outcome.Trim();
        task.DueOn = input.DueOn!.Value;
        if (reassigned)
        {
            task.AssignedToStaffId = input.AssignedToStaffId;
            task.AssignedRole = input.AssignedRole;
            TellOwner(db, task, participant, callerStaffId);
        }
        if (status != CareTaskStatus.Open && task.Status == CareTaskStatus.Open)
        {
            CareTasks.Complete(db, task, input.Outcome);
            task.Status = status;
        }
        return null;
    }

    private static async Task CheckOwnerAsync(TrellisDbContext db, Participant participant, Guid? staffId, string? role, Dictionary<string, string[]> errors, CancellationToken ct)
    {
        if (role is not null && !Roles.Staff.Contains(role))
            errors["assignedRole"] = [$"'{role}' is not a staff role; use one of {string.Join(", ", Roles.Staff)}."];
        if (staffId is { } id && (await TeamAsync(db, participant, ct)).All(s => s.Id != id))
            errors["assignedToStaffId"] = [$"The owner must be an active staff member of {participant.Program?.Name ?? "the participant's program"}."];
    }

    private static void TellOwner(TrellisDbContext db, CareTask task, Participant participant, Guid? callerStaffId)
    {
        if (task.AssignedToStaffId is { } owner && owner != callerStaffId)
            Notifier.Notify(db, [owner], task.Kind, $"New task: {task.Title}", $"{participant.DisplayName}, due {task.DueOn:MMM d}.",
                $"/tasks/{task.Id}", participant.Id);
    }
}
