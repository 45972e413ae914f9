using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;
using Trellis.Web.Features.Clinical;
using Trellis.Web.Features.Participants;
using Trellis.Web.Features.Staff;
using Trellis.Web.Features.Tasks;

namespace Trellis.Web.Features.Plans;

/// <summary>Checking and saving safety and relapse prevention plan versions.</summary>
public static class SavePlans
{
    public const int MaxEntryLength = 500;

    public static async Task<Dictionary<string, string[]>> CheckAsync(TrellisDbContext db, object input, object? content, bool complete, bool withParticipant,
        Func<Dictionary<string, string[]>> missing, CancellationToken ct = default)
    {
        var errors = Validation.ToDictionary(Validation.Validate(input));
        if (content is null) return errors;
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
        return errors;
    }

    public static async Task<SafetyPlan> AddSafetyPlanAsync(TrellisDbContext db, Participant participant, SafetyPlanInput input, StaffMember author, CancellationToken ct = default)
    {
        var plan = await PlanVersions.AddAsync(db, new SafetyPlan { Content = input.Content! }, participant.Id, input.Complete,
            input.WrittenWithParticipant, input.ChangeSummary, author, ct);
        // The task a suicide-risk flag raised is done when, and only when, the plan is complete.
        if (plan.IsComplete)
            await CareTasks.CompleteOpenAsync(db, participant.Id, CareTaskKinds.CompleteSafetyPlan,
                $"Safety plan version {plan.Number} completed with {participant.FirstName} by {plan.WrittenByName}.", ct);
        return plan;
    }

    public static Task<RelapsePreventionPlan> AddRelapsePlanAsync(TrellisDbContext db, Participant participant, RelapsePlanInput input, StaffMember author, CancellationToken ct = default) =>
        PlanVersions.AddAsync(db, new RelapsePreventionPlan { Content = input.Content! }, participant.Id, input.Complete,
            input.WrittenWithParticipant, input.ChangeSummary, author, ct);

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
