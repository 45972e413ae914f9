using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Billing.Setup;
using Trellis.Web.Features.Staff;
using Task = System.Threading.Tasks.Task;

namespace Trellis.Web.Features.Fhir.Resources;

/// <summary>
/// Practitioner: a staff member. Name with the credential as suffix, work email and phone, the licence as a
/// qualification, and the NPI (identifier http://hl7.org/fhir/sid/us-npi) where billing recorded one.
/// </summary>
public sealed class PractitionerType : FhirEntityType<StaffMember>
{
    public const string NpiSystem = "http://hl7.org/fhir/sid/us-npi";
    public const string TaxonomySystem = "http://nucc.org/provider-taxonomy";
    private const string NpisKey = "npi";

    public override string Name => "Practitioner";
    public override string Permission => Permissions.ReadDirectory;
    public override string Documentation => "Staff: name and credential, licence (qualification), NPI where billing recorded one (identifier " + NpiSystem + ").";

    protected override IReadOnlyList<FhirSearchParam> OwnParams =>
    [
        new("identifier", SearchParamType.Token, $"The NPI ({NpiSystem}|{{npi}})."),
        new("name", SearchParamType.String, "Starts the given or family name."),
        new("active", SearchParamType.Token, "true (works here now) or false."),
    ];

    protected override IQueryable<StaffMember> Source(TrellisDbContext db) => db.Staff;
    protected override Guid? ParticipantOf(StaffMember s) => null;
    protected override Guid? ProgramOf(StaffMember s) => null;

    protected override Refusal? Filter(FhirContext fx, ref IQueryable<StaffMember> query, string name, string value)
    {
        switch (name)
        {
            case "identifier":
                var npis = value.Split(',').Select(FhirSearchValues.Token).Where(t => t.System is null or "" || t.System == NpiSystem).Select(t => t.Code).ToList();
                var staff = fx.Db.Set<RenderingProvider>().Where(r => npis.Contains(r.Npi)).Select(r => r.StaffMemberId);
                query = query.Where(s => staff.Contains(s.Id));
                return null;
            case "name":
                var start = value.Trim();
                query = query.Where(s => s.FirstName.StartsWith(start) || s.LastName.StartsWith(start));
                return null;
            case "active":
                return WhereActive(ref query, name, value, s => s.IsActive);
        }
        return null;
    }

    protected override Task LoadAsync(IReadOnlyList<StaffMember> rows, FhirContext fx, CancellationToken ct) => NpisAsync(fx, rows.Select(r => r.Id), ct);

    /// <summary>The NPIs and taxonomies billing keeps for these staff, kept on the request for the mapping.</summary>
    public static async Task NpisAsync(FhirContext fx, IEnumerable<Guid> staffIds, CancellationToken ct)
    {
        var ids = staffIds.ToList();
        var found = await fx.Db.Set<RenderingProvider>().AsNoTracking().Where(r => ids.Contains(r.StaffMemberId)).ToListAsync(ct);
        var known = fx.Loaded.TryGetValue(NpisKey, out var o) ? (Dictionary<Guid, RenderingProvider>)o : [];
        foreach (var r in found) known[r.StaffMemberId] = r;
        fx.Loaded[NpisKey] = known;
    }

    public static RenderingProvider? NpiOf(FhirContext fx, Guid staffId) =>
        fx.Loaded.TryGetValue(NpisKey, out var o) && ((Dictionary<Guid, RenderingProvider>)o).TryGetValue(staffId, out var r) ? r : null;

    protected override Resource Map(StaffMember s, FhirContext fx)
    {
        var practitioner = new Practitioner
        {
            Active = s.IsActive,
            Name = [new HumanName { Use = HumanName.NameUse.Official, Family = s.LastName, Given = [s.FirstName], Suffix = string.IsNullOrWhiteSpace(s.CredentialType) ? [] : [s.CredentialType] }],
        };
        if (NpiOf(fx, s.Id) is { } npi) practitioner.Identifier.Add(new Identifier(NpiSystem, npi.Npi) { Use = Identifier.IdentifierUse.Official });
        if (!string.IsNullOrWhiteSpace(s.Email)) practitioner.Telecom.Add(new ContactPoint(ContactPoint.ContactPointSystem.Email, ContactPoint.ContactPointUse.Work, s.Email));
        if (!string.IsNullOrWhiteSpace(s.Phone)) practitioner.Telecom.Add(new ContactPoint(ContactPoint.ContactPointSystem.Phone, ContactPoint.ContactPointUse.Work, s.Phone));
        if (!string.IsNullOrWhiteSpace(s.CredentialType) || !string.IsNullOrWhiteSpace(s.LicenseNumber))
            practitioner.Qualification.Add(new Practitioner.QualificationComponent
            {
                Identifier = string.IsNullOrWhiteSpace(s.LicenseNumber) ? [] : [new Identifier { Value = s.LicenseNumber }],
                Code = new CodeableConcept { Text = s.CredentialType ?? "Licence" },
                Period = s.LicenseExpiresOn is { } expires ? new Period { End = expires.ToString("yyyy-MM-dd") } : null,
                Issuer = string.IsNullOrWhiteSpace(s.LicenseState) ? null : new ResourceReference { Display = $"{s.LicenseState} licensing board" },
            });
        return practitioner;
    }
}
