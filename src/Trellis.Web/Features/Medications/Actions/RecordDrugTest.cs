using Trellis.Web.Features.Clinical;

namespace Trellis.Web.Features.Medications.Actions;

/// <summary>
/// Record a drug test: each result marked expected or not given the medications active on the collection
/// day. An unexpected result (a positive without a prescription, a negative for a prescribed one) reaches the
/// primary clinician and prescriber with a follow-up task. Called by the drug test page and POST /api/participants/{id}/drug-tests.
/// </summary>
public static class RecordDrugTest
{
    public static async Task<Result<DrugTest>> RunAsync(TrellisDbContext db, Guid participantId, DrugTestInput input, CancellationToken ct = default)
    {
        if (await Charts.FindAsync(db, participantId, ct) is not { } participant) return Refusal.NotFound("participant");
        if (await ClinicalStaff.CurrentAsync(db, ct) is not { } by) return Refusal.Forbidden("Only staff record drug tests.");
        if (SaveDrugTest.Check(db, input, participant.Today(db.Now)) is { } refused) return refused;
        var test = SaveDrugTest.New(participant, by);
        var unexpected = await SaveDrugTest.ApplyAsync(db, test, input, ct);
        db.Set<DrugTest>().Add(test);
        if (unexpected) await SaveDrugTest.RaiseFollowUpAsync(db, participant, test, ct);
        await db.SaveChangesAsync(ct);
        return test;
    }
}
