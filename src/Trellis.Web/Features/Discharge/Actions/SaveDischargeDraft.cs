using Trellis.Web.Features.Clinical;

namespace Trellis.Web.Features.Discharge.Actions;

/// <summary>
/// Keep a discharge being written as a draft (at least its date and reason): nothing about the participant
/// changes until it is finalised. Called by the discharge page ("Save draft").
/// </summary>
public static class SaveDischargeDraft
{
    public static async Task<Result<ParticipantDischarge>> RunAsync(TrellisDbContext db, Guid participantId, DischargeInput input, CancellationToken ct = default)
    {
        var (start, refused) = await SaveDischarge.StartAsync(db, participantId, input, ct);
        if (refused is not null) return refused;
        var (_, by, goals) = start;
        var errors = new Dictionary<string, string[]>();
        if (input.DischargedOn is null) errors["dischargedOn"] = ["Enter at least the discharge date and reason to save a draft."];
        if (input.Reason is null) errors["reason"] = ["Enter at least the discharge date and reason to save a draft."];
        if (errors.Count > 0) return Refusal.Invalid(errors);
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
