using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Clinical;
using Trellis.Web.Features.TreatmentPlans;

namespace Trellis.Web.Features.Discharge.Actions;

/// <summary>
/// Keep a discharge being written as a draft (at least its date and reason): nothing about the participant
/// changes until it is finalised. Called by the discharge page ("Save draft").
/// </summary>
public static class SaveDischargeDraft
{
    public static async Task<Result<ParticipantDischarge>> RunAsync(TrellisDbContext db, Guid participantId, DischargeInput input, CancellationToken ct = default)
    {
        if (await Charts.FindAsync(db, participantId, ct) is not { } participant) return Refusal.NotFound("participant");
        if (SaveDischarge.CannotDischarge(participant) is { } refused) return refused;
        if (!db.Me.May(Permissions.Discharge) || await ClinicalStaff.CurrentAsync(db, ct) is not { } by)
            return Refusal.Forbidden("Participants are discharged by their clinicians, case managers and program directors.");
        SaveDischarge.Normalize(input);
        var errors = new Dictionary<string, string[]>();
        if (input.DischargedOn is null) errors["dischargedOn"] = ["Enter at least the discharge date and reason to save a draft."];
        if (input.Reason is null) errors["reason"] = ["Enter at least the discharge date and reason to save a draft."];
        if (errors.Count > 0) return Refusal.Invalid(errors);
        var goals = (await TreatmentPlanQueries.OverviewAsync(db, participant, participant.Today(db.Now), ct)).InEffect?.Goals.ToList() ?? [];
        var d = await SaveDischarge.CurrentAsync(db, participantId, tracking: true, ct);
        if (d is null)
        {
            d = new ParticipantDischarge { ParticipantId = participantId, WrittenByStaffId = by.Id, WrittenByName = ClinicalStaff.SignatureName(by) };
            db.Set<ParticipantDischarge>().Add(d);
        }
        SaveDischarge.Copy(d, input, goals);
        await db.SaveChangesAsync(ct);
        return d;
    }
}
