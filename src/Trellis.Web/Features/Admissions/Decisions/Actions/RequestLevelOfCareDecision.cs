using Trellis.Web.Features.Admissions.Admission;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Notifications;
using Trellis.Web.Features.Tasks;

namespace Trellis.Web.Features.Admissions.Decisions.Actions;

/// <summary>
/// Intake asks a clinician of the program for the level-of-care decision: a care task for them, due
/// within the stage's target, with the decision support's suggestion and its reasons attached, and a
/// notification linking to the level-of-care page. One open request at a time. Called by the
/// level-of-care page and POST /api/participants/{id}/level-of-care/request.
/// </summary>
public static class RequestLevelOfCareDecision
{
    public static async Task<Result<CareTask>> RunAsync(TrellisDbContext db, Guid participantId, DecisionRequestInput input, CancellationToken ct = default)
    {
        if (await Admitting.FindChartAsync(db, participantId, ct) is not { } participant) return Refusal.NotFound("participant");
        if (!db.Me.May(Permissions.ManageAdmissions))
            return Refusal.Forbidden("Intake coordinators, program directors and administrators ask for a level-of-care decision.");
        if (Validation.Check(input, clock: db.Clock) is { } invalid) return invalid;
        var clinicians = await LevelOfCareRequests.CliniciansAsync(db, participant.ProgramId, ct);
        if (clinicians.FirstOrDefault(c => c.Id == input.ClinicianStaffId) is not { } clinician)
            return Refusal.Invalid("clinicianStaffId", $"Choose an active clinician, prescriber or program director of {participant.Program?.Name}.");
        if (await LevelOfCareRequests.OpenAsync(db, participantId, ct) is { } open)
            return Refusal.Conflict("Already requested",
                $"A decision was already requested on {open.CreatedAt:MMM d} and is still open (due {open.DueOn:MMM d}). Change its owner on the task instead of asking again.");

        var inputs = await LevelOfCareDecisions.FromChartAsync(db, participant, input, ct);
        var suggested = LevelOfCareDecisions.SuggestedText(LevelOfCareRules.Suggest(inputs));
        var note = Pipeline.Clean(input.Note);
        var detail = $"Asked by {db.Me.DisplayName}. {suggested} Screens: {LevelOfCareRules.ScreenText(inputs)}."
            + (note is null ? "" : $"\n\nNote from intake: {note}")
            + "\n\nRecord the decision with your rationale on the Level of care tab; this task closes when it is recorded.";
        var due = participant.Today(db.Now).AddDays(AdmissionStages.TargetDays(AdmissionStage.LevelOfCareDecision) ?? 2);
        var task = CareTasks.Raise(db, participantId, CareTaskKinds.LevelOfCareDecision, $"Record the level-of-care decision for {participant.DisplayName}",
            due, clinician.Id, null, detail.Length <= 2000 ? detail : detail[..2000], nameof(Participants.Participant), participantId);
        Notifier.Notify(db, [clinician.Id], LevelOfCareRequests.NotificationKind, $"Level-of-care decision requested for {participant.DisplayName}",
            $"{db.Me.DisplayName} asks you to record it by {due:MMM d}. {suggested}", LevelOfCareRequests.PageOf(participantId), participantId);
        await db.SaveChangesAsync(ct);
        return task;
    }
}
