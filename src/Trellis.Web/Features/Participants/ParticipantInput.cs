using System.ComponentModel.DataAnnotations;

namespace Trellis.Web.Features.Participants;

/// <summary>What a person fills in to create or edit a participant: used by the API and the page alike.</summary>
[AcceptsRepresentation(typeof(ParticipantDto))]
public sealed class ParticipantInput : IValidatableObject
{
    [MaxLength(20), RegularExpression(@"^[A-Za-z0-9-]+$", ErrorMessage = "The MRN may contain only letters, digits and hyphens.")]
    [Display(Name = "MRN")]
    public string? Mrn { get; set; }

    [Required(ErrorMessage = "Enter the legal first name."), MaxLength(100)]
    [Display(Name = "Legal first name")]
    public string? LegalFirstName { get; set; }

    [Required(ErrorMessage = "Enter the legal last name."), MaxLength(100)]
    [Display(Name = "Legal last name")]
    public string? LegalLastName { get; set; }

    [MaxLength(100), Display(Name = "Preferred name")]
    public string? PreferredName { get; set; }

    [MaxLength(40)]
    public string? Pronouns { get; set; }

    [Required(ErrorMessage = "Enter the date of birth."), Infrastructure.DateOfBirth, Display(Name = "Date of birth")]
    public DateOnly? DateOfBirth { get; set; }

    /// <summary>FHIR's administrative gender (male, female, other, unknown); null when not recorded.</summary>
    [Display(Name = "Gender")]
    public AdministrativeGender? AdministrativeGender { get; set; }

    /// <summary>A BCP-47 tag such as en, es or vi (<see cref="Languages"/>); an empty choice posts "", which is none.</summary>
    [MaxLength(Languages.MaxLength), Display(Name = "Preferred language")]
    public string? PreferredLanguage { get => language; set => language = string.IsNullOrWhiteSpace(value) ? null : value.Trim(); }
    private string? language;

    [Display(Name = "Interpreter needed")]
    public bool InterpreterNeeded { get; set; }

    /// <summary>An empty box posts "", which is no address rather than a wrong one.</summary>
    [EmailAddress(ErrorMessage = "Enter an email address like name@example.org."), MaxLength(256)]
    public string? Email { get => email; set => email = string.IsNullOrWhiteSpace(value) ? null : value.Trim(); }
    private string? email;

    [MaxLength(40), RegularExpression(@"^[0-9+()\-. ]{7,40}$", ErrorMessage = "Enter a phone number using digits, spaces, +, -, ( and ).")]
    public string? Phone { get; set; }

    [MaxLength(200), Display(Name = "Street address")]
    public string? AddressLine { get; set; }

    [MaxLength(100)]
    public string? City { get; set; }

    [RegularExpression(@"^[A-Za-z]{2}$", ErrorMessage = "Enter the two-letter state code, such as OR.")]
    public string? State { get; set; }

    [RegularExpression(@"^[0-9]{5}(-[0-9]{4})?$", ErrorMessage = "Enter a ZIP code like 97201 or 97201-1234."), Display(Name = "ZIP code")]
    public string? PostalCode { get; set; }

    [MaxLength(200), Display(Name = "Emergency contact")]
    public string? EmergencyContactName { get; set; }

    [MaxLength(60), Display(Name = "Relationship")]
    public string? EmergencyContactRelationship { get; set; }

    [MaxLength(40), RegularExpression(@"^[0-9+()\-. ]{7,40}$", ErrorMessage = "Enter a phone number using digits, spaces, +, -, ( and )."), Display(Name = "Emergency contact phone")]
    public string? EmergencyContactPhone { get; set; }

    [Required(ErrorMessage = "Choose a status.")]
    public ParticipantStatus? Status { get; set; }

    [Required(ErrorMessage = "Choose a program."), Display(Name = "Program")]
    public Guid? ProgramId { get; set; }

    [Display(Name = "Track")]
    public Guid? TrackId { get; set; }

    [Display(Name = "Primary clinician")]
    public Guid? PrimaryClinicianId { get; set; }

    [Display(Name = "Case manager")]
    public Guid? CaseManagerId { get; set; }

    [Display(Name = "Prescriber")]
    public Guid? PrescriberId { get; set; }

    [Display(Name = "Admitted on")]
    public DateOnly? AdmittedOn { get; set; }

    [Display(Name = "Discharged on")]
    public DateOnly? DischargedOn { get; set; }

    [MaxLength(20, ErrorMessage = "A chart holds at most 20 diagnoses.")]
    public List<DiagnosisInput> Diagnoses { get; set; } = [];

