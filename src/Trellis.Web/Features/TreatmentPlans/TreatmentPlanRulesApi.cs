using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.TreatmentPlans.Actions;
using Trellis.Web.Infrastructure;

namespace Trellis.Web.Features.TreatmentPlans;

/// <param name="IsDefault">True while the program has no rules of its own and uses the defaults.</param>
public sealed record TreatmentPlanRulesDto(Guid ProgramId, string ProgramName, int FirstPlanWithinSessions, int ReviewIntervalDays, bool IsDefault);

/// <summary>
/// A program's treatment plan deadlines over the API, with the rules of /admin/treatment-plan-rules:
/// program directors and administrators, a director's own programs only (others answer 404). A
/// program without a row has ETag "0"; the first PUT needs no If-Match, later ones do.
/// </summary>
public static class TreatmentPlanRulesApi
{
    public static RouteGroupBuilder MapTreatmentPlanRulesApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/programs/{id:guid}/treatment-plan-rules").WithTags("Treatment plans")
            .RequireAuthorization(Permissions.ManagePrograms);
        g.MapGet("/", Get).WithSummary("The program's treatment plan deadlines (the defaults when it has none of its own). ETag: its version, \"0\" for the defaults.");
        g.MapPut("/", Put).WithSummary("Set the program's deadlines: firstPlanWithinSessions 1–20, reviewIntervalDays 7–180. If-Match required once the program has rules of its own; 412 when stale.");
        return api;
    }

    public static async Task<Results<Ok<TreatmentPlanRulesDto>, ProblemHttpResult>> Get(Guid id, TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        if (await ProgramAsync(db, id, ct) is not { } name) return Refusal.NotFound("program").ToProblem();
        var rules = await TreatmentPlanRules.ForProgramAsync(db, id, ct);
        ETags.Set(http, rules.Version);
        return TypedResults.Ok(ToDto(rules, name));
    }

    public static async Task<Results<Ok<TreatmentPlanRulesDto>, ProblemHttpResult>> Put(
        Guid id, TreatmentPlanRulesInput input, TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        var (rules, refused) = await SetPlanRules.RunAsync(db, id, input, ETags.From(http), ct);
        if (refused is not null) return refused.ToProblem();
        ETags.Set(http, rules!.Version);
        return TypedResults.Ok(ToDto(rules, (await ProgramAsync(db, id, ct))!));
    }

    /// <summary>The program's name when it exists and is one the caller manages.</summary>
    private static async Task<string?> ProgramAsync(TrellisDbContext db, Guid id, CancellationToken ct) =>
        db.Scope.Covers(id) ? await db.Programs.AsNoTracking().Where(p => p.Id == id).Select(p => p.Name).FirstOrDefaultAsync(ct) : null;

    private static TreatmentPlanRulesDto ToDto(TreatmentPlanRules r, string name) =>
        new(r.ProgramId, name, r.FirstPlanWithinSessions, r.ReviewIntervalDays, r.Version == 0);
}
