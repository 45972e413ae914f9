using Trellis.Web.Features.Auth;

namespace Trellis.Web.Features.Plans.Actions;

/// <summary>Body of PUT /api/participants/{id}/relapse-prevention-plan, and the relapse prevention plan page's form.</summary>
public sealed class RelapsePlanInput : PlanInput<RelapsePlanContent>;

/// <summary>
/// Save the next version of a participant's relapse prevention plan (none is ever changed): every trigger
/// with a coping strategy, warning signs, supports, what to do after a lapse. The first version needs no
/// version to be based on; later ones name the latest. Called by the relapse prevention plan page and
/// PUT /api/participants/{id}/relapse-prevention-plan.
/// </summary>
public static class SaveRelapsePlan
{
    public static Task<Result<RelapsePreventionPlan>> RunAsync(TrellisDbContext db, Guid participantId, RelapsePlanInput input, ETags.Expected expected,
        CancellationToken ct = default) =>
        SavePlans.SaveVersionAsync(db, participantId, input, expected, Permissions.WriteRelapsePlans,
            "Relapse prevention plans are written by the participant's care team.", content => new RelapsePreventionPlan { Content = content }, null, ct);
}
