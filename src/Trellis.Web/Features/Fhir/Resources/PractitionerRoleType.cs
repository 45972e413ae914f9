using System.Linq.Expressions;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Staff;
using Expression = System.Linq.Expressions.Expression;
using Task = System.Threading.Tasks.Task;

namespace Trellis.Web.Features.Fhir.Resources;

/// <summary>
/// PractitionerRole: a staff member's place in the clinic (same id as their Practitioner): the clinic, the programs
/// they work in (HealthcareService), their credential and, where billing recorded them, NPI and NUCC taxonomy.
/// </summary>
public sealed class PractitionerRoleType : FhirEntityType<StaffMember>
{
    public override string Name => "PractitionerRole";
    public override string Permission => Permissions.ReadDirectory;
    public override string Documentation => "A staff member's role at the clinic (same id as the Practitioner): programs worked in, credential, NPI and taxonomy.";

    protected override IReadOnlyList<FhirSearchParam> OwnParams =>
    [
        new("practitioner", SearchParamType.Reference, "The staff member (Practitioner/{id})."),
        new("active", SearchParamType.Token, "true (works here now) or false."),
    ];

    protected override IReadOnlyList<FhirInclude> OwnIncludes =>
        [new("PractitionerRole:practitioner", "Practitioner", r => [((PractitionerRole)r).Practitioner])];

    protected override IQueryable<StaffMember> Source(TrellisDbContext db) => db.Staff.Include(s => s.Programs);
    protected override Guid? ParticipantOf(StaffMember s) => null;
    protected override Guid? ProgramOf(StaffMember s) => null;

    protected override Refusal? Filter(ref IQueryable<StaffMember> query, string name, string value) => name switch
    {
        "practitioner" => WhereIn(ref query, s => s.Id, value.Split(',').Select(v => FhirSearchValues.ReferenceId(v, "Practitioner"))),
        "active" => WhereActive(ref query, name, value, s => s.IsActive),
        _ => null,
    };

    protected override async Task LoadAsync(IReadOnlyList<StaffMember> rows, FhirContext fx, CancellationToken ct)
    {
        await PractitionerType.NpisAsync(fx, rows.Select(r => r.Id), ct);
        await OrganizationType.ClinicAsync(fx, ct);
    }

    protected override Resource Map(StaffMember s, FhirContext fx)
    {
        var role = new PractitionerRole
        {
            Active = s.IsActive,
            Practitioner = new ResourceReference($"Practitioner/{s.Id}", s.DisplayName),
            Organization = OrganizationType.ClinicOf(fx) is { } clinic ? new ResourceReference($"Organization/{clinic}") : null,
            HealthcareService = [.. s.Programs.OrderBy(p => p.ProgramId).Select(p => new ResourceReference($"HealthcareService/{p.ProgramId}"))],
            Code = string.IsNullOrWhiteSpace(s.CredentialType) ? [] : [new CodeableConcept { Text = s.CredentialType }],
        };
        if (PractitionerType.NpiOf(fx, s.Id) is { } npi)
        {
            role.Identifier.Add(new Identifier(PractitionerType.NpiSystem, npi.Npi) { Use = Identifier.IdentifierUse.Official });
            role.Specialty.Add(new CodeableConcept(PractitionerType.TaxonomySystem, npi.Taxonomy));
        }
        return role;
    }
}
