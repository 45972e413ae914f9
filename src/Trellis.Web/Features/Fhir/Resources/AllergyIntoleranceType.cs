using System.Linq.Expressions;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Medications;
using Expression = System.Linq.Expressions.Expression;
using Task = System.Threading.Tasks.Task;

namespace Trellis.Web.Features.Fhir.Resources;

/// <summary>AllergyIntolerance: an allergy on the chart; one entered in error says so and has no clinical status (ait-2).</summary>
public sealed class AllergyIntoleranceType : FhirEntityType<Allergy>
{
    public override string Name => "AllergyIntolerance";
    public override string Documentation => "Allergies and intolerances (substance in words, reaction, severity).";
    protected override Expression<Func<Allergy, Guid>> PatientKey => a => a.ParticipantId;
    protected override bool HasSubject => false;

    protected override IQueryable<Allergy> Source(TrellisDbContext db) => db.Set<Allergy>().Include(a => a.Participant);
    protected override Guid? ParticipantOf(Allergy a) => a.ParticipantId;
    protected override Guid? ProgramOf(Allergy a) => a.Participant?.ProgramId;

    protected override Resource Map(Allergy a, FhirContext fx)
    {
        var allergy = new AllergyIntolerance
        {
            ClinicalStatus = a.EnteredInError ? null : new CodeableConcept("http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical", "active", "Active"),
            VerificationStatus = a.EnteredInError
                ? new CodeableConcept("http://terminology.hl7.org/CodeSystem/allergyintolerance-verification", "entered-in-error", "Entered in Error")
                : new CodeableConcept("http://terminology.hl7.org/CodeSystem/allergyintolerance-verification", "confirmed", "Confirmed"),
            Code = new CodeableConcept { Text = a.Substance },
            Patient = PatientReference(a.ParticipantId),
            RecordedDate = a.NotedOn?.ToString("yyyy-MM-dd"),
        };
        AllergyIntolerance.AllergyIntoleranceCategory? category = a.Kind switch
        {
            AllergyKind.Medication => AllergyIntolerance.AllergyIntoleranceCategory.Medication,
            AllergyKind.Food => AllergyIntolerance.AllergyIntoleranceCategory.Food,
            AllergyKind.Environmental => AllergyIntolerance.AllergyIntoleranceCategory.Environment,
            _ => null,
        };
        if (category is { } c) allergy.Category = [c];
        if (!string.IsNullOrWhiteSpace(a.Reaction))
            allergy.Reaction = [new AllergyIntolerance.ReactionComponent
            {
                Manifestation = [new CodeableConcept { Text = a.Reaction }],
                Severity = a.Severity switch
                {
                    AllergySeverity.Mild => AllergyIntolerance.AllergyIntoleranceSeverity.Mild,
                    AllergySeverity.Moderate => AllergyIntolerance.AllergyIntoleranceSeverity.Moderate,
                    AllergySeverity.Severe => AllergyIntolerance.AllergyIntoleranceSeverity.Severe,
                    _ => null,
                },
            }];
        return allergy;
    }
}
