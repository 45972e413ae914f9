using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Plans;

namespace Trellis.Web.Features.Portal.CheckIns;

/// <summary>The coping skills a participant's own plan lists: what the check-in offers, and the only ids it accepts.</summary>
public static class PlanSkills
{
    /// <summary>Skills of the library named by the latest complete safety plan, read through the scope filters (a participant reads their own plan only).</summary>
    public static async Task<List<CopingSkill>> OfAsync(TrellisDbContext db, Guid participantId, CancellationToken ct = default)
    {
        var plan = await PlanVersions.LatestCompleteAsync<SafetyPlan>(db, participantId, ct);
        var ids = plan?.Content.CopingStrategies.Where(c => c.SkillId is not null).Select(c => c.SkillId!.Value).Distinct().ToList() ?? [];
        if (ids.Count == 0) return [];
        return await db.Set<CopingSkill>().AsNoTracking().Where(s => ids.Contains(s.Id)).OrderBy(s => s.Name).ToListAsync(ct);
    }
}
