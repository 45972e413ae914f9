using System.ComponentModel.DataAnnotations;
using Trellis.Web.Features.Medications.Catalog;

namespace Trellis.Web.Features.Medications;

/// <summary>Body of POST /api/participants/{id}/medications and PUT /api/medications/{id}, and the medication page's form.</summary>
public sealed class MedicationInput : IValidatableObject
{
    [Required(ErrorMessage = "Enter the medication's name."), MaxLength(200)]
    public string? Name { get; set; }

    /// <summary>
    /// The drug's code in the catalog (GET /api/medications/catalog). Left empty, the name is looked up in the
    /// catalog; a drug the catalog does not list is saved as free text and marked unchecked.
    /// </summary>
    [MaxLength(60)]
    public string? DrugCode { get; set; }

    [Required(ErrorMessage = "Enter the dose, e.g. 50 mg."), MaxLength(100)]
    public string? Dose { get; set; }

    [Required(ErrorMessage = "Choose the route.")]
    public MedicationRoute? Route { get; set; }

    [Required(ErrorMessage = "Enter how often, e.g. once daily."), MaxLength(100)]
    public string? Frequency { get; set; }

    [MaxLength(300)]
    public string? Reason { get; set; }

    [Display(Name = "Prescriber")]
    public Guid? PrescriberStaffId { get; set; }

    [MaxLength(200), Display(Name = "Outside prescriber")]
    public string? PrescriberName { get; set; }

    [Display(Name = "Started")]
    public DateOnly? StartedOn { get; set; }

    [Display(Name = "Stopped")]
    public DateOnly? StoppedOn { get; set; }

    [MaxLength(300), Display(Name = "Why stopped")]
    public string? StopReason { get; set; }

    [MaxLength(1000)]
    public string? Notes { get; set; }

    public bool EnteredInError { get; set; }

    [MaxLength(300), Display(Name = "What was wrong")]
    public string? ErrorReason { get; set; }

    /// <summary>Confirms the warnings a save answered with 409 (allergy, duplicate, dangerous combination) were weighed; needs a reason.</summary>
    public bool AcknowledgeWarnings { get; set; }

    /// <summary>Why the medication is right despite the warnings, kept with it.</summary>
    [MaxLength(1000), Display(Name = "Why it is right despite the warnings")]
    public string? AcknowledgmentReason { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (PrescriberStaffId is null && string.IsNullOrWhiteSpace(PrescriberName))
            yield return new("Say who prescribed it: one of the clinic's prescribers, or the outside prescriber's name.", [nameof(PrescriberName)]);
        if (StartedOn is { } s && StoppedOn is { } e && e < s)
            yield return new("The stop date is before the start date.", [nameof(StoppedOn)]);
        if (StoppedOn is not null && string.IsNullOrWhiteSpace(StopReason))
            yield return new("Say why it was stopped.", [nameof(StopReason)]);
        if (EnteredInError && string.IsNullOrWhiteSpace(ErrorReason))
            yield return new("Say what was wrong with the entry.", [nameof(ErrorReason)]);
        if (!string.IsNullOrWhiteSpace(DrugCode) && DrugCatalog.Shipped.Get(DrugCode) is null)
            yield return new($"'{DrugCode}' is not in the drug catalog; leave drugCode empty to save the name as free text (it will not be checked).", [nameof(DrugCode)]);
    }

    public static MedicationInput From(Medication m) => new()
    {
        Name = m.Name, DrugCode = m.DrugCode, Dose = m.Dose, Route = m.Route, Frequency = m.Frequency, Reason = m.Reason, PrescriberStaffId = m.PrescriberStaffId,
        PrescriberName = m.PrescriberStaffId is null ? m.PrescriberName : null, StartedOn = m.StartedOn, StoppedOn = m.StoppedOn,
        StopReason = m.StopReason, Notes = m.Notes, EnteredInError = m.EnteredInError, ErrorReason = m.ErrorReason,
    };
}

