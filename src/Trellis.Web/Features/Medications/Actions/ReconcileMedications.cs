using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Clinical;

namespace Trellis.Web.Features.Medications.Actions;

/// <summary>
/// Reconcile the medication list at admission or a transition: a decision (continue, change, hold, stop) for
/// every active medication, checked against named sources, allergies reviewed; stops are applied to the list.
/// Called by the reconciliation page and POST /api/participants/{id}/medication-reconciliations.
/// </summary>
public static class ReconcileMedications
{
    public static async Task<Result<MedicationReconciliation>> RunAsync(TrellisDbContext db, Guid participantId, ReconciliationInput input, CancellationToken ct = default)
    {
        if (await Charts.FindAsync(db, participantId, ct) is not { } participant) return Refusal.NotFound("participant");
        if (await ClinicalStaff.AllowedAsync(db, Permissions.ManageMedications, ct) is not { } by)
            return Refusal.Forbidden("Medications are reconciled by prescribers, clinicians and program directors.");
        var result = await Reconcile.ApplyAsync(db, participant, input, by, participant.Today(db.Now), ct);
        if (result.Succeeded) await db.SaveChangesAsync(ct);
        return result;
    }
}
