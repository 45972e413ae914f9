using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Participants;

namespace Trellis.Web.Features.Admissions.Admission.Actions;

/// <summary>
/// Admit a participant into a track of their program with the first day and the care team: enrolls
/// them (enrollment history kept), closes their open lead as admitted, tells the care team and raises
/// the orientation task. A missing level-of-care decision or authorization is a warning, not a block.
/// Called by the admission tab and POST /api/participants/{id}/admission.
/// </summary>
public static class Admit
{
    public static async Task<Result<AdmissionResult>> RunAsync(TrellisDbContext db, Guid participantId, AdmitInput input, CancellationToken ct = default)
    {
        if (await Admitting.FindChartAsync(db, participantId, ct) is not { } participant) return Refusal.NotFound("participant");
        if (!db.Me.May(Permissions.ManageAdmissions)) return Refusal.Forbidden("Only intake coordinators, program directors and administrators admit.");
        if (Validation.Check(input, clock: db.Clock) is { } invalid) return invalid;
        var (plan, refused) = await Admitting.CheckAsync(db, participant, input, ct);
        if (refused is not null) return refused;
        // The checks read the chart for editing; the admission loads it afresh to write it.
        db.ChangeTracker.Clear();
        await Admitting.AdmitAsync(db, participantId, plan!.Details, ct);
        await db.SaveChangesAsync(ct);
        return new AdmissionResult(participantId, ParticipantStatus.Admitted, plan.Details.TrackId, plan.Details.AdmittedOn, plan.Warnings);
    }
}
