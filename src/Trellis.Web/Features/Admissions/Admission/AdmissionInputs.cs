using System.ComponentModel.DataAnnotations;
using Trellis.Web.Features.Organization;
using Trellis.Web.Features.Scheduling;

namespace Trellis.Web.Features.Admissions.Admission;

/// <summary>A fixed commitment in the participant's week, as intake records it.</summary>
public sealed class ObligationInput : IValidatableObject
{
    [Required(ErrorMessage = "Choose what kind of commitment this is.")]
    public ObligationKind? Kind { get; set; }

    [Required(ErrorMessage = "Describe it in their words, such as \"Shift at the warehouse\"."), MaxLength(200)]
    public string? Label { get; set; }

    public bool Monday { get; set; }
    public bool Tuesday { get; set; }
    public bool Wednesday { get; set; }
    public bool Thursday { get; set; }
    public bool Friday { get; set; }
    public bool Saturday { get; set; }
    public bool Sunday { get; set; }

    /// <summary>The days for API callers: "monday", "tuesday"…; used when no day box is ticked.</summary>
    public List<string>? Days { get; set; }

    [Required(ErrorMessage = "Enter the start time."), Display(Name = "Starts")]
    public TimeOnly? StartTime { get; set; }

    [Required(ErrorMessage = "Enter the end time."), Display(Name = "Ends")]
    public TimeOnly? EndTime { get; set; }

    [Range(0, 240, ErrorMessage = "Travel time must be between 0 and 240 minutes.")]
    [Display(Name = "Travel minutes")]
    public int TravelMinutes { get; set; }

    public Weekdays Weekdays
    {
        get
        {
            var ticked = (Monday ? Weekdays.Monday : 0) | (Tuesday ? Weekdays.Tuesday : 0) | (Wednesday ? Weekdays.Wednesday : 0)
                | (Thursday ? Weekdays.Thursday : 0) | (Friday ? Weekdays.Friday : 0) | (Saturday ? Weekdays.Saturday : 0) | (Sunday ? Weekdays.Sunday : 0);
            if (ticked != Weekdays.None || Days is null) return ticked;
            foreach (var d in Days)
                if (Enum.TryParse<DayOfWeek>(d?.Trim(), ignoreCase: true, out var day) && Enum.IsDefined(day)) ticked |= day.ToFlag();
            return ticked;
        }
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (Days is { } days && days.FirstOrDefault(d => !Enum.TryParse<DayOfWeek>(d?.Trim(), ignoreCase: true, out var x) || !Enum.IsDefined(x) || int.TryParse(d, out _)) is { } bad)
            yield return new($"'{bad}' is not a day of the week; use monday … sunday.", [nameof(Days)]);
        else if (Weekdays == Weekdays.None)
            yield return new("Tick at least one day.", [nameof(Monday)]);
        if (StartTime is { } s && EndTime is { } e && s == e)
            yield return new("The end time is the same as the start time. For a shift past midnight, enter the time it ends the next morning.", [nameof(EndTime)]);
    }
}

/// <summary>Admission into a program's track, with the start date and the care team.</summary>
public sealed class AdmitInput
{
    [Required(ErrorMessage = "Choose the track they will join."), Display(Name = "Track")]
    public Guid? TrackId { get; set; }

    [Required(ErrorMessage = "Enter the first day of treatment."), Display(Name = "First day")]
    public DateOnly? StartOn { get; set; }

    [Display(Name = "Primary clinician")]
    public Guid? PrimaryClinicianId { get; set; }

    [Display(Name = "Case manager")]
    public Guid? CaseManagerId { get; set; }

    [Display(Name = "Prescriber")]
    public Guid? PrescriberId { get; set; }
}

/// <summary>A consent to disclose, with every element 42 CFR 2.31 (or a HIPAA authorization) requires.</summary>
public sealed class ConsentInput : IValidatableObject
{
    [Required(ErrorMessage = "Choose the kind of consent.")]
    public ConsentKind? Kind { get; set; }

    [Required(ErrorMessage = "Enter the patient's name as on the form."), MaxLength(200), Display(Name = "Patient's name")]
    public string? PatientName { get; set; }

    [Required(ErrorMessage = "Name who may disclose: this program, or a general designation."), MaxLength(300), Display(Name = "Who may disclose")]
    public string? DisclosingParty { get; set; }

    [Required(ErrorMessage = "Describe how much and what kind of information may be disclosed."), MaxLength(1000), Display(Name = "Information to disclose")]
    public string? Information { get; set; }

    [Required(ErrorMessage = "Name the recipient (a person, an organization, or for treatment, payment and operations a general designation)."), MaxLength(300), Display(Name = "Recipient")]
    public string? Recipient { get; set; }

    [Required(ErrorMessage = "Describe the purpose of the disclosure."), MaxLength(500)]
    public string? Purpose { get; set; }

    [Display(Name = "Expires on")]
    public DateOnly? ExpiresOn { get; set; }

    [MaxLength(300), Display(Name = "Expires on this event")]
    public string? ExpiresOnEvent { get; set; }

    [Display(Name = "Right to revoke explained")]
    public bool RightToRevokeExplained { get; set; }

    [Display(Name = "Redisclosure and no-conditioning notice given")]
    public bool RedisclosureNoticeGiven { get; set; }

    [Required(ErrorMessage = "Enter the name of the person who signed."), MaxLength(200), Display(Name = "Signed by")]
    public string? SignedBy { get; set; }

    [MaxLength(60), Display(Name = "Signer is")]
    public string? SignerRelationship { get; set; } = "self";

    [Required(ErrorMessage = "Enter the date it was signed."), Display(Name = "Signed on")]
    public DateOnly? SignedOn { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (ExpiresOn is null && string.IsNullOrWhiteSpace(ExpiresOnEvent))
            yield return new("Give the date, event or condition on which the consent expires.", [nameof(ExpiresOn)]);
        if (ExpiresOn is { } e && SignedOn is { } s && e < s)
            yield return new("The consent expires before it was signed.", [nameof(ExpiresOn)]);
        // A day's grace: the clinic's today may already be tomorrow in UTC, or not yet.
        if (SignedOn is { } signed && signed > DateOnly.FromDateTime(Validation.ClockOf(context).GetUtcNow().UtcDateTime).AddDays(1))
            yield return new("The signing date is in the future.", [nameof(SignedOn)]);
        if (!RightToRevokeExplained)
            yield return new("The participant must be told they may revoke the consent in writing at any time (except where it was already acted on), and how.", [nameof(RightToRevokeExplained)]);
        if (Kind == ConsentKind.Part2 && !RedisclosureNoticeGiven)
            yield return new("For a Part 2 consent, confirm the participant was told how disclosed records may be redisclosed and that treatment does not depend on signing.", [nameof(RedisclosureNoticeGiven)]);
    }
}

/// <summary>Ticking or unticking an orientation checklist item, with an optional note ("none wanted").</summary>
public sealed class ChecklistUpdate
{
    public bool Done { get; set; }

    [MaxLength(500, ErrorMessage = "Keep the note to 500 characters.")]
    public string? Note { get; set; }
}

/// <summary>The participant revoked a consent: on which day (today when empty), and a note.</summary>
public sealed class RevokeInput
{
    [Display(Name = "Revoked on")]
    public DateOnly? RevokedOn { get; set; }

    [MaxLength(500, ErrorMessage = "Keep the note to 500 characters.")]
    public string? Note { get; set; }
}
