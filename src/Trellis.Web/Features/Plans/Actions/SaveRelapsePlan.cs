using System.ComponentModel.DataAnnotations;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Clinical;

namespace Trellis.Web.Features.Plans.Actions;

/// <summary>Body of PUT /api/participants/{id}/relapse-prevention-plan, and the relapse prevention plan page's form.</summary>
public sealed class RelapsePlanInput
{
    [Required(ErrorMessage = "Send the plan's content.")]
    public RelapsePlanContent? Content { get; set; }

    public bool Complete { get; set; }

    public bool WrittenWithParticipant { get; set; }

    [MaxLength(1000), Display(Name = "What changed")]
    public string? ChangeSummary { get; set; }
}

/// <summary>
/// Save the next version of a participant's relapse prevention plan (none is ever changed): every trigger
/// with a coping strategy, warning signs, supports, what to do after a lapse. The first version needs no
/// version to be based on; later ones name the latest. Called by the relapse prevention plan page and
/// PUT /api/participants/{id}/relapse-prevention-plan.
/// </summary>
public static class SaveRelapsePlan
{
    public static async Task<Result<RelapsePreventionPlan>> RunAsync(TrellisDbContext db, Guid participantId, RelapsePlanInput input, ETags.Expected expected,
        CancellationToken ct = default)
    {
        if (await Charts.FindAsync(db, participantId, ct) is not { } participant) return Refusal.NotFound("participant");
        if (!db.Me.May(Permissions.WriteRelapsePlans) || await ClinicalStaff.CurrentAsync(db, ct) is not { } author)
            return Refusal.Forbidden("Relapse prevention plans are written by the participant's care team.");
        var latest = (await PlanVersions.LatestAsync<RelapsePreventionPlan>(db, participantId, ct))?.Number;
        if (SavePlans.CheckVersion(latest, expected) is { } stale) return stale;
        input.Content?.Clean();
        if (await SavePlans.CheckAsync(db, input, input.Content, input.Complete, input.WrittenWithParticipant, () => input.Content!.MissingForCompletion(), ct) is { } invalid)
            return invalid;
        var plan = await PlanVersions.AddAsync(db, new RelapsePreventionPlan { Content = input.Content! }, participant.Id, input.Complete,
            input.WrittenWithParticipant, input.ChangeSummary, author, ct);
        if (await SavePlans.SaveAsync(db, latest, ct) is { } lost) return lost;
        return plan;
    }
}
