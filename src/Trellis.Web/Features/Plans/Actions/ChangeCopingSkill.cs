using Microsoft.EntityFrameworkCore;

namespace Trellis.Web.Features.Plans.Actions;

/// <summary>
/// Change a coping skill, from the version last seen; retire it with isActive=false (plans that use it keep
/// it). Called by the skill page and PUT /api/coping-skills/{id}.
/// </summary>
public static class ChangeCopingSkill
{
    public static async Task<Result<CopingSkill>> RunAsync(TrellisDbContext db, Guid id, CopingSkillInput input, ETags.Expected expected, CancellationToken ct = default)
    {
        if (await db.Set<CopingSkill>().FirstOrDefaultAsync(s => s.Id == id, ct) is not { } skill) return Refusal.NotFound("coping skill");
        // Without a version the change is refused at once; a stale one is caught where the save compares versions.
        if (expected.Version is null && expected.Check(skill.Version) is { } unversioned) return unversioned;
        if (await CopingSkills.CheckAsync(db, input, id, ct) is { } refused) return refused;
        CopingSkills.Apply(skill, input);
        if (!await Concurrency.SaveIfUnchangedAsync(db, skill, expected.Version, ct: ct)) return Refusal.Stale(skill.Version);
        return skill;
    }
}
