using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Participants;
using Trellis.Web.Features.Staff;

namespace Trellis.Web.Features.TreatmentPlans;

/// <param name="OtherPlanId">The plan version it resembles; null when that chart is outside the signer's scope.</param>
/// <param name="Where">"the signing clinician's treatment plan for another participant of Nov 20, 2026": never that participant's name.</param>
public sealed record SimilarPlan(Guid? OtherPlanId, string Where, double Similarity)
{
    public string Percent => $"{Similarity:P0}";
}

/// <summary>
/// The cloned-text check for treatment plans (issue 13): the same scripted problems, goals and
/// interventions across participants is what auditors find most. When the clinician signs a version,
/// its problems, goals, objectives and interventions are compared (<see cref="TextSimilarity"/>, names
/// of both people and pronouns normalised) with the plans that clinician wrote or signed for other
/// participants in the last <see cref="LookBackDays"/> days. A match is a warning: 409 until the
/// clinician confirms the plan is this person's, and the confirmation is kept on the version.
///
/// Like the notes' check, it reads the clinician's own plans past the care-team scope, and a finding
/// never names the other participant (nor, outside the signer's scope, carries the plan's id).
/// </summary>
public static class ClonedPlanCheck
{
    public const int PlansCompared = 30;
    public const int LookBackDays = 180;

    /// <summary>What a plan says about this person: problems, goals and their targets, objectives, interventions.</summary>
    public static string Text(PlanContent content) => string.Join("\n", content.Problems.SelectMany(p =>
        new[] { p.Statement }.Concat(p.Goals.SelectMany(g =>
            new[] { g.OwnWords, g.Target }.Concat(g.Objectives.Select(o => o.Text)).Concat(g.Interventions.Select(i => i.Description)))))
        .Where(t => !string.IsNullOrWhiteSpace(t)));

    public static async Task<List<SimilarPlan>> FindAsync(TrellisDbContext db, TreatmentPlan plan, Guid clinicianId, CancellationToken ct = default)
    {
        var since = db.Now.AddDays(-LookBackDays);
        var others = await db.Set<TreatmentPlan>().IgnoreQueryFilters([TrellisDbContext.ScopeFilter]).AsNoTracking()
            .Where(p => p.ParticipantId != plan.ParticipantId && (p.WrittenByStaffId == clinicianId || p.ClinicianStaffId == clinicianId) && p.WrittenAt >= since)
            .OrderByDescending(p => p.WrittenAt).Take(PlansCompared)
            .Select(p => new { p.Id, p.ParticipantId, p.WrittenAt, p.Content }).ToListAsync(ct);
        if (others.Count == 0) return [];
        var ids = others.Select(o => o.ParticipantId).Append(plan.ParticipantId).Distinct().ToList();
        // Names are read past the scope only to be replaced by a placeholder before comparing.
        var names = (await db.Participants.IgnoreQueryFilters([TrellisDbContext.ScopeFilter]).AsNoTracking().Where(p => ids.Contains(p.Id))
                .Select(p => new { p.Id, p.LegalFirstName, p.LegalLastName, p.PreferredName }).ToListAsync(ct))
            .ToDictionary(p => p.Id, p => new[] { p.LegalFirstName, p.LegalLastName, p.PreferredName ?? "" });
        var otherIds = others.Select(o => o.Id).ToList();
        var visible = (await db.Set<TreatmentPlan>().AsNoTracking().Where(p => otherIds.Contains(p.Id)).Select(p => p.Id).ToListAsync(ct)).ToHashSet();
        var text = Text(plan.Content);
        return others
            .Select(o => (o, s: TextSimilarity.Similarity(text, Text(o.Content), names.GetValueOrDefault(plan.ParticipantId, []).Concat(names.GetValueOrDefault(o.ParticipantId, [])))))
            .Where(x => TextSimilarity.IsCloned(x.s))
            .GroupBy(x => x.o.ParticipantId).Select(g => g.MaxBy(x => x.s))
            .OrderByDescending(x => x.s)
            .Select(x => new SimilarPlan(visible.Contains(x.o.Id) ? x.o.Id : null,
                $"the signing clinician's treatment plan for another participant of {x.o.WrittenAt:MMM d, yyyy}", x.s))
            .ToList();
    }

    /// <summary>At the clinician's signature: a 409 naming what it resembles until acknowledged; once acknowledged, the finding is kept on the version.</summary>
    public static async Task<Refusal?> WarnAsync(TrellisDbContext db, TreatmentPlan plan, StaffMember clinician, bool acknowledged, CancellationToken ct = default)
    {
        var found = await FindAsync(db, plan, clinician.Id, ct);
        if (found.Count == 0) return null;
        var list = string.Join("; ", found.Select(f => $"{f.Percent} like {f.Where}"));
        if (!acknowledged)
            return Refusal.Conflict("Nearly the same as another plan",
                $"Before signing, check this plan: it is {list}. The same scripted text across participants is what auditors flag first. " +
                "Rewrite it with this person, or confirm it is theirs with acknowledgeSimilarText.",
                new Dictionary<string, object?> { ["similar"] = found, ["threshold"] = TextSimilarity.ClonedThreshold });
        plan.SimilarityWarning = $"Signed after a cloned-text warning: {list}.";
        return null;
    }
}
