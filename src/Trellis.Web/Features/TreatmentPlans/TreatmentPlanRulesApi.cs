using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Clinical;
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
        if (await ProgramAsync(db, id, ct) is not { } name) return Problems.NotFound("program");
        var rules = await TreatmentPlanRules.ForProgramAsync(db, id, ct);
        ETags.Set(http, rules.Version);
        return TypedResults.Ok(ToDto(rules, name));
    }

    public static async Task<Results<Ok<TreatmentPlanRulesDto>, ProblemHttpResult, ValidationProblem>> Put(
        Guid id, TreatmentPlanRulesInput input, TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        if (await ProgramAsync(db, id, ct) is not { } name) return Problems.NotFound("program");
        var current = await TreatmentPlanRules.ForProgramAsync(db, id, ct);
        var hasIfMatch = !string.IsNullOrWhiteSpace(http.Request.Headers.IfMatch);
        // The defaults may be replaced without If-Match; once a row exists, a change must name the version it is based on.
        if (current.Version > 0 || hasIfMatch)
        {
            if (ETags.RequireIfMatch(http, out var seen) is { } problem) return problem;
            if (seen != current.Version) return Problems.Stale(current.Version);
        }
        if (TreatmentPlanRules.Check(input) is { Count: > 0 } errors) return Problems.Invalid(Validation.ToDictionary(errors));
        var row = await TreatmentPlanRules.ApplyAsync(db, id, input, ct);
        // A concurrent first save loses on the unique program index; a concurrent change on the version.
        try
        {
            if (!await Concurrency.SaveIfUnchangedAsync(db, row, current.Version, ct: ct)) return await StaleAsync(db, id, ct);
        }
        catch (DbUpdateException) { return await StaleAsync(db, id, ct); }
        ETags.Set(http, row.Version);
        return TypedResults.Ok(ToDto(row, name));
    }

    private static async Task<ProblemHttpResult> StaleAsync(TrellisDbContext db, Guid id, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        return Problems.Stale((await TreatmentPlanRules.ForProgramAsync(db, id, ct)).Version);
    }

    /// <summary>The program's name when it exists and is one the caller manages.</summary>
    private static async Task<string?> ProgramAsync(TrellisDbContext db, Guid id, CancellationToken ct) =>
        db.Scope.Covers(id) ? await db.Programs.AsNoTracking().Where(p => p.Id == id).Select(p => p.Name).FirstOrDefaultAsync(ct) : null;

    private static TreatmentPlanRulesDto ToDto(TreatmentPlanRules r, string name) =>
        new(r.ProgramId, name, r.FirstPlanWithinSessions, r.ReviewIntervalDays, r.Version == 0);
}
