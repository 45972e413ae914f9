using System.Linq.Expressions;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Medications;
using Medication = Trellis.Web.Features.Medications.Medication;
using Expression = System.Linq.Expressions.Expression;
using Task = System.Threading.Tasks.Task;

namespace Trellis.Web.Features.Fhir.Resources;

/// <summary>MedicationStatement: a medication on the chart's list (active, stopped, or entered in error), the dose in words.</summary>
public sealed class MedicationStatementType : FhirEntityType<Medication>
{
    public override string Name => "MedicationStatement";
    public override string Documentation => "The chart's medication list: name, dose, route and frequency, started and stopped.";
    protected override Expression<Func<Medication, Guid>> PatientKey => m => m.ParticipantId;

    protected override IQueryable<Medication> Source(TrellisDbContext db) => db.Set<Medication>().Include(m => m.Participant);
    protected override Guid? ParticipantOf(Medication m) => m.ParticipantId;
    protected override Guid? ProgramOf(Medication m) => m.Participant?.ProgramId;

    protected override Resource Map(Medication m, FhirContext fx)
    {
        var statement = new MedicationStatement
        {
            Status = m.EnteredInError ? MedicationStatement.MedicationStatusCodes.EnteredInError
                : m.StoppedOn is not null ? MedicationStatement.MedicationStatusCodes.Stopped
                : MedicationStatement.MedicationStatusCodes.Active,
            Medication = new CodeableConcept { Text = m.Name },
            Subject = PatientReference(m.ParticipantId),
            Dosage = [new Dosage
            {
                Text = $"{m.Dose}, {EnumText.Label(m.Route).ToLowerInvariant()}, {m.Frequency}",
                Route = new CodeableConcept { Text = EnumText.Label(m.Route) },
            }],
        };
        if (m.StartedOn is not null || m.StoppedOn is not null)
            statement.Effective = new Period { Start = m.StartedOn?.ToString("yyyy-MM-dd"), End = m.StoppedOn?.ToString("yyyy-MM-dd") };
        if (!string.IsNullOrWhiteSpace(m.Reason)) statement.ReasonCode = [new CodeableConcept { Text = m.Reason }];
        if (!string.IsNullOrWhiteSpace(m.StopReason)) statement.StatusReason = [new CodeableConcept { Text = m.StopReason }];
        return statement;
    }
}
