using Microsoft.EntityFrameworkCore;

namespace Trellis.Web.Features.Medications.Actions;

/// <summary>Change an allergy from the version last seen, or mark it entered in error (never deleted). Called by the allergy page and PUT /api/allergies/{id}.</summary>
public static class ChangeAllergy
{
    public static async Task<Result<Allergy>> RunAsync(TrellisDbContext db, Guid allergyId, AllergyInput input, ETags.Expected expected, CancellationToken ct = default)
    {
        if (await db.Set<Allergy>().FirstOrDefaultAsync(a => a.Id == allergyId, ct) is not { } a) return Refusal.NotFound("allergy");
        // Without a version the change is refused at once; a stale one is caught where the save compares versions.
        if (expected.Version is null && expected.Check(a.Version) is { } unversioned) return unversioned;
        if (await AllergyChecks.CheckAsync(db, a.ParticipantId, input, a.Id, ct) is { } refused) return refused;
        input.ApplyTo(a);
        if (!await Concurrency.SaveIfUnchangedAsync(db, a, expected.Version, ct: ct)) return Refusal.Stale(a.Version);
        return a;
    }
}
