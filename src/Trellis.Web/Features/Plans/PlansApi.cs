using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Clinical;
using Trellis.Web.Features.Plans.Actions;
using Trellis.Web.Infrastructure;

namespace Trellis.Web.Features.Plans;

public sealed record PlanVersionDto(int Number, bool IsComplete, bool WrittenWithParticipant, string? ChangeSummary, string WrittenBy, DateTimeOffset WrittenAt);

public sealed record SafetyPlanDto(Guid Id, Guid ParticipantId, int Number, bool IsComplete, bool WrittenWithParticipant, string? ChangeSummary,
    string WrittenBy, DateTimeOffset WrittenAt, SafetyPlanContent Content, PlanContact CrisisLine)
{
    public static SafetyPlanDto From(SafetyPlan p) => new(p.Id, p.ParticipantId, p.Number, p.IsComplete, p.WrittenWithParticipant, p.ChangeSummary,
        p.WrittenByName, p.WrittenAt, p.Content, CrisisLines.Lifeline988);
}

public sealed record RelapsePlanDto(Guid Id, Guid ParticipantId, int Number, bool IsComplete, bool WrittenWithParticipant, string? ChangeSummary,
    string WrittenBy, DateTimeOffset WrittenAt, RelapsePlanContent Content)
{
    public static RelapsePlanDto From(RelapsePreventionPlan p) => new(p.Id, p.ParticipantId, p.Number, p.IsComplete, p.WrittenWithParticipant,
        p.ChangeSummary, p.WrittenByName, p.WrittenAt, p.Content);
}

public static class PlansApi
{
    public static RouteGroupBuilder MapPlansApi(this RouteGroupBuilder api)
    {
        var safety = api.MapGroup("/participants/{id:guid}/safety-plan").WithTags("Safety and relapse prevention plans");
        safety.MapGet("/", GetSafety).RequireAuthorization(Permissions.ReadOwnPlans)
            .WithSummary("The latest safety plan (a participant sees their latest complete one). 988 is always on it. ETag: the version number.");
        safety.MapPut("/", PutSafety).RequireAuthorization(Permissions.WriteSafetyPlans)
            .WithSummary("Save the next version (complete=true once every section is filled in with the participant; that closes any 'complete safety plan' task).");
        safety.MapGet("/versions", SafetyVersions).RequireAuthorization(Permissions.ReadClinical)
            .WithSummary("Every version of the safety plan, newest first.");
        safety.MapGet("/versions/{number:int}", SafetyVersion).RequireAuthorization(Permissions.ReadClinical)
            .WithSummary("One version of the safety plan as it was saved.");

        var relapse = api.MapGroup("/participants/{id:guid}/relapse-prevention-plan").WithTags("Safety and relapse prevention plans");
        relapse.MapGet("/", GetRelapse).RequireAuthorization(Permissions.ReadOwnPlans)
            .WithSummary("The latest relapse prevention plan (a participant sees their latest complete one). ETag: the version number.");
        relapse.MapPut("/", PutRelapse).RequireAuthorization(Permissions.WriteRelapsePlans)
            .WithSummary("Save the next version of the relapse prevention plan: triggers each with a coping strategy, warning signs early/middle/late, contacts, what to do after a lapse.");
        relapse.MapGet("/versions", RelapseVersions).RequireAuthorization(Permissions.ReadClinical)
            .WithSummary("Every version of the relapse prevention plan, newest first.");
        relapse.MapGet("/versions/{number:int}", RelapseVersion).RequireAuthorization(Permissions.ReadClinical)
            .WithSummary("One version of the relapse prevention plan as it was saved.");
        return api;
    }

    public static Task<Results<Ok<SafetyPlanDto>, ProblemHttpResult>> GetSafety(Guid id, TrellisDbContext db, HttpContext http, CancellationToken ct) =>
        Current<SafetyPlan, SafetyPlanDto>(id, db, http, SafetyPlanDto.From, "safety plan", ct);

    public static async Task<Results<Ok<SafetyPlanDto>, ProblemHttpResult>> PutSafety(
        Guid id, SafetyPlanInput input, TrellisDbContext db, HttpContext http, CancellationToken ct) =>
        ActionAnswers.Ok(await SaveSafetyPlan.RunAsync(db, id, input, ETags.From(http), ct), SafetyPlanDto.From, http, p => p.Number);

    public static Task<Results<Ok<List<PlanVersionDto>>, ProblemHttpResult>> SafetyVersions(Guid id, TrellisDbContext db, CancellationToken ct) =>
        Versions<SafetyPlan>(id, db, "safety plan", ct);

