using Microsoft.EntityFrameworkCore;

namespace Trellis.Web.Features.Discharge.Actions;

/// <summary>
/// Discharge a participant in care: the reason, the course of treatment, where each plan goal ended up, the
/// aftercare and the discharge medication reconciliation, all checked at once; then the admission and
/// discharge scores are compared, the status, discharge date, enrollment end and level-of-care history
/// set, and the discharge kept exactly as finalised. Called by the discharge page ("Finalise") and
/// POST /api/participants/{id}/discharge.
/// </summary>
public static class DischargeParticipant
{
    public static async Task<Result<ParticipantDischarge>> RunAsync(TrellisDbContext db, Guid participantId, DischargeInput input, CancellationToken ct = default)
    {
        var (start, refused) = await SaveDischarge.StartAsync(db, participantId, input, ct);
        if (refused is not null) return refused;
        var (participant, by, goals) = start;
        if (SaveDischarge.Check(participant, input, goals, participant.Today(db.Now)) is { } invalid) return invalid;
        var draft = await SaveDischarge.CurrentAsync(db, participantId, tracking: true, ct);
        var result = await SaveDischarge.FinalizeAsync(db, participantId, draft, input, goals, by, ct);
        if (!result.Succeeded)
        {
            db.ChangeTracker.Clear();
            return result;
        }
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Refusal.Conflict("The chart changed while the discharge was being saved; load it again.");
        }
        return result;
    }
}
