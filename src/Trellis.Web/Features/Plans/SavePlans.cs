using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;

namespace Trellis.Web.Features.Plans;

/// <summary>The checks both kinds of plan share when a version is saved (SaveSafetyPlan, SaveRelapsePlan).</summary>
public static class SavePlans
{
    public const int MaxEntryLength = 500;

    /// <summary>
    /// Every rule at once, as one refusal: the annotations, entries short enough to read in a hard moment,
    /// coping skills still in the library, and, for a complete plan, every section filled in with the participant.
    /// </summary>
    public static async Task<Refusal?> CheckAsync(TrellisDbContext db, object input, object? content, bool complete, bool withParticipant,
        Func<Dictionary<string, string[]>> missing, CancellationToken ct = default)
    {
        var errors = Validation.ToDictionary(Validation.Validate(input));
        if (content is not null)
        {
            foreach (var (path, message) in LongEntries(content)) errors[path] = [message];
            var skillIds = SkillIds(content).ToList();
            if (skillIds.Count > 0)
            {
                var known = await db.Set<CopingSkill>().Where(s => skillIds.Contains(s.Id) && s.IsActive).Select(s => s.Id).ToListAsync(ct);
                if (skillIds.Any(id => !known.Contains(id))) errors["content.skillId"] = ["A coping skill chosen is not in the library (or was retired)."];
            }
            if (complete)
            {
                foreach (var (k, v) in missing()) errors.TryAdd("content." + k, v);
                if (!withParticipant)
                    errors["writtenWithParticipant"] = ["A plan is complete only when it was written with the participant: confirm they took part."];
            }
        }
        return errors.Count > 0 ? Refusal.Invalid(errors) : null;
    }

    /// <summary>The first version needs no version to be based on; every later one names the latest.</summary>
    public static Refusal? CheckVersion(int? latest, ETags.Expected expected) => latest is { } n ? expected.Check(n) : null;

    /// <summary>Saves the new version; two saves at once compute the same number and the unique index refuses the second.</summary>
    public static async Task<Refusal?> SaveAsync(TrellisDbContext db, int? latest, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return Refusal.Stale(latest ?? 0);
        }
    }

    /// <summary>Each entry of a list of text is at most <see cref="MaxEntryLength"/> characters.</summary>
    private static IEnumerable<(string Path, string Message)> LongEntries(object content)
    {
        foreach (var p in content.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.PropertyType == typeof(List<string>)))
        {
            var list = (List<string>?)p.GetValue(content) ?? [];
            for (var i = 0; i < list.Count; i++)
                if (list[i] is { Length: > MaxEntryLength })
                    yield return ($"content.{System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(p.Name)}[{i}]", $"Keep each entry under {MaxEntryLength} characters: a plan is read in a hard moment.");
        }
    }

    private static IEnumerable<Guid> SkillIds(object content) => content switch
    {
        SafetyPlanContent s => s.CopingStrategies.Where(c => c.SkillId is not null).Select(c => c.SkillId!.Value),
        RelapsePlanContent r => r.Triggers.Where(t => t.SkillId is not null).Select(t => t.SkillId!.Value),
        _ => [],
    };
}
