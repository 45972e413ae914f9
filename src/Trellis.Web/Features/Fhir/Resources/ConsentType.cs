using System.Linq.Expressions;
using System.Text;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Admissions.Admission;
using Trellis.Web.Features.Auth;
using Expression = System.Linq.Expressions.Expression;
using Task = System.Threading.Tasks.Task;

namespace Trellis.Web.Features.Fhir.Resources;

/// <summary>
/// Consent: a signed consent to disclose (42 CFR Part 2 consent, policy 42CFRPart2; or a HIPAA release, policy
/// HIPAAAuth), a permit for the recipient over the consent's dates. Every element of the signed form (who may
/// disclose, what, to whom, why, until when, who signed) travels as its text attachment. Active while in force;
/// revoked or expired is inactive.
/// </summary>
public sealed class ConsentType : FhirEntityType<DisclosureConsent>
{
    public const string Loinc = "http://loinc.org";

    public override string Name => "Consent";
    public override string Permission => Permissions.AnyStaff;
    public override string Documentation => "Consents to disclose: 42 CFR Part 2 consents (category and policy 42CFRPart2) and releases of information (HIPAAAuth); revoked or expired ones inactive.";
    protected override Expression<Func<DisclosureConsent, Guid>> PatientKey => c => c.ParticipantId;
    protected override bool HasSubject => false;

    protected override IReadOnlyList<FhirSearchParam> OwnParams =>
    [
        new("status", SearchParamType.Token, "active (in force on today's UTC date) or inactive (revoked or expired)."),
        new("category", SearchParamType.Token, $"42CFRPart2 ({FhirSecurity.ActCode}) or HIPAAAuth for the kind; {Loinc}|59284-0 or IDSCL for every consent here."),
    ];

    protected override IQueryable<DisclosureConsent> Source(TrellisDbContext db) => db.Set<DisclosureConsent>().Include(c => c.Participant);
    protected override Guid? ParticipantOf(DisclosureConsent c) => c.ParticipantId;
    protected override Guid? ProgramOf(DisclosureConsent c) => c.Participant?.ProgramId;

    /// <summary>"Today" for status, the same in the search and the resource: the UTC day (programs' days differ by zone).</summary>
    private static DateOnly Today(FhirContext fx) => DateOnly.FromDateTime(fx.Db.Now.UtcDateTime);

    protected override Refusal? Filter(FhirContext fx, ref IQueryable<DisclosureConsent> query, string name, string value)
    {
        switch (name)
        {
            case "status":
                var today = Today(fx);
                return WhereStatus(ref query, value, "active", c => c.RevokedOn == null && c.SignedOn <= today && (c.ExpiresOn == null || c.ExpiresOn >= today),
                    "inactive", c => !(c.RevokedOn == null && c.SignedOn <= today && (c.ExpiresOn == null || c.ExpiresOn >= today)));
            case "category":
                var tokens = value.Split(',').Select(FhirSearchValues.Token).ToList();
                var all = tokens.Any(t => (t.Code == "59284-0" && t.System is null or "" or Loinc) || (t.Code == "IDSCL" && t.System is null or "" or FhirSecurity.ActCode));
                var kinds = tokens.Where(t => t.System is null or "" or FhirSecurity.ActCode)
                    .Select(t => t.Code switch { FhirSecurity.Part2 => (ConsentKind?)ConsentKind.Part2, "HIPAAAuth" => ConsentKind.Release, _ => null })
                    .OfType<ConsentKind>().ToList();
                if (!all) query = query.Where(c => kinds.Contains(c.Kind));
                return null;
        }
        return null;
    }

    protected override Resource Map(DisclosureConsent c, FhirContext fx)
    {
        var today = Today(fx);
        var policy = c.Kind == ConsentKind.Part2
            ? new Coding(FhirSecurity.ActCode, FhirSecurity.Part2, "42 CFR Part2")
            : new Coding(FhirSecurity.ActCode, "HIPAAAuth", "HIPAA Authorization");
        return new Consent
        {
            Status = c.IsActiveOn(today) ? Consent.ConsentState.Active : Consent.ConsentState.Inactive,
            Scope = new CodeableConcept("http://terminology.hl7.org/CodeSystem/consentscope", "patient-privacy", "Privacy Consent"),
            Category =
            [
                new CodeableConcept(Loinc, "59284-0", "Patient Consent"),
                new CodeableConcept(FhirSecurity.ActCode, "IDSCL", "information disclosure"),
                new CodeableConcept(policy.System, policy.Code, policy.Display),
            ],
            Patient = PatientReference(c.ParticipantId),
            DateTime = c.SignedOn.ToString("yyyy-MM-dd"),
            Performer = [c.SignerRelationship == "self" ? PatientReference(c.ParticipantId) : new ResourceReference { Display = $"{c.SignedBy} ({c.SignerRelationship})" }],
            PolicyRule = new CodeableConcept(policy.System, policy.Code, policy.Display),
            Source = new Attachment
            {
                ContentType = "text/plain; charset=utf-8",
                Language = "en-US",
                Title = c.Kind == ConsentKind.Part2 ? "Consent to disclose (42 CFR Part 2)" : "Authorization to release information",
                Data = Encoding.UTF8.GetBytes(FormText(c)),
            },
            Provision = new Consent.provisionComponent
            {
                Type = Consent.ConsentProvisionType.Permit,
                Period = new Period { Start = c.SignedOn.ToString("yyyy-MM-dd"), End = (c.RevokedOn ?? c.ExpiresOn)?.ToString("yyyy-MM-dd") },
                Actor = [new Consent.provisionActorComponent
                {
                    Role = new CodeableConcept("http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "IRCP", "information recipient"),
                    Reference = new ResourceReference { Display = c.Recipient },
                }],
            },
        };
    }

    private static string FormText(DisclosureConsent c)
    {
        var text = new StringBuilder()
            .AppendLine($"Patient: {c.PatientName}")
            .AppendLine($"Who may disclose: {c.DisclosingParty}")
            .AppendLine($"What may be disclosed: {c.Information}")
            .AppendLine($"To whom: {c.Recipient}")
            .AppendLine($"Purpose: {c.Purpose}")
            .AppendLine($"Expires: {string.Join(", or ", new[] { c.ExpiresOn?.ToString("yyyy-MM-dd"), c.ExpiresOnEvent }.Where(v => !string.IsNullOrWhiteSpace(v)))}")
            .AppendLine($"Signed by {c.SignedBy} ({c.SignerRelationship}) on {c.SignedOn:yyyy-MM-dd}");
        if (c.RevokedOn is { } revoked) text.AppendLine($"Revoked on {revoked:yyyy-MM-dd}{(string.IsNullOrWhiteSpace(c.RevocationNote) ? "" : ": " + c.RevocationNote)}");
        return text.ToString();
    }
}
