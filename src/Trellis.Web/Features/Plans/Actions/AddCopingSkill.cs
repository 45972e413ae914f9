namespace Trellis.Web.Features.Plans.Actions;

/// <summary>Add a skill to the coping skills library the plans draw on (its name unique). Called by the skill page and POST /api/coping-skills.</summary>
public static class AddCopingSkill
{
    public static async Task<Result<CopingSkill>> RunAsync(TrellisDbContext db, CopingSkillInput input, CancellationToken ct = default)
    {
        if (await CopingSkills.CheckAsync(db, input, null, ct) is { } refused) return refused;
        var skill = new CopingSkill();
        CopingSkills.Apply(skill, input);
        db.Set<CopingSkill>().Add(skill);
        await db.SaveChangesAsync(ct);
        return skill;
    }
}
