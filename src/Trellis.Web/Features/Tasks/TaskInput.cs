using System.ComponentModel.DataAnnotations;

namespace Trellis.Web.Features.Tasks;

public sealed class TaskInput
{
    [Required(ErrorMessage = "Say what needs doing."), MaxLength(200)] public string? Title { get; set; }
    [MaxLength(2000)] public string? Detail { get; set; }
    [Required(ErrorMessage = "Choose a due date."), Display(Name = "Due")] public DateOnly? DueOn { get; set; }
    [Display(Name = "Owner")] public Guid? AssignedToStaffId { get; set; }
}

public sealed class TaskOutcomeInput
{
    [Required(ErrorMessage = "Record what was done and how it went."), MaxLength(2000)] public string? Outcome { get; set; }
}
