using System.Linq.Expressions;
using Expression = System.Linq.Expressions.Expression;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.TreatmentPlans;

namespace Trellis.Web.Features.Fhir.Resources;

/// <summary>
/// CarePlan: one version of a treatment plan (active once every signature is on it, draft before), with its
/// goals as contained Goals in the participant's own words. A later version replaces an earlier one.
/// </summary>
public sealed class CarePlanType : FhirEntityType<TreatmentPlan>
{
    public override string Name => "CarePlan";
    public override string Permission => Permissions.ReadOwnPlans;
    public override string Documentation => "Treatment plan versions (active: fully signed; draft: awaiting signatures), goals contained in the participant's words.";
    protected override Expression<Func<TreatmentPlan, Guid>> PatientKey => p => p.ParticipantId;

    protected override IQueryable<TreatmentPlan> Source(TrellisDbContext db) => db.Set<TreatmentPlan>().Include(p => p.Participant);
    protected override Guid? ParticipantOf(TreatmentPlan p) => p.ParticipantId;
    protected override Guid? ProgramOf(TreatmentPlan p) => p.Participant?.ProgramId;

    protected override Resource Map(TreatmentPlan p, FhirContext fx)
    {
        var plan = new CarePlan
        {
            Status = p.IsComplete ? RequestStatus.Active : RequestStatus.Draft,
            Intent = CarePlan.CarePlanIntent.Plan,
            Category = [new CodeableConcept("http://hl7.org/fhir/us/core/CodeSystem/careplan-category", "assess-plan", "Assessment and Plan of Treatment")],
            Title = $"Treatment plan, version {p.Number}",
            Description = p.Content.ParticipantVoice,
            Subject = PatientReference(p.ParticipantId),
            Created = new FhirDateTime(p.WrittenAt).Value,
        };
        foreach (var goal in p.Goals.Where(g => !string.IsNullOrWhiteSpace(g.OwnWords)))
        {
            var id = $"goal-{goal.Id:N}";
            var contained = new Goal
            {
                Id = id,
                LifecycleStatus = p.IsComplete ? Goal.GoalLifecycleStatus.Active : Goal.GoalLifecycleStatus.Proposed,
                Description = new CodeableConcept { Text = goal.OwnWords },
                Subject = PatientReference(p.ParticipantId),
            };
            if (goal.TargetDate is not null || goal.ScoreTargetText is not null)
                contained.Target = [new Goal.TargetComponent
                {
                    Measure = goal.ScoreTargetText is { } score ? new CodeableConcept { Text = score } : null,
                    Due = goal.TargetDate is { } d ? new Date(d.ToString("yyyy-MM-dd")) : null,
                }];
            // A target in words has no measure to hang on (gol-1), so it travels as the goal's note.
            if (!string.IsNullOrWhiteSpace(goal.Target)) contained.Note = [new Annotation { Text = new Markdown(goal.Target) }];
            plan.Contained.Add(contained);
            plan.Goal.Add(new ResourceReference("#" + id));
        }
        return plan;
    }
}
