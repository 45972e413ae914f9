using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;

namespace Trellis.Web.Features.TreatmentPlans.Actions;

public sealed class TreatmentPlanRulesInput
{
    [Range(1, 20, ErrorMessage = "Between 1 and 20 sessions.")]
    [Display(Name = "First plan due within (sessions)")]
    public int FirstPlanWithinSessions { get; set; } = TreatmentPlanRules.DefaultFirstPlanWithinSessions;

    [Range(7, 180, ErrorMessage = "Between 7 and 180 days.")]
    [Display(Name = "Review every (days)")]
    public int ReviewIntervalDays { get; set; } = TreatmentPlanRules.DefaultReviewIntervalDays;
}

/// <summary>
/// Set a program's treatment plan deadlines: program directors of the program and administrators (another
/// program answers 404 like a missing one). A program still on the defaults may be given rules without a
/// version; once it has its own, a change names the version it is based on. Called by
/// /admin/treatment-plan-rules and PUT /api/programs/{id}/treatment-plan-rules.
/// </summary>
public static class SetPlanRules
{
    public static async Task<Result<TreatmentPlanRules>> RunAsync(TrellisDbContext db, Guid programId, TreatmentPlanRulesInput input, ETags.Expected expected,
        CancellationToken ct = default)
    {
        if (!db.Me.May(Permissions.ManagePrograms)) return Refusal.Forbidden("A program's treatment plan rules are set by its program directors and administrators.");
        if (!db.Scope.Covers(programId) || !await db.Programs.AnyAsync(p => p.Id == programId, ct)) return Refusal.NotFound("program");
        var row = await db.Set<TreatmentPlanRules>().FirstOrDefaultAsync(r => r.ProgramId == programId, ct);
        var current = row?.Version ?? 0;
        if ((row is not null || expected.Version is not null || expected.Malformed) && expected.Check(current) is { } stale) return stale;
        if (Validation.Check(input) is { } invalid) return invalid;
        if (row is null) db.Set<TreatmentPlanRules>().Add(row = new TreatmentPlanRules { ProgramId = programId });
        row.FirstPlanWithinSessions = input.FirstPlanWithinSessions;
        row.ReviewIntervalDays = input.ReviewIntervalDays;
        // A concurrent first save loses on the unique program index; a concurrent change on the version.
        try
        {
            if (await Concurrency.SaveIfUnchangedAsync(db, row, current, ct: ct)) return row;
        }
        catch (DbUpdateException) { }
        db.ChangeTracker.Clear();
        return Refusal.Stale((await TreatmentPlanRules.ForProgramAsync(db, programId, ct)).Version);
    }
}