    public static Task<Results<Ok<SafetyPlanDto>, ProblemHttpResult>> SafetyVersion(Guid id, int number, TrellisDbContext db, CancellationToken ct) =>
        OneVersion<SafetyPlan, SafetyPlanDto>(id, number, db, SafetyPlanDto.From, "safety plan", ct);

    public static Task<Results<Ok<RelapsePlanDto>, ProblemHttpResult>> GetRelapse(Guid id, TrellisDbContext db, HttpContext http, CancellationToken ct) =>
        Current<RelapsePreventionPlan, RelapsePlanDto>(id, db, http, RelapsePlanDto.From, "relapse prevention plan", ct);

    public static async Task<Results<Ok<RelapsePlanDto>, ProblemHttpResult>> PutRelapse(
        Guid id, RelapsePlanInput input, TrellisDbContext db, HttpContext http, CancellationToken ct) =>
        ActionAnswers.Ok(await SaveRelapsePlan.RunAsync(db, id, input, ETags.From(http), ct), RelapsePlanDto.From, http, p => p.Number);

    public static Task<Results<Ok<List<PlanVersionDto>>, ProblemHttpResult>> RelapseVersions(Guid id, TrellisDbContext db, CancellationToken ct) =>
        Versions<RelapsePreventionPlan>(id, db, "relapse prevention plan", ct);

    public static Task<Results<Ok<RelapsePlanDto>, ProblemHttpResult>> RelapseVersion(Guid id, int number, TrellisDbContext db, CancellationToken ct) =>
        OneVersion<RelapsePreventionPlan, RelapsePlanDto>(id, number, db, RelapsePlanDto.From, "relapse prevention plan", ct);

    /// <summary>Staff read the latest version, a participant the latest complete one: what they should be carrying.</summary>
    private static async Task<Results<Ok<TDto>, ProblemHttpResult>> Current<TPlan, TDto>(Guid id, TrellisDbContext db, HttpContext http,
        Func<TPlan, TDto> dto, string what, CancellationToken ct) where TPlan : VersionedPlan
    {
        if (await Charts.FindAsync(db, id, ct) is null) return Refusal.NotFound("participant").ToProblem();
        var plan = db.Me.IsInRole(Roles.Participant) ? await PlanVersions.LatestCompleteAsync<TPlan>(db, id, ct) : await PlanVersions.LatestAsync<TPlan>(db, id, ct);
        if (plan is null) return NoPlan(what);
        await db.AuditReadAsync(typeof(TPlan).Name, plan.Id, id, ct);
        http.Response.Headers.ETag = ETags.Format(plan.Number);
        return TypedResults.Ok(dto(plan));
    }

    private static async Task<Results<Ok<List<PlanVersionDto>>, ProblemHttpResult>> Versions<TPlan>(Guid id, TrellisDbContext db, string what, CancellationToken ct)
        where TPlan : VersionedPlan
    {
        if (await Charts.FindAsync(db, id, ct) is null) return Refusal.NotFound("participant").ToProblem();
        var all = await PlanVersions.AllAsync<TPlan>(db, id, ct);
        await db.AuditReadAsync(typeof(TPlan).Name, all.Select(p => ((object)p.Id, (Guid?)id)), what + " versions", ct);
        return TypedResults.Ok(all.Select(Summary).ToList());
    }

    private static async Task<Results<Ok<TDto>, ProblemHttpResult>> OneVersion<TPlan, TDto>(Guid id, int number, TrellisDbContext db,
        Func<TPlan, TDto> dto, string what, CancellationToken ct) where TPlan : VersionedPlan
    {
        if (await Charts.FindAsync(db, id, ct) is null) return Refusal.NotFound("participant").ToProblem();
        if (await PlanVersions.VersionAsync<TPlan>(db, id, number, ct) is not { } plan) return Refusal.NotFound(what + " version").ToProblem();
        await db.AuditReadAsync(typeof(TPlan).Name, plan.Id, id, ct);
        return TypedResults.Ok(dto(plan));
    }

    private static ProblemHttpResult NoPlan(string what) =>
        TypedResults.Problem(title: "No plan yet", detail: $"There is no {what} for this participant yet.", statusCode: 404);

    private static PlanVersionDto Summary(VersionedPlan p) => new(p.Number, p.IsComplete, p.WrittenWithParticipant, p.ChangeSummary, p.WrittenByName, p.WrittenAt);
}
