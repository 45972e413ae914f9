using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;

namespace Trellis.Web.Features.Admissions;

/// <summary>One open stage's count: leads at it, how many waited longer than its target, how many nobody has taken.</summary>
public sealed record StageCount(AdmissionStage Stage, int Leads, int Late, int Unassigned);

/// <summary>
/// How many open leads (<see cref="LeadQueries.Open"/>) sit at each stage of the pipeline, within the
/// caller's programs: the one count the board's columns, the Admissions home card and the home census
/// show. It counts leads, not charts: a person in the pipeline may have no chart yet, and a chart's
/// pre-admission status follows its lead's stage only loosely (Screening covers assessment to
/// authorization), so "participants with status Screening" is a different number, labelled as such.
/// </summary>
public sealed record PipelineCounts(IReadOnlyList<StageCount> Stages, int SafetyConcerns)
{
    public int Open => Stages.Sum(s => s.Leads);
    public int Unassigned => Stages.Sum(s => s.Unassigned);
    public int At(AdmissionStage stage) => Stages.FirstOrDefault(s => s.Stage == stage)?.Leads ?? 0;

    /// <summary>"leads at the Screening stage": what the number counts, in the words every page uses.</summary>
    public static string Label(AdmissionStage stage) => $"leads at the {AdmissionStages.Label(stage)} stage";

    public static async Task<PipelineCounts> LoadAsync(TrellisDbContext db, Guid? programId = null, CancellationToken ct = default)
    {
        var q = LeadQueries.Open(db.Set<AdmissionCase>().AsNoTracking());
        if (programId is { } p) q = q.Where(c => c.ProgramId == p);
        // Counts only, no person: nothing to audit. The stage targets are durations, so lateness is counted here.
        var open = await q.Select(c => new { c.Stage, c.StageEnteredAt, c.OwnerStaffId, c.SafetyConcern }).ToListAsync(ct);
        var now = db.Now;
        var stages = AdmissionStages.Open.Select(stage =>
        {
            var at = open.Where(c => c.Stage == stage).ToList();
            return new StageCount(stage, at.Count, at.Count(c => AdmissionStages.IsOverdue(stage, now - c.StageEnteredAt)), at.Count(c => c.OwnerStaffId is null));
        }).ToList();
        return new PipelineCounts(stages, open.Count(c => c.SafetyConcern && c.Stage == AdmissionStage.Inquiry));
    }
}
