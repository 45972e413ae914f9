using System.ComponentModel.DataAnnotations;
using Trellis.Web.Features.Auth;

namespace Trellis.Web.Features.Staff;

[AcceptsRepresentation(typeof(StaffDto))]
public class StaffInput : IValidatableObject
{
    [Required(ErrorMessage = "Enter the first name."), MaxLength(100), Display(Name = "First name")]
    public string? FirstName { get; set; }

    [Required(ErrorMessage = "Enter the last name."), MaxLength(100), Display(Name = "Last name")]
    public string? LastName { get; set; }

    [Required(ErrorMessage = "Enter the work email; it is also the sign-in name."), EmailAddress(ErrorMessage = "Enter an email address like name@clinic.org."), MaxLength(256)]
    public string? Email { get; set; }

    [MaxLength(40), RegularExpression(@"^[0-9+()\-. ]{7,40}$", ErrorMessage = "Enter a phone number using digits, spaces, +, -, ( and ).")]
    public string? Phone { get; set; }

    [MaxLength(40), Display(Name = "Credential")]
    public string? CredentialType { get; set; }

    [MaxLength(60), Display(Name = "Licence number")]
    public string? LicenseNumber { get; set; }

    [RegularExpression(@"^[A-Za-z]{2}$", ErrorMessage = "Enter the two-letter state code, such as OR."), Display(Name = "Licence state")]
    public string? LicenseState { get; set; }

    [Display(Name = "Licence expires")]
    public DateOnly? LicenseExpiresOn { get; set; }

    [Display(Name = "Needs a supervisor's co-signature")]
    public bool RequiresSupervision { get; set; }

    [Display(Name = "Supervisor")]
    public Guid? SupervisorId { get; set; }

    public bool IsActive { get; set; } = true;

    [MinLength(1, ErrorMessage = "Give the staff member at least one role.")]
    public List<string> Roles { get; set; } = [];

    public List<Guid> ProgramIds { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        var unknown = Roles.Where(r => !Auth.Roles.Staff.Contains(r)).ToList();
        if (unknown.Count > 0)
            yield return new($"Unknown staff role {string.Join(", ", unknown.Select(u => $"'{u}'"))}; use {string.Join(", ", Auth.Roles.Staff)}.", [nameof(Roles)]);
        if (!string.IsNullOrWhiteSpace(LicenseNumber) && string.IsNullOrWhiteSpace(LicenseState))
            yield return new("Enter the state that issued the licence.", [nameof(LicenseState)]);
        if (RequiresSupervision && SupervisorId is null)
            yield return new("Choose the supervisor who co-signs.", [nameof(SupervisorId)]);
    }

    public static StaffInput From(StaffMember s, IEnumerable<string> roles) => new()
    {
        FirstName = s.FirstName, LastName = s.LastName, Email = s.Email, Phone = s.Phone, CredentialType = s.CredentialType,
        LicenseNumber = s.LicenseNumber, LicenseState = s.LicenseState, LicenseExpiresOn = s.LicenseExpiresOn,
        RequiresSupervision = s.RequiresSupervision, SupervisorId = s.SupervisorId, IsActive = s.IsActive,
        Roles = roles.ToList(), ProgramIds = s.Programs.Select(p => p.ProgramId).ToList(),
    };
}
