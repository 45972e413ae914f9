using System.ComponentModel.DataAnnotations;

namespace Trellis.Web.Features.Scheduling;

/// <summary>Days the clinic (no program) or one program is closed: the closures page's form and the API's body.</summary>
public sealed class ClosureInput : IValidatableObject
{
    /// <summary>Null: the whole clinic (administrators only).</summary>
    public Guid? ProgramId { get; set; }
    [Required(ErrorMessage = "Choose the first closed day.")] public DateOnly? StartsOn { get; set; }
    [Required(ErrorMessage = "Choose the last closed day (the same day for one day).")] public DateOnly? EndsOn { get; set; }
    [Required(ErrorMessage = "Say why (people are told): \"Thanksgiving\", \"Staff training\".")]
    [MaxLength(200, ErrorMessage = "The reason is at most 200 characters.")]
    public string? Reason { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (StartsOn is not { } s || EndsOn is not { } e) yield break;
        if (e < s) yield return new($"The last closed day ({e:MMM d}) is before the first ({s:MMM d}).", [nameof(EndsOn)]);
        else if (e.DayNumber - s.DayNumber > 60) yield return new("A closure is at most 61 days; for longer, pause the program instead.", [nameof(EndsOn)]);
    }
}

public sealed record ClosureDto(Guid Id, Guid? ProgramId, string? ProgramName, DateOnly StartsOn, DateOnly EndsOn, string Reason, bool CalledOff)
{
    public static ClosureDto From(Closure c) => new(c.Id, c.ProgramId, c.Program?.Name, c.StartsOn, c.EndsOn, c.Reason, c.CancelledAt is not null);
}

public sealed record ClosureApplied(ClosureDto Closure, int SessionsCancelled, int AppointmentsCancelled, int ParticipantsNotified)
{
    public static ClosureApplied From(Closure c, ClosureOutcome o) => new(ClosureDto.From(c), o.SessionsCancelled, o.AppointmentsCancelled, o.ParticipantsNotified);
}
