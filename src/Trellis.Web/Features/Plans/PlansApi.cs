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

    public static async Task<Results<Ok<SafetyPlanDto>, ProblemHttpResult>> GetSafety(Guid id, TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        if (await Charts.FindAsync(db, id, ct) is null) return Refusal.NotFound("participant").ToProblem();
        var plan = db.Me.IsInRole(Roles.Participant)
            ? await PlanVersions.LatestCompleteAsync<SafetyPlan>(db, id, ct) : await PlanVersions.LatestAsync<SafetyPlan>(db, id, ct);
        if (plan is null) return NoPlan("safety plan");
        await db.AuditReadAsync(nameof(SafetyPlan), plan.Id, id, ct);
        http.Response.Headers.ETag = ETags.Format(plan.Number);
        return TypedResults.Ok(SafetyPlanDto.From(plan));
    }

    public static async Task<Results<Ok<SafetyPlanDto>, ProblemHttpResult>> PutSafety(
        Guid id, SafetyPlanInput input, TrellisDbContext db, HttpContext http, CancellationToken ct) =>
        ActionAnswers.Ok(await SaveSafetyPlan.RunAsync(db, id, input, ETags.From(http), ct), SafetyPlanDto.From, http, p => p.Number);

    public static async Task<Results<Ok<List<PlanVersionDto>>, ProblemHttpResult>> SafetyVersions(Guid id, TrellisDbContext db, CancellationToken ct)
    {
        if (await Charts.FindAsync(db, id, ct) is null) return Refusal.NotFound("participant").ToProblem();
        var all = await PlanVersions.AllAsync<SafetyPlan>(db, id, ct);
        await db.AuditReadAsync(nameof(SafetyPlan), all.Select(p => ((object)p.Id, (Guid?)id)), "safety plan versions", ct);
        return TypedResults.Ok(all.Select(Summary).ToList());
    }

    public static async Task<Results<Ok<SafetyPlanDto>, ProblemHttpResult>> SafetyVersion(Guid id, int number, TrellisDbContext db, CancellationToken ct)
    {
        if (await Charts.FindAsync(db, id, ct) is null) return Refusal.NotFound("participant").ToProblem();
        if (await PlanVersions.VersionAsync<SafetyPlan>(db, id, number, ct) is not { } plan) return Refusal.NotFound("safety plan version").ToProblem();
        await db.AuditReadAsync(nameof(SafetyPlan), plan.Id, id, ct);
        return TypedResults.Ok(SafetyPlanDto.From(plan));
    }

    public static async Task<Results<Ok<RelapsePlanDto>, ProblemHttpResult>> GetRelapse(Guid id, TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        if (await Charts.FindAsync(db, id, ct) is null) return Refusal.NotFound("participant").ToProblem();
        var plan = db.Me.IsInRole(Roles.Participant)
            ? await PlanVersions.LatestCompleteAsync<RelapsePreventionPlan>(db, id, ct) : await PlanVersions.LatestAsync<RelapsePreventionPlan>(db, id, ct);
        if (plan is null) return NoPlan("relapse prevention plan");
        await db.AuditReadAsync(nameof(RelapsePreventionPlan), plan.Id, id, ct);
        http.Response.Headers.ETag = ETags.Format(plan.Number);
        return TypedResults.Ok(RelapsePlanDto.From(plan));
    }

    public static async Task<Results<Ok<RelapsePlanDto>, ProblemHttpResult>> PutRelapse(
        Guid id, RelapsePlanInput input, TrellisDbContext db, HttpContext http, CancellationToken ct) =>
        ActionAnswers.Ok(await SaveRelapsePlan.RunAsync(db, id, input, ETags.From(http), ct), RelapsePlanDto.From, http, p => p.Number);

    public static async Task<Results<Ok<List<PlanVersionDto>>, ProblemHttpResult>> RelapseVersions(Guid id, TrellisDbContext db, CancellationToken ct)
    {
        if (await Charts.FindAsync(db, id, ct) is null) return Refusal.NotFound("participant").ToProblem();
        var all = await PlanVersions.AllAsync<RelapsePreventionPlan>(db, id, ct);
        await db.AuditReadAsync(nameof(RelapsePreventionPlan), all.Select(p => ((object)p.Id, (Guid?)id)), "relapse prevention plan versions", ct);
        return TypedResults.Ok(all.Select(Summary).ToList());
    }

    public static async Task<Results<Ok<RelapsePlanDto>, ProblemHttpResult>> RelapseVersion(Guid id, int number, TrellisDbContext db, CancellationToken ct)
    {
        if (await Charts.FindAsync(db, id, ct) is null) return Refusal.NotFound("participant").ToProblem();
        if (await PlanVersions.VersionAsync<RelapsePreventionPlan>(db, id, number, ct) is not { } plan) return Refusal.NotFound("relapse prevention plan version").ToProblem();
        await db.AuditReadAsync(nameof(RelapsePreventionPlan), plan.Id, id, ct);
        return TypedResults.Ok(RelapsePlanDto.From(plan));
    }

    private static ProblemHttpResult NoPlan(string what) =>
        TypedResults.Problem(title: "No plan yet", detail: $"There is no {what} for this participant yet.", statusCode: 404);

    private static PlanVersionDto Summary(VersionedPlan p) => new(p.Number, p.IsComplete, p.WrittenWithParticipant, p.ChangeSummary, p.WrittenByName, p.WrittenAt);
}
