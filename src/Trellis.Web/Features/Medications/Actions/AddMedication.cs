using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Clinical;

namespace Trellis.Web.Features.Medications.Actions;

/// <summary>
/// Add a medication to the participant's list: a catalog drug (by code, or by a name the catalog knows) is
/// checked against their allergies, their other medications (same ingredient, same class) and the dangerous
/// combinations, and any warning must be acknowledged with a reason (409 until then); a drug the catalog
/// does not list is saved as free text, unchecked. Called by the medication page and POST /api/participants/{id}/medications.
/// </summary>
public static class AddMedication
{
    public static async Task<Result<Medication>> RunAsync(TrellisDbContext db, Guid participantId, MedicationInput input, CancellationToken ct = default)
    {
        if (await Charts.FindAsync(db, participantId, ct) is not { } participant) return Refusal.NotFound("participant");
        if (!db.Me.May(Permissions.ManageMedications)) return Refusal.Forbidden("The medication list is kept by prescribers, clinicians and program directors.");
        var today = participant.Today(db.Now);
        if (await SaveMedication.CheckAsync(db, participant, input, today, ct) is { } invalid) return invalid;
        var m = new Medication { ParticipantId = participantId };
        await SaveMedication.ApplyAsync(db, m, input, ct);
        if (await SaveMedication.AcknowledgeAsync(db, participant, m, input, today, ct) is { } warned) return warned;
        db.Set<Medication>().Add(m);
        await db.SaveChangesAsync(ct);
        return m;
    }
}
