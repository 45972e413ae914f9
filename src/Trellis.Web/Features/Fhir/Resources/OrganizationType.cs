using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Billing.Payers;
using Trellis.Web.Features.Billing.Setup;
using Clinic = Trellis.Web.Features.Organization.Organization;
using Task = System.Threading.Tasks.Task;

namespace Trellis.Web.Features.Fhir.Resources;

/// <summary>
/// Organization: the clinic (type prov, with its NPI from the billing identity) and the payers coverages name
/// (type pay, with their payer id). Programs are HealthcareServices provided by the clinic.
/// </summary>
public sealed class OrganizationType : FhirUnionType
{
    public const string TypeSystem = "http://terminology.hl7.org/CodeSystem/organization-type";
    public const string PayerIdSystem = "urn:trellis:payer-id";
    private const string ClinicKey = "clinic";

    public override string Name => "Organization";
    public override string Permission => Permissions.ReadDirectory;
    public override string Documentation => "The clinic (type prov, NPI) and the payers of coverages (type pay, payer id); programs are HealthcareServices.";
    protected override IReadOnlyList<IFhirType> Parts { get; } = [new ClinicPart(), new PayerPart()];

    private static readonly FhirSearchParam[] Params =
    [
        new("name", SearchParamType.String, "Starts the organization's name."),
        new("type", SearchParamType.Token, $"prov (the clinic) or pay (a payer), {TypeSystem}."),
    ];

    /// <summary>The clinic's id (one per deployment), read once per request.</summary>
    public static async Task ClinicAsync(FhirContext fx, CancellationToken ct)
    {
        if (!fx.Loaded.ContainsKey(ClinicKey)) fx.Loaded[ClinicKey] = await fx.Db.Clinic.Select(o => o.Id).FirstOrDefaultAsync(ct);
    }

    public static Guid? ClinicOf(FhirContext fx) => fx.Loaded.TryGetValue(ClinicKey, out var id) && (Guid)id != Guid.Empty ? (Guid)id : null;

    private static bool TypeIs(string value, string code) =>
        value.Split(',').Select(FhirSearchValues.Token).Any(t => t.Code == code && (t.System is null or "" || t.System == TypeSystem));

    private sealed class ClinicPart : FhirEntityType<Clinic>
    {
        public override string Name => "Organization";
        public override string Permission => Permissions.ReadDirectory;
        public override string Documentation => "";
        protected override IReadOnlyList<FhirSearchParam> OwnParams => Params;
        protected override IQueryable<Clinic> Source(TrellisDbContext db) => db.Organizations;
        protected override Guid? ParticipantOf(Clinic o) => null;
        protected override Guid? ProgramOf(Clinic o) => null;

        protected override Refusal? Filter(ref IQueryable<Clinic> query, string name, string value)
        {
            var start = value.Trim();
            if (name == "name") query = query.Where(o => o.Name.StartsWith(start));
            if (name == "type" && !TypeIs(value, "prov")) query = query.Where(_ => false);
            return null;
        }

        protected override async Task LoadAsync(IReadOnlyList<Clinic> rows, FhirContext fx, CancellationToken ct) =>
            fx.Loaded["billing-identity"] = await fx.Db.Set<BillingIdentity>().AsNoTracking().OrderBy(b => b.Id).FirstOrDefaultAsync(ct) ?? (object)false;

        protected override Resource Map(Clinic o, FhirContext fx)
        {
            var organization = new Hl7.Fhir.Model.Organization
            {
                Active = true,
                Type = [new CodeableConcept(TypeSystem, "prov", "Healthcare Provider")],
                Name = o.Name,
            };
            if (fx.Loaded["billing-identity"] is BillingIdentity { Npi.Length: > 0 } billing)
                organization.Identifier.Add(new Identifier(PractitionerType.NpiSystem, billing.Npi) { Use = Identifier.IdentifierUse.Official });
            if (!string.IsNullOrWhiteSpace(o.Phone)) organization.Telecom.Add(new ContactPoint(ContactPoint.ContactPointSystem.Phone, ContactPoint.ContactPointUse.Work, o.Phone));
            if (!string.IsNullOrWhiteSpace(o.Address)) organization.Address.Add(new Address { Use = Address.AddressUse.Work, Text = o.Address });
            return organization;
        }
    }

    private sealed class PayerPart : FhirEntityType<Payer>
    {
        public override string Name => "Organization";
        public override string Permission => Permissions.ReadDirectory;
        public override string Documentation => "";
        protected override IReadOnlyList<FhirSearchParam> OwnParams => Params;
        /// <summary>Self-pay is a payer row for billing, not an organization: a self-pay Coverage names the patient as payor.</summary>
        protected override IQueryable<Payer> Source(TrellisDbContext db) => db.Set<Payer>().Where(p => p.Kind != PayerKind.SelfPay);
        protected override Guid? ParticipantOf(Payer p) => null;
        protected override Guid? ProgramOf(Payer p) => null;

        protected override Refusal? Filter(ref IQueryable<Payer> query, string name, string value)
        {
            var start = value.Trim();
            if (name == "name") query = query.Where(p => p.Name.StartsWith(start));
            if (name == "type" && !TypeIs(value, "pay")) query = query.Where(_ => false);
            return null;
        }

        protected override Resource Map(Payer p, FhirContext fx) => new Hl7.Fhir.Model.Organization
        {
            Active = p.IsActive,
            Type = [new CodeableConcept(TypeSystem, "pay", "Payer") { Text = EnumText.Label(p.Kind) }],
            Name = p.Name,
            Identifier = string.IsNullOrWhiteSpace(p.PayerId) ? [] : [new Identifier(PayerIdSystem, p.PayerId)],
        };
    }
}
