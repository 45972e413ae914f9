using Trellis.Web.Features.Admissions.Admission;
using Trellis.Web.Features.Participants;
using Trellis.Web.Features.Tasks;

namespace Trellis.Web.Features.Admissions.Decisions.Actions;

/// <summary>
/// Record a level-of-care decision with its rationale: the suggestion it was made against is kept with
/// it, and an open request for the decision is completed. A clinician decides; an intake coordinator
/// only where the program allows it (<see cref="LevelOfCareSettings"/>). Called by the level-of-care page
/// and POST /api/participants/{id}/level-of-care.
/// </summary>
public static class DecideLevelOfCare
{
    public static async Task<Result<LevelOfCareChange>> RunAsync(TrellisDbContext db, Guid participantId, DecisionInput input, CancellationToken ct = default)
    {
        if (await Admitting.FindChartAsync(db, participantId, ct) is not { } participant) return Refusal.NotFound("participant");
        if (!await LevelOfCareSettings.MayRecordAsync(db, participant.ProgramId, ct))
            return Refusal.Forbidden($"A level-of-care decision is a clinician's in {participant.Program?.Name}: ask a clinician for it on the Level of care tab.");
        if (Validation.Check(input, clock: db.Clock) is { } invalid) return invalid;
        var inputs = await LevelOfCareDecisions.FromChartAsync(db, participant, input, ct);
        var change = await LevelOfCareDecisions.RecordAsync(db, participant, input, LevelOfCareRules.Suggest(inputs), ct);
        await CareTasks.CompleteOpenAsync(db, participantId, CareTaskKinds.LevelOfCareDecision,
            $"Decision recorded by {db.Me.DisplayName}: {LevelText.Of(change.ToLevel)} from {change.EffectiveOn:MMM d, yyyy}.", ct);
        await db.SaveChangesAsync(ct);
        return change;
    }
}
