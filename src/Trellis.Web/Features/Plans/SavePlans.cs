using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;
using Trellis.Web.Features.Clinical;
using Trellis.Web.Features.Participants;

namespace Trellis.Web.Features.Plans;

/// <summary>What a plan's content offers the shared save: trimming the form's spare rows, and what a complete plan still lacks.</summary>
public interface IPlanContent
{
    void Clean();
    Dictionary<string, string[]> MissingForCompletion();
}

/// <summary>What the inputs of both kinds of plan carry: the content, and how far it has come.</summary>
public abstract class PlanInput<TContent> where TContent : class, IPlanContent
{
    [Required(ErrorMessage = "Send the plan's content.")]
    public TContent? Content { get; set; }

    /// <summary>Save as complete (every section filled in, written with the participant); otherwise a draft.</summary>
    public bool Complete { get; set; }

    public bool WrittenWithParticipant { get; set; }

    [MaxLength(1000), Display(Name = "What changed")]
    public string? ChangeSummary { get; set; }
}

/// <summary>Saving a version of either kind of plan (SaveSafetyPlan, SaveRelapsePlan): the same steps, the same checks.</summary>
public static class SavePlans
{
    public const int MaxEntryLength = 500;

    /// <summary>
    /// The chart in scope, a writer the permission allows, the version the change is based on (none for the
    /// first), every rule at once, then the next version added and saved; <paramref name="beforeSave"/> closes
    /// what the new version completes.
    /// </summary>
    public static async Task<Result<T>> SaveVersionAsync<T, TContent>(TrellisDbContext db, Guid participantId, PlanInput<TContent> input, ETags.Expected expected,
        string permission, string whoWrites, Func<TContent, T> make, Func<Participant, T, Task>? beforeSave, CancellationToken ct)
        where T : VersionedPlan where TContent : class, IPlanContent
    {
        if (await Charts.FindAsync(db, participantId, ct) is not { } participant) return Refusal.NotFound("participant");
        if (await ClinicalStaff.AllowedAsync(db, permission, ct) is not { } author) return Refusal.Forbidden(whoWrites);
        var latest = (await PlanVersions.LatestAsync<T>(db, participantId, ct))?.Number;
        if (latest is { } n && expected.Check(n) is { } stale) return stale;
        input.Content?.Clean();
        if (await CheckAsync(db, input, input.Content, input.Complete, input.WrittenWithParticipant, () => input.Content!.MissingForCompletion(), ct) is { } invalid)
            return invalid;
        var plan = await PlanVersions.AddAsync(db, make(input.Content!), participant.Id, input.Complete, input.WrittenWithParticipant, input.ChangeSummary, author, ct);
        if (beforeSave is not null) await beforeSave(participant, plan);
        // Two saves at once compute the same number; the unique index refuses the second.
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return Refusal.Stale(latest ?? 0);
        }
        return plan;
    }

    /// <summary>
    /// Every rule at once, as one refusal: the annotations, entries short enough to read in a hard moment,
    /// coping skills still in the library, and, for a complete plan, every section filled in with the participant.
    /// </summary>
    private static async Task<Refusal?> CheckAsync(TrellisDbContext db, object input, object? content, bool complete, bool withParticipant,
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
