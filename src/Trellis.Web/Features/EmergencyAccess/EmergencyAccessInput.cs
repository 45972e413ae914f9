using System.ComponentModel.DataAnnotations;

namespace Trellis.Web.Features.EmergencyAccess;

/// <summary>
/// Body of POST /api/emergency-access and of the emergency access form. The chart is named by MRN and date
/// of birth together, both known to whoever is dealing with the person, so the form cannot be used to browse.
/// </summary>
public sealed class EmergencyAccessInput
{
    [Required(ErrorMessage = "Enter the participant's MRN."), MaxLength(40, ErrorMessage = "An MRN is at most 40 characters.")]
    public string? Mrn { get; set; }

    [Required(ErrorMessage = "Enter the participant's date of birth, to confirm it is the right person.")]
    public DateOnly? DateOfBirth { get; set; }

    [Required(ErrorMessage = "Say why you need this chart now: the emergency, and what you must know from it.")]
    [MinLength(20, ErrorMessage = "Write at least a sentence (20 characters or more): the emergency and what you need from the chart.")]
    [MaxLength(1000, ErrorMessage = "Keep the reason to 1,000 characters.")]
    public string? Reason { get; set; }

    /// <summary>42 CFR Part 2 charts only (§2.51): the nature of the medical emergency.</summary>
    [MaxLength(1000, ErrorMessage = "Keep the nature of the emergency to 1,000 characters.")]
    public string? EmergencyNature { get; set; }

    /// <summary>42 CFR Part 2 charts only (§2.51): the health care facility or service you are acting for.</summary>
    [MaxLength(200, ErrorMessage = "Keep the affiliation to 200 characters.")]
    public string? RecipientAffiliation { get; set; }

    /// <summary>42 CFR Part 2 charts only: the participant's written consent cannot be obtained in time.</summary>
    public bool ConsentNotObtainable { get; set; }
}

/// <summary>Body of POST /api/emergency-access/{id}/review.</summary>
public sealed class EmergencyAccessReviewInput
{
    [Required(ErrorMessage = "Write what you found: whether the access was justified and anything you followed up.")]
    [MaxLength(1000, ErrorMessage = "Keep the review note to 1,000 characters.")]
    public string? Note { get; set; }
}

/// <summary>Body of PUT /api/participants/{id}/restriction.</summary>
public sealed class ChartRestrictionInput
{
    /// <summary>True limits emergency access to program directors; false lifts the restriction.</summary>
    [Required(ErrorMessage = "Say whether the chart is restricted (true or false).")]
    public bool? Restricted { get; set; }

    /// <summary>Why (for example "staff member of the clinic"); required to restrict.</summary>
    [MaxLength(500, ErrorMessage = "Keep the reason to 500 characters.")]
    public string? Reason { get; set; }
}
