using System.ComponentModel.DataAnnotations;
using Trellis.Web.Features.Medications;
using Trellis.Web.Features.Organization;

namespace Trellis.Web.Features.Discharge;

/// <summary>Body of POST /api/participants/{id}/discharge, and the discharge page's form (a draft saves what is written so far).</summary>
public sealed class DischargeInput
{
    [Required(ErrorMessage = "Enter the discharge date."), Display(Name = "Discharge date")]
    public DateOnly? DischargedOn { get; set; }

    /// <summary>
    /// completed, stepped_down, stepped_up, left_against_advice (chose to stop against the team's advice), lost_to_contact
    /// (stopped coming and could not be reached) or administrative; the last three need <see cref="ReasonDetail"/>.
    /// </summary>
    [Required(ErrorMessage = "Choose the reason for discharge.")]
    public DischargeReason? Reason { get; set; }

    [MaxLength(1000), Display(Name = "About the reason")]
    public string? ReasonDetail { get; set; }

    /// <summary>Where care continues; required when stepping up or down.</summary>
    [Display(Name = "Next level of care")]
    public LevelOfCare? NextLevelOfCare { get; set; }

    [MaxLength(8000), Display(Name = "Course of treatment")]
    public string? CourseOfTreatment { get; set; }

    public List<GoalOutcome> Goals { get; set; } = [];

    [MaxLength(10)]
    public List<AftercareAppointment> Appointments { get; set; } = [];

    [MaxLength(10)]
    public List<string> CommunitySupports { get; set; } = [];

    public bool AlumniGroup { get; set; }

    [MaxLength(500), Display(Name = "Alumni group")]
    public string? AlumniDetails { get; set; }

    [MaxLength(1000), Display(Name = "If a crisis comes")]
    public string? CrisisPlan { get; set; }

    /// <summary>The discharge medication reconciliation: a decision for every active medication.</summary>
    public ReconciliationInput MedicationReconciliation { get; set; } = new();
}
