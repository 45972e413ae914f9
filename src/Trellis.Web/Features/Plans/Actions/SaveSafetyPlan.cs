using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Tasks;

namespace Trellis.Web.Features.Plans.Actions;

/// <summary>Body of PUT /api/participants/{id}/safety-plan, and the safety plan page's form.</summary>
public sealed class SafetyPlanInput : PlanInput<SafetyPlanContent>;

/// <summary>
/// Save the next version of a participant's safety plan (none is ever changed). The first version needs
/// no version to be based on; later ones name the latest. A complete plan has every Stanley–Brown step
/// filled in with the participant, and closes the "complete a safety plan" task a suicide-risk flag raised.
/// Called by the safety plan page and PUT /api/participants/{id}/safety-plan.
/// </summary>
public static class SaveSafetyPlan
{
    public static Task<Result<SafetyPlan>> RunAsync(TrellisDbContext db, Guid participantId, SafetyPlanInput input, ETags.Expected expected,
        CancellationToken ct = default) =>
        SavePlans.SaveVersionAsync(db, participantId, input, expected, Permissions.WriteSafetyPlans,
            "Safety plans are written by the participant's clinicians, prescribers and program directors.", content => new SafetyPlan { Content = content },
            // The task a suicide-risk flag raised is done when, and only when, the plan is complete.
            (participant, plan) => plan.IsComplete
                ? CareTasks.CompleteOpenAsync(db, participant.Id, CareTaskKinds.CompleteSafetyPlan,
                    $"Safety plan version {plan.Number} completed with {participant.FirstName} by {plan.WrittenByName}.", ct)
                : Task.CompletedTask, ct);
}
