using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Clinical;
using Trellis.Web.Features.TreatmentPlans.Actions;
using Trellis.Web.Infrastructure;

namespace Trellis.Web.Features.TreatmentPlans;

public static class TreatmentPlansApi
{
    public static RouteGroupBuilder MapTreatmentPlansApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/participants/{id:guid}/treatment-plan").WithTags("Treatment plans");
        g.MapGet("/", Get).RequireAuthorization(Permissions.ReadOwnPlans)
            .WithSummary("The latest version of the participant's treatment plan, its signatures and deadlines. ETag: the version number.");
        g.MapPut("/", Put).RequireAuthorization(Permissions.WriteTreatmentPlans)
            .WithSummary("Write the next version of the plan (no version is ever edited). If-Match: the latest version's ETag; not needed for the first plan.");
        g.MapGet("/versions", Versions).RequireAuthorization(Permissions.ReadClinical)
            .WithSummary("Every version of the plan, newest first, with who wrote it, what changed and which signatures it lacks.");
        g.MapGet("/versions/{number:int}", Version).RequireAuthorization(Permissions.ReadClinical)
            .WithSummary("One version of the plan exactly as it was written and signed.");
        g.MapPost("/signatures", Sign).RequireAuthorization(Permissions.SignTreatmentPlans)
            .WithSummary("Sign the latest version as clinician, supervisor or participant (a participant signs their own plan by typing their name; staff may record a refusal).");
        g.MapGet("/reviews", Reviews).RequireAuthorization(Permissions.ReadClinical)
            .WithSummary("Reviews of the plan, newest first: progress per goal and the notes that addressed each goal.");
        g.MapPost("/reviews", AddReview).RequireAuthorization(Permissions.WriteTreatmentPlans)
            .WithSummary("Record a review of the plan in effect, with progress on every goal; signed by the reviewer.");
        api.MapGet("/treatment-plans/due", Due).WithTags("Treatment plans")
            .RequireAuthorization(Permissions.ReadClinical)
            .WithSummary("First plans and reviews due or overdue, for participants in care in your programs.");
        api.MapTreatmentPlanRulesApi();
        return api;
    }

    public static async Task<Results<Ok<TreatmentPlanDto>, ProblemHttpResult>> Get(Guid id, TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        if (await Charts.FindAsync(db, id, ct) is not { } participant) return Refusal.NotFound("participant").ToProblem();
        var overview = await TreatmentPlanQueries.OverviewAsync(db, participant, Charts.Today(db, participant), ct);
        // A participant sees a version once their clinician has signed it; drafts stay with the team.
        var shown = db.Me.IsInRole(Roles.Participant)
            ? overview.Latest is { ClinicianSigned: true } signedLatest ? signedLatest : overview.InEffect
            : overview.Latest;
        if (shown is null)
            return TypedResults.Problem(title: "No plan yet", detail: "This participant has no treatment plan yet. Write the first with PUT.", statusCode: 404);
        await db.AuditReadAsync(nameof(TreatmentPlan), shown.Id, participant.Id, ct);
        http.Response.Headers.ETag = ETags.Format(overview.Latest!.Number);
        return TypedResults.Ok(TreatmentPlanDto.From(shown, overview.Latest.Number, overview.InEffect?.Number, TreatmentPlanDto.ScheduleOf(overview)));
    }

    public static async Task<Results<Ok<TreatmentPlanDto>, ProblemHttpResult>> Put(
        Guid id, TreatmentPlanInput input, TrellisDbContext db, HttpContext http, CancellationToken ct) =>
        await AnswerAsync(await WritePlanVersion.RunAsync(db, id, input, ETags.From(http), ct), db, http, ct);

    public static async Task<Results<Ok<List<PlanVersionSummary>>, ProblemHttpResult>> Versions(Guid id, TrellisDbContext db, CancellationToken ct)
    {
        if (await Charts.FindAsync(db, id, ct) is not { } participant) return Refusal.NotFound("participant").ToProblem();
        var versions = await TreatmentPlanQueries.VersionsAsync(db, id, ct);
        await db.AuditReadAsync(nameof(TreatmentPlan), versions.Select(v => ((object)v.Id, (Guid?)participant.Id)), "plan versions", ct);
        var latest = versions.FirstOrDefault()?.Number ?? 0;
        var inEffect = versions.FirstOrDefault(v => v.IsComplete)?.Number;
        return TypedResults.Ok(versions.Select(v => new PlanVersionSummary(v.Number, PlanSigning.StatusText(v, latest, inEffect), v.ChangeSummary,
            v.WrittenByName, v.WrittenAt, PlanSigning.Missing(v))).ToList());
    }

    public static async Task<Results<Ok<TreatmentPlanDto>, ProblemHttpResult>> Version(Guid id, int number, TrellisDbContext db, CancellationToken ct)
    {
        if (await Charts.FindAsync(db, id, ct) is not { } participant) return Refusal.NotFound("participant").ToProblem();
        if (await TreatmentPlanQueries.VersionAsync(db, id, number, ct) is not { } plan) return Refusal.NotFound("plan version").ToProblem();
        var versions = await TreatmentPlanQueries.VersionsAsync(db, id, ct);
        await db.AuditReadAsync(nameof(TreatmentPlan), plan.Id, participant.Id, ct);
        return TypedResults.Ok(TreatmentPlanDto.From(plan, versions[0].Number, versions.FirstOrDefault(v => v.IsComplete)?.Number, null));
    }

    public static async Task<Results<Ok<TreatmentPlanDto>, ProblemHttpResult>> Sign(
        Guid id, PlanSignatureInput input, TrellisDbContext db, HttpContext http, CancellationToken ct) =>
        await AnswerAsync(await SignPlan.RunAsync(db, id, input, ct), db, http, ct);

    public static async Task<Results<Ok<List<PlanReviewDto>>, ProblemHttpResult>> Reviews(Guid id, TrellisDbContext db, CancellationToken ct)
    {
        if (await Charts.FindAsync(db, id, ct) is null) return Refusal.NotFound("participant").ToProblem();
        var reviews = await TreatmentPlanQueries.ReviewsAsync(db, id, ct);
        await db.AuditReadAsync(nameof(PlanReview), reviews.Select(r => ((object)r.Id, (Guid?)id)), "plan reviews", ct);
        return TypedResults.Ok(reviews.Select(PlanReviewDto.From).ToList());
    }

    public static async Task<Results<Created<PlanReviewDto>, ProblemHttpResult>> AddReview(
        Guid id, PlanReviewInput input, TrellisDbContext db, CancellationToken ct) =>
        ActionAnswers.Created(await ReviewPlan.RunAsync(db, id, input, ct), _ => $"/api/participants/{id}/treatment-plan/reviews", PlanReviewDto.From);

    public static async Task<Ok<List<PlanDueDto>>> Due(TrellisDbContext db, CancellationToken ct)
    {
        var rows = await TreatmentPlanQueries.DueAsync(db, await ProgramClock.ClinicTodayAsync(db, ct), ct);
        var list = rows.Where(r => r.FirstPlan?.State is DueState.DueSoon or DueState.Overdue || r.Review?.State is DueState.DueSoon or DueState.Overdue)
            .Select(r => new PlanDueDto(r.ParticipantId, r.Name, r.Program,
                r.FirstPlan is { State: not DueState.Done } f ? EnumText.ToApi(f.State) : null, r.FirstPlan is { State: not DueState.Done } f2 ? f2.Text : null,
                r.Review is null ? null : EnumText.ToApi(r.Review.State), r.Review?.DueOn, r.Review?.Text))
            .OrderBy(r => r.Name).ToList();
        return TypedResults.Ok(list);
    }

    /// <summary>A version written or signed, as the API answers it: the version with the plan's deadlines, ETag the latest number.</summary>
    private static async Task<Results<Ok<TreatmentPlanDto>, ProblemHttpResult>> AnswerAsync(Result<TreatmentPlan> result, TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        if (result.Refusal is { } refused) return refused.ToProblem();
        var plan = result.Value!;
        var participant = (await Charts.FindAsync(db, plan.ParticipantId, ct))!;
        var overview = await TreatmentPlanQueries.OverviewAsync(db, participant, Charts.Today(db, participant), ct);
        var latest = overview.Latest?.Number ?? plan.Number;
        ETags.Set(http, latest);
        return TypedResults.Ok(TreatmentPlanDto.From(plan, latest, overview.InEffect?.Number, TreatmentPlanDto.ScheduleOf(overview)));
    }
}
