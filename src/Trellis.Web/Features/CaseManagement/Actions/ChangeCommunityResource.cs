using Microsoft.EntityFrameworkCore;

namespace Trellis.Web.Features.CaseManagement.Actions;

/// <summary>
/// Change a directory resource from the version last seen; retire it with isActive=false (referrals keep its
/// name). Called by the resource page and PUT /api/community-resources/{id}.
/// </summary>
public static class ChangeCommunityResource
{
    public static async Task<Result<CommunityResource>> RunAsync(TrellisDbContext db, Guid id, CommunityResourceInput input, ETags.Expected expected, CancellationToken ct = default)
    {
        if (await db.Set<CommunityResource>().FirstOrDefaultAsync(r => r.Id == id, ct) is not { } r) return Refusal.NotFound("community resource");
        // Without a version the change is refused at once; a stale one is caught where the save compares versions.
        if (expected.Version is null && expected.Check(r.Version) is { } unversioned) return unversioned;
        if (await CommunityResources.CheckAsync(db, input, id, ct) is { } refused) return refused;
        input.ApplyTo(r);
        if (!await Concurrency.SaveIfUnchangedAsync(db, r, expected.Version, ct: ct)) return Refusal.Stale(r.Version);
        return r;
    }
}
