using System.ComponentModel.DataAnnotations;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Clinical;
using Trellis.Web.Features.Tasks;

namespace Trellis.Web.Features.Plans.Actions;

/// <summary>Body of PUT /api/participants/{id}/safety-plan, and the safety plan page's form.</summary>
public sealed class SafetyPlanInput
{
    [Required(ErrorMessage = "Send the plan's content.")]
    public SafetyPlanContent? Content { get; set; }

    /// <summary>Save as complete (every section filled in, written with the participant); otherwise a draft.</summary>
    public bool Complete { get; set; }

    public bool WrittenWithParticipant { get; set; }

    [MaxLength(1000), Display(Name = "What changed")]
    public string? ChangeSummary { get; set; }
}

/// <summary>
/// Save the next version of a participant's safety plan (none is ever changed). The first version needs
/// no version to be based on; later ones name the latest. A complete plan has every Stanley–Brown step
/// filled in with the participant, and closes the "complete a safety plan" task a suicide-risk flag raised.
/// Called by the safety plan page and PUT /api/participants/{id}/safety-plan.
/// </summary>
public static class SaveSafetyPlan
{
    public static async Task<Result<SafetyPlan>> RunAsync(TrellisDbContext db, Guid participantId, SafetyPlanInput input, ETags.Expected expected,
        CancellationToken ct = default)
    {
        if (await Charts.FindAsync(db, participantId, ct) is not { } participant) return Refusal.NotFound("participant");
        if (!db.Me.May(Permissions.WriteSafetyPlans) || await ClinicalStaff.CurrentAsync(db, ct) is not { } author)
            return Refusal.Forbidden("Safety plans are written by the participant's clinicians, prescribers and program directors.");
        var latest = (await PlanVersions.LatestAsync<SafetyPlan>(db, participantId, ct))?.Number;
        if (SavePlans.CheckVersion(latest, expected) is { } stale) return stale;
        input.Content?.Clean();
        if (await SavePlans.CheckAsync(db, input, input.Content, input.Complete, input.WrittenWithParticipant, () => input.Content!.MissingForCompletion(), ct) is { } invalid)
            return invalid;
        var plan = await PlanVersions.AddAsync(db, new SafetyPlan { Content = input.Content! }, participant.Id, input.Complete,
            input.WrittenWithParticipant, input.ChangeSummary, author, ct);
        // The task a suicide-risk flag raised is done when, and only when, the plan is complete.
        if (plan.IsComplete)
            await CareTasks.CompleteOpenAsync(db, participant.Id, CareTaskKinds.CompleteSafetyPlan,
                $"Safety plan version {plan.Number} completed with {participant.FirstName} by {plan.WrittenByName}.", ct);
        if (await SavePlans.SaveAsync(db, latest, ct) is { } lost) return lost;
        return plan;
    }
}
