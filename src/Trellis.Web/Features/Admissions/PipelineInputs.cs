using System.ComponentModel.DataAnnotations;
using Trellis.Web.Infrastructure;

namespace Trellis.Web.Features.Admissions;

/// <summary>
/// An inquiry: what a person sends from the public "talk to someone" form, or what intake types in
/// after a phone call or a referral. The same rules either way.
/// </summary>
[AcceptsRepresentation(typeof(LeadDto))]
public sealed class InquiryInput : IValidatableObject
{
    public const string PhonePattern = @"^[0-9+()\-. ]{7,40}$";

    [Required(ErrorMessage = "Tell us what to call you."), MaxLength(100, ErrorMessage = "Please keep your name to 100 characters.")]
    [Display(Name = "First name")]
    public string? FirstName { get; set; }

    [MaxLength(100, ErrorMessage = "Please keep your last name to 100 characters."), Display(Name = "Last name")]
    public string? LastName { get; set; }

    [MaxLength(40), RegularExpression(PhonePattern, ErrorMessage = "Enter a phone number using digits, spaces, +, -, ( and ).")]
    public string? Phone { get; set; }

    /// <summary>An empty box posts "", which is no address rather than a wrong one.</summary>
    [MaxLength(256), EmailAddress(ErrorMessage = "Enter an email address like name@example.org.")]
    public string? Email { get => email; set => email = string.IsNullOrWhiteSpace(value) ? null : value.Trim(); }
    private string? email;

    [Required(ErrorMessage = "Choose how you would like us to reach you."), Display(Name = "How to reach you")]
    public ContactMethod? PreferredContact { get; set; }

    [MaxLength(200, ErrorMessage = "Please keep this to 200 characters."), Display(Name = "Best time to reach you")]
    public string? BestTimeToReach { get; set; }

    [Display(Name = "We may say we are calling from the clinic")]
    public bool MessageMayNameClinic { get; set; }

    /// <summary>The program asked about; empty means "not sure".</summary>
    [Display(Name = "Program")]
    public Guid? ProgramId { get; set; }

    [MaxLength(2000, ErrorMessage = "Please keep this to 2,000 characters; you can tell us more when we talk."), Display(Name = "What you are looking for")]
    public string? LookingFor { get; set; }

    [Display(Name = "Consent to be contacted")]
    public bool ConsentToContact { get; set; }

    /// <summary>Send the self-check results along (only offered when the person took it).</summary>
    public bool IncludeSelfCheck { get; set; }

    [MaxLength(Admissions.SelfCheck.SelfCheckCarry.MaxLength)]
    public string? SelfCheck { get; set; }

    /// <summary>A field people never see: forms that fill it in are scripts, and are quietly dropped.</summary>
    [MaxLength(200)]
    public string? Website { get; set; }

    // Staff-entered inquiries only.
    public InquirySource Source { get; set; } = InquirySource.WebForm;
    [MaxLength(200), Display(Name = "Referred by")]
    public string? ReferredBy { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (!ConsentToContact)
            yield return new("We can only contact you if you agree to it. Tick the box to let us get in touch.", [nameof(ConsentToContact)]);
        if (PreferredContact is ContactMethod.Phone or ContactMethod.Text && string.IsNullOrWhiteSpace(Phone))
            yield return new("Enter a phone number so we can call or text you.", [nameof(Phone)]);
        if (PreferredContact is ContactMethod.Email && string.IsNullOrWhiteSpace(Email))
            yield return new("Enter an email address so we can write to you.", [nameof(Email)]);
    }
}

/// <summary>A move of a lead to another stage, with the owner from then on and why.</summary>
public sealed class MoveInput : IValidatableObject
{
    [Required(ErrorMessage = "Choose the stage to move to.")]
    public AdmissionStage? Stage { get; set; }

    [Display(Name = "Owner")]
    public Guid? OwnerStaffId { get; set; }

    [MaxLength(1000)]
    public string? Note { get; set; }

    [MaxLength(200), Display(Name = "Referred to")]
    public string? ReferredTo { get; set; }

    [MaxLength(1000)]
    public string? Reason { get; set; }

    [Display(Name = "Waiting for track")]
    public Guid? WaitlistTrackId { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (Stage == AdmissionStage.Referred && string.IsNullOrWhiteSpace(ReferredTo))
            yield return new("Say where the person was referred to (a program, a clinic or a provider).", [nameof(ReferredTo)]);
        if (Stage is AdmissionStage.Referred or AdmissionStage.Closed or AdmissionStage.Waitlisted && string.IsNullOrWhiteSpace(Reason))
            yield return new(Stage switch
            {
                AdmissionStage.Referred => "Say why IOP here is not the right fit (for example: needs a higher level of care).",
                AdmissionStage.Waitlisted => "Say why they are waiting (for example: the evening track is full).",
                _ => "Say why the lead is closed (for example: could not be reached after three tries, or chose not to go on).",
            }, [nameof(Reason)]);
    }
}

/// <summary>Opening a chart for a lead: the legal details intake needs, or the chart they already have.</summary>
public sealed class RegisterInput : IValidatableObject
{
    [MaxLength(100), Display(Name = "Legal first name")]
    public string? LegalFirstName { get; set; }

    [MaxLength(100), Display(Name = "Legal last name")]
    public string? LegalLastName { get; set; }

    [DateOfBirth, Display(Name = "Date of birth")]
    public DateOnly? DateOfBirth { get; set; }

    [Required(ErrorMessage = "Choose the program."), Display(Name = "Program")]
    public Guid? ProgramId { get; set; }

    /// <summary>FHIR's administrative gender for the new chart; null when not asked or not told (as on the chart's own form).</summary>
    [Display(Name = "Gender")]
    public Participants.AdministrativeGender? AdministrativeGender { get; set; }

    /// <summary>A BCP-47 tag such as en, es or vi (<see cref="Participants.Languages"/>); an empty choice posts "", which is none.</summary>
    [MaxLength(Participants.Languages.MaxLength), Display(Name = "Preferred language")]
    public string? PreferredLanguage { get => language; set => language = string.IsNullOrWhiteSpace(value) ? null : value.Trim(); }
    private string? language;

    [Display(Name = "Interpreter needed")]
    public bool InterpreterNeeded { get; set; }

    /// <summary>Link the lead to this existing chart (a returning participant) instead of opening a new one.</summary>
    public Guid? ExistingParticipantId { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        // The chart's own rule, so a language refused on the chart is refused here with the same words.
        foreach (var refused in Participants.Languages.Check(PreferredLanguage, InterpreterNeeded, nameof(PreferredLanguage)))
            yield return refused;
        if (ExistingParticipantId is not null) yield break;
        if (string.IsNullOrWhiteSpace(LegalFirstName)) yield return new("Enter the legal first name.", [nameof(LegalFirstName)]);
        if (string.IsNullOrWhiteSpace(LegalLastName)) yield return new("Enter the legal last name.", [nameof(LegalLastName)]);
        if (DateOfBirth is null) yield return new("Enter the date of birth.", [nameof(DateOfBirth)]);
    }
}
