namespace Trellis.Web.Features.CaseManagement.Actions;

/// <summary>Add a resource to the community resources directory (administrators; its name unique). Called by the resource page and POST /api/community-resources.</summary>
public static class AddCommunityResource
{
    public static async Task<Result<CommunityResource>> RunAsync(TrellisDbContext db, CommunityResourceInput input, CancellationToken ct = default)
    {
        if (await CommunityResources.CheckAsync(db, input, null, ct) is { } refused) return refused;
        var r = new CommunityResource();
        input.ApplyTo(r);
        db.Set<CommunityResource>().Add(r);
        await db.SaveChangesAsync(ct);
        return r;
    }
}
