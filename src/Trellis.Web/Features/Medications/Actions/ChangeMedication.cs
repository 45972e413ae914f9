using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Clinical;

namespace Trellis.Web.Features.Medications.Actions;

/// <summary>
/// Change a medication from the version last seen: a new dose, stopping it (with a reason) or marking it
/// entered in error; it is never deleted. A change that raises a warning not yet acknowledged (a new
/// allergy on the chart, another drug since) asks for it, as adding does. Called by the medication page
/// and PUT /api/medications/{id}.
/// </summary>
public static class ChangeMedication
{
    public static async Task<Result<Medication>> RunAsync(TrellisDbContext db, Guid medicationId, MedicationInput input, ETags.Expected expected, CancellationToken ct = default)
    {
        if (await db.Set<Medication>().FirstOrDefaultAsync(m => m.Id == medicationId, ct) is not { } m) return Refusal.NotFound("medication");
        if (!db.Me.May(Permissions.ManageMedications)) return Refusal.Forbidden("The medication list is kept by prescribers, clinicians and program directors.");
        if (expected.Check(m.Version) is { } stale) return stale;
        var participant = (await Charts.FindAsync(db, m.ParticipantId, ct))!;
        var today = participant.Today(db.Now);
        if (await SaveMedication.CheckAsync(db, participant, input, today, ct) is { } invalid) return invalid;
        await SaveMedication.ApplyAsync(db, m, input, ct);
        if (await SaveMedication.AcknowledgeAsync(db, participant, m, input, today, ct) is { } warned)
        {
            db.ChangeTracker.Clear();
            return warned;
        }
        if (!await Concurrency.SaveIfUnchangedAsync(db, m, expected.Version, ct: ct)) return Refusal.Stale(expected.Version!.Value + 1);
        return m;
    }
}
