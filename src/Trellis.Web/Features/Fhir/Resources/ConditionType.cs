using System.Linq.Expressions;
using Expression = System.Linq.Expressions.Expression;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Participants;

namespace Trellis.Web.Features.Fhir.Resources;

/// <summary>Condition: a diagnosis (ICD-10-CM) on the chart, as an encounter diagnosis of the program's care.</summary>
public sealed class ConditionType : FhirEntityType<Diagnosis>
{
    public const string Icd10Cm = "http://hl7.org/fhir/sid/icd-10-cm";

    public override string Name => "Condition";
    public override string Documentation => "Diagnoses (ICD-10-CM) of the caller's participants.";
    protected override Expression<Func<Diagnosis, Guid>> PatientKey => d => d.ParticipantId;
    protected override IReadOnlyList<FhirSearchParam> OwnParams => [new("code", SearchParamType.Token, $"ICD-10-CM code ({Icd10Cm}|F33.1).")];

    protected override IQueryable<Diagnosis> Source(TrellisDbContext db) => db.Diagnoses.Include(d => d.Participant);
    protected override Guid? ParticipantOf(Diagnosis d) => d.ParticipantId;
    protected override Guid? ProgramOf(Diagnosis d) => d.Participant?.ProgramId;

    protected override Refusal? Filter(ref IQueryable<Diagnosis> query, string name, string value)
    {
        if (name != "code") return null;
        var codes = value.Split(',').Select(FhirSearchValues.Token).Where(t => t.System is null or "" || t.System == Icd10Cm).Select(t => t.Code);
        return WhereIn(ref query, d => d.Code, codes);
    }

    protected override Resource Map(Diagnosis d, FhirContext fx) => new Condition
    {
        ClinicalStatus = new CodeableConcept("http://terminology.hl7.org/CodeSystem/condition-clinical", "active"),
        VerificationStatus = new CodeableConcept("http://terminology.hl7.org/CodeSystem/condition-ver-status", "confirmed"),
        Category = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/condition-category", "encounter-diagnosis", "Encounter Diagnosis")],
        Code = new CodeableConcept(Icd10Cm, d.Code, d.Description) { Text = d.Description },
        Subject = PatientReference(d.ParticipantId),
        Onset = d.DiagnosedOn is { } on ? new FhirDateTime(on.ToString("yyyy-MM-dd")) : null,
        RecordedDate = d.CreatedAt.ToString("yyyy-MM-ddTHH:mm:sszzz"),
    };
}
