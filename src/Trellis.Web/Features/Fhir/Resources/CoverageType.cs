using System.Linq.Expressions;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Billing.Coverage;
using Trellis.Web.Features.Billing.Payers;
using Expression = System.Linq.Expressions.Expression;
using Task = System.Threading.Tasks.Task;

namespace Trellis.Web.Features.Fhir.Resources;

/// <summary>
/// Coverage: a participant's insurance or self-pay for a span of dates (billing records them): the payer (an
/// Organization; self-pay names the patient), member id, group, subscriber and relationship, primary or secondary.
/// Read by those who record coverage (billing included), as on /api.
/// </summary>
public sealed class CoverageType : FhirEntityType<PayerCoverage>
{
    public override string Name => "Coverage";
    public override string Permission => Permissions.RecordCoverage;
    public override string Documentation => "Coverages (insurance or self-pay): payer, member id, group, subscriber, order; billing, administrators, program directors and intake.";
    protected override Expression<Func<PayerCoverage, Guid>> PatientKey => c => c.ParticipantId;
    protected override bool HasSubject => false;

    protected override IReadOnlyList<FhirSearchParam> OwnParams =>
    [
        new("payor", SearchParamType.Reference, "The payer (Organization/{id}); a self-pay coverage's payor is its patient."),
        new("status", SearchParamType.Token, "active (in force or to come) or cancelled (ended)."),
    ];

    protected override IReadOnlyList<FhirInclude> OwnIncludes =>
        [new("Coverage:payor", "Organization", r => ((Coverage)r).Payor)];

    protected override IQueryable<PayerCoverage> Source(TrellisDbContext db) => db.Set<PayerCoverage>().Include(c => c.Participant).Include(c => c.Payer);
    protected override Guid? ParticipantOf(PayerCoverage c) => c.ParticipantId;
    protected override Guid? ProgramOf(PayerCoverage c) => c.Participant?.ProgramId;

    private static DateOnly Today(FhirContext fx) => DateOnly.FromDateTime(fx.Db.Now.UtcDateTime);

    protected override Refusal? Filter(FhirContext fx, ref IQueryable<PayerCoverage> query, string name, string value)
    {
        switch (name)
        {
            case "payor":
                var payers = value.Split(',').Select(v => FhirSearchValues.ReferenceId(v, "Organization")).ToList();
                var patients = value.Split(',').Select(v => FhirSearchValues.ReferenceId(v, "Patient")).ToList();
                query = query.Where(c => (payers.Contains(c.PayerId) && c.Payer!.Kind != PayerKind.SelfPay) || (patients.Contains(c.ParticipantId) && c.Payer!.Kind == PayerKind.SelfPay));
                return null;
            case "status":
                var today = Today(fx);
                return WhereStatus(ref query, value, "active", c => c.EffectiveTo == null || c.EffectiveTo >= today, "cancelled", c => c.EffectiveTo != null && c.EffectiveTo < today);
        }
        return null;
    }

    protected override Resource Map(PayerCoverage c, FhirContext fx)
    {
        var selfPay = c.Payer?.Kind == PayerKind.SelfPay || c.Rank == CoverageRank.SelfPay;
        var coverage = new Coverage
        {
            Status = c.EffectiveTo is { } to && to < Today(fx) ? FinancialResourceStatusCodes.Cancelled : FinancialResourceStatusCodes.Active,
            Beneficiary = PatientReference(c.ParticipantId),
            SubscriberId = c.MemberId,
            Relationship = new CodeableConcept("http://terminology.hl7.org/CodeSystem/subscriber-relationship", c.Relationship switch
            {
                SubscriberRelationship.Self => "self", SubscriberRelationship.Spouse => "spouse", SubscriberRelationship.Child => "child", _ => "other",
            }),
            Period = new Period { Start = c.EffectiveFrom.ToString("yyyy-MM-dd"), End = c.EffectiveTo?.ToString("yyyy-MM-dd") },
            Payor = [selfPay ? PatientReference(c.ParticipantId) : new ResourceReference($"Organization/{c.PayerId}", c.Payer?.Name)],
            Order = c.Rank switch { CoverageRank.Primary => 1, CoverageRank.Secondary => 2, _ => null },
        };
        if (selfPay) coverage.Type = new CodeableConcept("http://terminology.hl7.org/CodeSystem/coverage-selfpay", "pay", "PAY");
        coverage.Subscriber = c.Relationship == SubscriberRelationship.Self
            ? PatientReference(c.ParticipantId)
            : !string.IsNullOrWhiteSpace(c.SubscriberLastName) ? new ResourceReference { Display = $"{c.SubscriberFirstName} {c.SubscriberLastName}".Trim() } : null;
        if (!string.IsNullOrWhiteSpace(c.GroupNumber))
            coverage.Class.Add(new Coverage.ClassComponent
            {
                Type = new CodeableConcept("http://terminology.hl7.org/CodeSystem/coverage-class", "group", "Group"),
                Value = c.GroupNumber,
            });
        return coverage;
    }
}
