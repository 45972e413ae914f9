using System.Linq.Expressions;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Risk;
using Expression = System.Linq.Expressions.Expression;
using Task = System.Threading.Tasks.Task;

namespace Trellis.Web.Features.Fhir.Resources;

/// <summary>Flag: a risk flag on the chart (suicide risk), active until a clinician clears it.</summary>
public sealed class FlagType : FhirEntityType<RiskFlag>
{
    public override string Name => "Flag";
    public override string Permission => Permissions.AnyStaff;
    public override string Documentation => "Risk flags (suicide risk): active until cleared, with the reason it was raised.";
    protected override Expression<Func<RiskFlag, Guid>> PatientKey => f => f.ParticipantId;
    protected override IReadOnlyList<FhirSearchParam> OwnParams => [new("status", SearchParamType.Token, "active or inactive (cleared).")];

    protected override IQueryable<RiskFlag> Source(TrellisDbContext db) => db.Set<RiskFlag>().Include(f => f.Participant);
    protected override Guid? ParticipantOf(RiskFlag f) => f.ParticipantId;
    protected override Guid? ProgramOf(RiskFlag f) => f.Participant?.ProgramId;

    protected override Refusal? Filter(ref IQueryable<RiskFlag> query, string name, string value)
    {
        return name == "status" ? WhereStatus(ref query, value, "active", f => f.ClearedAt == null, "inactive", f => f.ClearedAt != null) : null;
    }

    protected override Resource Map(RiskFlag f, FhirContext fx) => new Flag
    {
        Status = f.ClearedAt is null ? Flag.FlagStatus.Active : Flag.FlagStatus.Inactive,
        Category = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/flag-category", "safety", "Safety")],
        Code = new CodeableConcept { Text = f.Kind == RiskFlagKinds.SuicideRisk ? $"Suicide risk: {f.Reason}" : $"{f.Kind}: {f.Reason}" },
        Subject = PatientReference(f.ParticipantId),
        Period = new Period(new FhirDateTime(f.RaisedAt), f.ClearedAt is { } cleared ? new FhirDateTime(cleared) : null),
    };
}
