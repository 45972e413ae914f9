using System.ComponentModel.DataAnnotations;

namespace Trellis.Web.Features.Tasks;

/// <summary>A new task: the chart page's form and the body of POST /api/participants/{id}/tasks.</summary>
public sealed class TaskInput
{
    /// <summary>general (the default), missed_session_follow_up, engagement_outreach, treatment_plan_due, treatment_plan_review, referral or admission.</summary>
    [MaxLength(40)] public string? Kind { get; set; }
    [Required(ErrorMessage = "Say what needs doing."), MaxLength(200)] public string? Title { get; set; }
    [MaxLength(2000)] public string? Detail { get; set; }
    [Required(ErrorMessage = "Choose a due date."), Display(Name = "Due")] public DateOnly? DueOn { get; set; }
    /// <summary>The owner: an active staff member of the participant's program. With neither owner nor role, the task is the caller's.</summary>
    [Display(Name = "Owner")] public Guid? AssignedToStaffId { get; set; }
    /// <summary>A staff role whose members may all pick the task up (e.g. CaseManager).</summary>
    [MaxLength(40)] public string? AssignedRole { get; set; }
}

/// <summary>Body of PUT /api/tasks/{id} (and the task page's "record the outcome" form): the task's owner, due date and status as they should now be.</summary>
public sealed class TaskChangeInput
{
    [Required(ErrorMessage = "Give the due date.")] public DateOnly? DueOn { get; set; }
    public Guid? AssignedToStaffId { get; set; }
    [MaxLength(40)] public string? AssignedRole { get; set; }
    /// <summary>open, done or cancelled. Done and cancelled need an outcome.</summary>
    [Required(ErrorMessage = "Give the status: open, done or cancelled.")] public CareTaskStatus? Status { get; set; }
    /// <summary>What was done and how it went; required to close a task.</summary>
    [MaxLength(2000)] public string? Outcome { get; set; }
}