    /// <summary>
    /// Identifiers other systems gave this person (a referring hospital's MRN). Null keeps the chart's as they are (the
    /// page does not show them); a list replaces them.
    /// </summary>
    [MaxLength(10, ErrorMessage = "A chart keeps at most 10 identifiers from other systems.")]
    public List<ParticipantIdentifierInput>? Identifiers { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (AdmittedOn is { } a && DischargedOn is { } d && d < a)
            yield return new("The discharge date is before the admission date.", [nameof(DischargedOn)]);
        if (Status is ParticipantStatus.Admitted or ParticipantStatus.Active or ParticipantStatus.OnHold or ParticipantStatus.Discharged && AdmittedOn is null)
            yield return new("Enter the admission date for an admitted participant.", [nameof(AdmittedOn)]);
        if (Status == ParticipantStatus.Discharged && DischargedOn is null)
            yield return new("Enter the discharge date for a discharged participant.", [nameof(DischargedOn)]);
        if (Status != ParticipantStatus.Discharged && DischargedOn is not null)
            yield return new("Only a discharged participant has a discharge date.", [nameof(DischargedOn)]);
        foreach (var language in Languages.Check(PreferredLanguage, InterpreterNeeded, nameof(PreferredLanguage)))
            yield return language;
        if (Diagnoses.Count(x => x.IsPrimary) > 1)
            yield return new("Only one diagnosis can be primary.", [nameof(Diagnoses)]);
        var codes = Diagnoses.Where(x => !string.IsNullOrWhiteSpace(x.Code)).Select(x => x.Code!.Trim().ToUpperInvariant()).ToList();
        if (codes.Count != codes.Distinct().Count())
            yield return new("The same diagnosis code is listed twice.", [nameof(Diagnoses)]);
        if (Identifiers is { } ids && ids.GroupBy(i => (i.System?.Trim(), i.Value?.Trim())).Any(g => g.Count() > 1))
            yield return new("The same identifier is listed twice.", [nameof(Identifiers)]);
    }

    public static ParticipantInput From(Participant p) => new()
    {
        Mrn = p.Mrn, LegalFirstName = p.LegalFirstName, LegalLastName = p.LegalLastName, PreferredName = p.PreferredName,
        Pronouns = p.Pronouns, DateOfBirth = p.DateOfBirth, AdministrativeGender = p.AdministrativeGender,
        PreferredLanguage = p.PreferredLanguage, InterpreterNeeded = p.InterpreterNeeded, Email = p.Email, Phone = p.Phone, AddressLine = p.AddressLine,
        City = p.City, State = p.State, PostalCode = p.PostalCode, EmergencyContactName = p.EmergencyContactName,
        EmergencyContactRelationship = p.EmergencyContactRelationship, EmergencyContactPhone = p.EmergencyContactPhone,
        Status = p.Status, ProgramId = p.ProgramId, TrackId = p.TrackId, AdmittedOn = p.AdmittedOn, DischargedOn = p.DischargedOn,
        PrimaryClinicianId = p.PrimaryClinicianId, CaseManagerId = p.CaseManagerId, PrescriberId = p.PrescriberId,
        Diagnoses = p.Diagnoses.OrderByDescending(x => x.IsPrimary).ThenBy(x => x.Code)
            .Select(x => new DiagnosisInput { Code = x.Code, Description = x.Description, IsPrimary = x.IsPrimary }).ToList(),
    };
}

[AcceptsRepresentation(typeof(DiagnosisDto))]
public sealed class DiagnosisInput : IValidatableObject
{
    [Required(ErrorMessage = "Enter the ICD-10 code."), MaxLength(8)]
    public string? Code { get; set; }

    [Required(ErrorMessage = "Describe the diagnosis."), MaxLength(300)]
    public string? Description { get; set; }

    public bool IsPrimary { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (Code is { } c && !Diagnosis.Icd10Pattern().IsMatch(c.Trim().ToUpperInvariant()))
            yield return new($"'{c}' is not an ICD-10-CM code; codes look like F33.1 or F10.20.", [nameof(Code)]);
    }
}

/// <summary>An identifier another system gave the person: the system's URI and the value in it.</summary>
public sealed class ParticipantIdentifierInput : IValidatableObject
{
    public const int SystemLength = 256;
    public const int ValueLength = 100;

    [Required(ErrorMessage = "Give the identifier's system: the URI of the system that assigned it."), MaxLength(SystemLength)]
    public string? System { get; set; }

    [Required(ErrorMessage = "Give the identifier's value."), MaxLength(ValueLength)]
    public string? Value { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (System is { } s && !Uri.TryCreate(s.Trim(), UriKind.Absolute, out _))
            yield return new($"'{s}' is not an absolute URI; an identifier's system looks like http://hospital.example.org/mrn or urn:oid:2.16.840.1.113883.3.1.", [nameof(System)]);
        else if (System?.Trim() == OwnMrnSystem)
            yield return new("Trellis's own MRN is the chart's MRN, not an identifier from another system.", [nameof(System)]);
    }

    /// <summary>The system of Trellis's own MRN (as FHIR shows it).</summary>
    public const string OwnMrnSystem = "urn:trellis:mrn";
}
