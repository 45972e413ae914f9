using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Organization;

namespace Trellis.Web.Features.TreatmentPlans.Actions;

[AcceptsRepresentation(typeof(Trellis.Web.Features.TreatmentPlans.TreatmentPlanRulesDto))]
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
    public static Task<Result<TreatmentPlanRules>> RunAsync(TrellisDbContext db, Guid programId, TreatmentPlanRulesInput input, ETags.Expected expected,
        CancellationToken ct = default) =>
        ProgramSettings.SaveAsync(db, programId, input, expected, "A program's treatment plan rules are set by its program directors and administrators.",
            () => new TreatmentPlanRules { ProgramId = programId }, (row, change) =>
            {
                row.FirstPlanWithinSessions = change.FirstPlanWithinSessions;
                row.ReviewIntervalDays = change.ReviewIntervalDays;
            }, ct);
}
