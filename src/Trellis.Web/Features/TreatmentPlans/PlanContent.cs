using System.ComponentModel.DataAnnotations;
using Trellis.Web.Features.Instruments;

namespace Trellis.Web.Features.TreatmentPlans;

public enum TargetComparison { Below, AtOrBelow, AtOrAbove, Above }
public enum ObjectiveStatus { Open, Met, Partly, NotMet, Revised }
public enum InterventionType
{
    IndividualTherapy, GroupTherapy, SkillsGroup, Psychoeducation, FamilyTherapy,
    MedicationManagement, CaseManagement, PeerSupport, Other,
}

/// <summary>
/// What a treatment plan says. The same classes are the API body and the page form, so the rules
/// below apply whichever way a plan is written.
/// </summary>
public sealed class PlanContent
{
    [MaxLength(2000), Display(Name = "Strengths")]
    public string? Strengths { get; set; }

    /// <summary>What the participant wants from treatment, in their own words.</summary>
    [MaxLength(2000), Display(Name = "In the participant's words")]
    public string? ParticipantVoice { get; set; }

    [MaxLength(12, ErrorMessage = "A plan holds at most 12 problems.")]
    public List<PlanProblem> Problems { get; set; } = [];
}

public sealed class PlanProblem
{
    [System.Text.Json.Serialization.JsonConverter(typeof(Clinical.EmptyGuidWhenNull))]
    public Guid Id { get; set; }

    [Required(ErrorMessage = "Describe the problem."), MaxLength(1000), Display(Name = "Problem")]
    public string? Statement { get; set; }

    /// <summary>ICD-10-CM codes from the participant's diagnoses that this problem addresses.</summary>
    [MaxLength(10)]
    public List<string> DiagnosisCodes { get; set; } = [];

    [MaxLength(10, ErrorMessage = "A problem holds at most 10 goals.")]
    public List<PlanGoal> Goals { get; set; } = [];
}

/// <summary>A goal in the participant's own words, with a target that says how everyone will know it was reached.</summary>
public sealed class PlanGoal : IValidatableObject
{
    /// <summary>Kept from version to version, so notes and reviews that address this goal stay linked to it.</summary>
    [System.Text.Json.Serialization.JsonConverter(typeof(Clinical.EmptyGuidWhenNull))]
    public Guid Id { get; set; }

    [Required(ErrorMessage = "Write the goal as the participant says it, in their own words."), MaxLength(1000), Display(Name = "Goal in the participant's words")]
    public string? OwnWords { get; set; }

    [Required(ErrorMessage = "Say how progress will be measured (what, how much, by when)."), MaxLength(1000), Display(Name = "Measurable target")]
    public string? Target { get; set; }

    /// <summary>Optional instrument target, e.g. phq-9 below 10: progress is then read from the scores.</summary>
    [MaxLength(20)]
    public string? InstrumentCode { get; set; }

    public TargetComparison? Comparison { get; set; }

    [Range(0, 80, ErrorMessage = "A target score is between 0 and 80.")]
    public int? TargetScore { get; set; }

    public DateOnly? TargetDate { get; set; }

    [MaxLength(10, ErrorMessage = "A goal holds at most 10 objectives.")]
    public List<PlanObjective> Objectives { get; set; } = [];

    [MaxLength(10, ErrorMessage = "A goal holds at most 10 interventions.")]
    public List<PlanIntervention> Interventions { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        var anyInstrumentPart = !string.IsNullOrWhiteSpace(InstrumentCode) || Comparison is not null || TargetScore is not null;
        if (anyInstrumentPart)
        {
            var definition = InstrumentCatalog.Get(InstrumentCode);
            if (definition is null)
                yield return new($"Choose an instrument for the score target ({InstrumentCatalog.Codes}), or clear the score target.", [nameof(InstrumentCode)]);
            if (Comparison is null)
                yield return new("Say whether the score should be below, at or below, at or above, or above the target.", [nameof(Comparison)]);
            if (TargetScore is null)
                yield return new("Enter the target score.", [nameof(TargetScore)]);
            else if (definition?.MaxTotal is { } max && TargetScore > max)
                yield return new($"{definition.Name} totals run from 0 to {max}.", [nameof(TargetScore)]);
        }
        if (Objectives.Count == 0)
            yield return new("Add at least one objective: a step with a target date.", [nameof(Objectives)]);
        if (Interventions.Count == 0)
            yield return new("Add at least one intervention: what the team will do, how often, and who.", [nameof(Interventions)]);
    }

    /// <summary>Whether a score meets the instrument target; null when the goal has none.</summary>
    public bool? IsMetBy(int score) => (Comparison, TargetScore) switch
    {
        (TargetComparison.Below, { } t) => score < t,
        (TargetComparison.AtOrBelow, { } t) => score <= t,
        (TargetComparison.AtOrAbove, { } t) => score >= t,
        (TargetComparison.Above, { } t) => score > t,
        _ => null,
    };

    public string? ScoreTargetText => InstrumentCatalog.Get(InstrumentCode) is { } d && Comparison is { } c && TargetScore is { } t
        ? $"{d.Name} {ComparisonText(c)} {t}" : null;

    public static string ComparisonText(TargetComparison c) => c switch
    {
        TargetComparison.Below => "below",
        TargetComparison.AtOrBelow => "at or below",
        TargetComparison.AtOrAbove => "at or above",
        _ => "above",
    };
}

public sealed class PlanObjective
{
    [System.Text.Json.Serialization.JsonConverter(typeof(Clinical.EmptyGuidWhenNull))]
    public Guid Id { get; set; }

    [Required(ErrorMessage = "Describe the objective: a concrete step the participant will take."), MaxLength(1000), Display(Name = "Objective")]
    public string? Text { get; set; }

    [Required(ErrorMessage = "Give the objective a target date."), Display(Name = "Target date")]
    public DateOnly? TargetDate { get; set; }

    public ObjectiveStatus Status { get; set; }
}

public sealed class PlanIntervention
{
    [System.Text.Json.Serialization.JsonConverter(typeof(Clinical.EmptyGuidWhenNull))]
    public Guid Id { get; set; }

    [Required(ErrorMessage = "Choose the type of intervention.")]
    public InterventionType? Type { get; set; }

    [Required(ErrorMessage = "Describe the intervention."), MaxLength(1000), Display(Name = "Intervention")]
    public string? Description { get; set; }

    [Required(ErrorMessage = "Say how often (e.g. 3 times a week, weekly)."), MaxLength(100), Display(Name = "Frequency")]
    public string? Frequency { get; set; }

    [Required(ErrorMessage = "Choose who is responsible."), Display(Name = "Responsible staff")]
    public Guid? ResponsibleStaffId { get; set; }

    /// <summary>Filled in on saving from the staff record, so a printed version keeps the name.</summary>
    public string? ResponsibleName { get; set; }
}
