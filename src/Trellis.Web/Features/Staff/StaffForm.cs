using Trellis.Web.Features.Auth;

namespace Trellis.Web.Features.Staff;

/// <summary>
/// The staff page's form: StaffInput plus a tick box per role and per program. Every row posts
/// its value in a hidden field, so the indices stay unbroken whichever boxes are ticked.
/// </summary>
public sealed class StaffForm : StaffInput
{
    public List<Choice> RoleChoices { get; set; } = [];
    public List<Choice> ProgramChoices { get; set; } = [];

    public sealed class Choice
    {
        public string Value { get; set; } = "";
        public bool Selected { get; set; }
    }

    public void CopyFrom(StaffInput s)
    {
        FirstName = s.FirstName; LastName = s.LastName; Email = s.Email; Phone = s.Phone; CredentialType = s.CredentialType;
        LicenseNumber = s.LicenseNumber; LicenseState = s.LicenseState; LicenseExpiresOn = s.LicenseExpiresOn;
        RequiresSupervision = s.RequiresSupervision; SupervisorId = s.SupervisorId; IsActive = s.IsActive;
        Roles = s.Roles; ProgramIds = s.ProgramIds;
    }

    /// <summary>Builds the tick boxes from Roles and ProgramIds (on first view) or keeps the posted ones.</summary>
    public void Prepare(IEnumerable<Guid> programs)
    {
        if (RoleChoices.Count == 0)
            RoleChoices = Auth.Roles.Staff.Select(r => new Choice { Value = r, Selected = Roles.Contains(r) }).ToList();
        if (ProgramChoices.Count == 0)
            ProgramChoices = programs.Select(p => new Choice { Value = p.ToString(), Selected = ProgramIds.Contains(p) }).ToList();
    }

    /// <summary>Turns the ticked boxes back into the lists StaffInput validates and saves.</summary>
    public void Collect()
    {
        Roles = RoleChoices.Where(c => c.Selected).Select(c => c.Value).ToList();
        ProgramIds = ProgramChoices.Where(c => c.Selected && Guid.TryParse(c.Value, out _)).Select(c => Guid.Parse(c.Value)).ToList();
    }
}
