using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Clinical;

namespace Trellis.Web.Features.Medications.Actions;

/// <summary>
/// Correct a drug test from the version last seen (a pending result read, a laboratory confirmation) or mark
/// it entered in error; a result newly unexpected raises its follow-up, one already followed up does not
/// again. Called by the drug test page and PUT /api/drug-tests/{id}.
/// </summary>
public static class CorrectDrugTest
{
    public static async Task<Result<DrugTest>> RunAsync(TrellisDbContext db, Guid testId, DrugTestInput input, ETags.Expected expected, CancellationToken ct = default)
    {
        if (await db.Set<DrugTest>().FirstOrDefaultAsync(t => t.Id == testId, ct) is not { } test) return Refusal.NotFound("drug test");
        if (expected.Check(test.Version) is { } stale) return stale;
        var participant = (await Charts.FindAsync(db, test.ParticipantId, ct))!;
        if (SaveDrugTest.Check(db, input, participant.Today(db.Now)) is { } refused) return refused;
        var unexpected = await SaveDrugTest.ApplyAsync(db, test, input, ct);
        if (unexpected) await SaveDrugTest.RaiseFollowUpAsync(db, participant, test, ct);
        if (!await Concurrency.SaveIfUnchangedAsync(db, test, expected.Version, ct: ct)) return Refusal.Stale(expected.Version!.Value + 1);
        return test;
    }
}
