using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Clinical;
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
        if (await Charts.FindAsync(db, id, ct) is not { } participant) return Problems.NotFound("participant");
        var overview = await TreatmentPlanQueries.OverviewAsync(db, participant, Charts.Today(db, participant), ct);
        // A participant sees a version once their clinician has signed it; drafts stay with the team.
        var shown = http.User.IsInRole(Roles.Participant)
            ? overview.Latest is { ClinicianSigned: true } signedLatest ? signedLatest : overview.InEffect
            : overview.Latest;
        if (shown is null)
            return TypedResults.Problem(title: "No plan yet", detail: "This participant has no treatment plan yet. Write the first with PUT.", statusCode: 404);
        await db.AuditReadAsync(nameof(TreatmentPlan), shown.Id, participant.Id, ct);
        http.Response.Headers.ETag = ETags.Format(overview.Latest!.Number);
        return TypedResults.Ok(TreatmentPlanDto.From(shown, overview.Latest.Number, overview.InEffect?.Number, TreatmentPlanDto.ScheduleOf(overview)));
    }

    public static async Task<Results<Ok<TreatmentPlanDto>, ProblemHttpResult, ValidationProblem>> Put(
        Guid id, TreatmentPlanInput input, TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        if (await Charts.FindAsync(db, id, ct) is not { } participant) return Problems.NotFound("participant");
        if (await ClinicalStaff.CurrentAsync(db, ct) is not { } author) return Problems.Forbidden("Only staff write treatment plans.");
        if (participant.Status == Participants.ParticipantStatus.Discharged)
            return Problems.Conflict($"{participant.DisplayName} was discharged on {participant.DischargedOn:MMM d, yyyy}; the treatment plan is closed.");
        var latest = await TreatmentPlanQueries.LatestAsync(db, id, ct);
        if (latest is not null)
        {
            if (ETags.RequireIfMatch(http, out var seen) is { } problem) return problem;
            if (seen != latest.Number) return Problems.Stale(latest.Number);
        }
        if (input.Content is not null) SaveTreatmentPlan.Normalize(input.Content);
        var errors = await SaveTreatmentPlan.CheckAsync(db, participant, input, latest is null, ct: ct);
        if (errors.Count > 0) return Problems.Invalid(Validation.ToDictionary(errors));
        var plan = await SaveTreatmentPlan.AddVersionAsync(db, participant, input, author, ct);
        // Two people saving at once compute the same next number; the unique index refuses the second.
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException) { return Problems.Stale(latest?.Number ?? 0); }
        var overview = await TreatmentPlanQueries.OverviewAsync(db, participant, Charts.Today(db, participant), ct);
        http.Response.Headers.ETag = ETags.Format(plan.Number);
        return TypedResults.Ok(TreatmentPlanDto.From(plan, plan.Number, overview.InEffect?.Number, TreatmentPlanDto.ScheduleOf(overview)));
    }

    public static async Task<Results<Ok<List<PlanVersionSummary>>, ProblemHttpResult>> Versions(Guid id, TrellisDbContext db, CancellationToken ct)
    {
        if (await Charts.FindAsync(db, id, ct) is not { } participant) return Problems.NotFound("participant");
        var versions = await TreatmentPlanQueries.VersionsAsync(db, id, ct);
        await db.AuditReadAsync(nameof(TreatmentPlan), versions.Select(v => ((object)v.Id, (Guid?)participant.Id)), "plan versions", ct);
        var latest = versions.FirstOrDefault()?.Number ?? 0;
        var inEffect = versions.FirstOrDefault(v => v.IsComplete)?.Number;
        return TypedResults.Ok(versions.Select(v => new PlanVersionSummary(v.Number, PlanSigning.StatusText(v, latest, inEffect), v.ChangeSummary,
            v.WrittenByName, v.WrittenAt, PlanSigning.Missing(v))).ToList());
    }

    public static async Task<Results<Ok<TreatmentPlanDto>, ProblemHttpResult>> Version(Guid id, int number, TrellisDbContext db, CancellationToken ct)
    {
        if (await Charts.FindAsync(db, id, ct) is not { } participant) return Problems.NotFound("participant");
        if (await TreatmentPlanQueries.VersionAsync(db, id, number, ct) is not { } plan) return Problems.NotFound("plan version");
        var versions = await TreatmentPlanQueries.VersionsAsync(db, id, ct);
        await db.AuditReadAsync(nameof(TreatmentPlan), plan.Id, participant.Id, ct);
        return TypedResults.Ok(TreatmentPlanDto.From(plan, versions[0].Number, versions.FirstOrDefault(v => v.IsComplete)?.Number, null));
    }

    public static async Task<Results<Ok<TreatmentPlanDto>, ProblemHttpResult, ValidationProblem>> Sign(
        Guid id, PlanSignatureInput input, TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        if (await Charts.FindAsync(db, id, ct) is not { } participant) return Problems.NotFound("participant");
        if (Validation.Validate(input) is { Count: > 0 } invalid) return Problems.Invalid(Validation.ToDictionary(invalid));
        var isParticipant = http.User.IsInRole(Roles.Participant);
        if (isParticipant && input.As != PlanSigner.Participant) return Problems.Forbidden("You can sign your own plan as the participant.");
        var signer = isParticipant ? null : await ClinicalStaff.CurrentAsync(db, ct);
        if (!isParticipant && signer is null) return Problems.Forbidden("Only staff and the participant sign treatment plans.");
        var plan = await db.Set<TreatmentPlan>().FirstOrDefaultAsync(p => p.ParticipantId == id && p.Number == input.Number, ct);
        if (plan is null) return Problems.NotFound("plan version");
        var latest = (await TreatmentPlanQueries.LatestAsync(db, id, ct))!;
        var refusal = await PlanSigning.SignAsync(db, participant, plan, latest, input, signer, http.User.IsInRole(Roles.ProgramDirector), ct);
        if (refusal is not null) return refusal.ToProblem();
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { return Problems.Conflict("Someone signed this version at the same moment; load it again."); }
        var overview = await TreatmentPlanQueries.OverviewAsync(db, participant, Charts.Today(db, participant), ct);
        http.Response.Headers.ETag = ETags.Format(latest.Number);
        return TypedResults.Ok(TreatmentPlanDto.From(plan, latest.Number, overview.InEffect?.Number, TreatmentPlanDto.ScheduleOf(overview)));
    }

    public static async Task<Results<Ok<List<PlanReviewDto>>, ProblemHttpResult>> Reviews(Guid id, TrellisDbContext db, CancellationToken ct)
    {
        if (await Charts.FindAsync(db, id, ct) is null) return Problems.NotFound("participant");
        var reviews = await TreatmentPlanQueries.ReviewsAsync(db, id, ct);
        await db.AuditReadAsync(nameof(PlanReview), reviews.Select(r => ((object)r.Id, (Guid?)id)), "plan reviews", ct);
        return TypedResults.Ok(reviews.Select(PlanReviewDto.From).ToList());
    }

    public static async Task<Results<Created<PlanReviewDto>, ProblemHttpResult, ValidationProblem>> AddReview(
        Guid id, PlanReviewInput input, TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        if (await Charts.FindAsync(db, id, ct) is not { } participant) return Problems.NotFound("participant");
        if (await ClinicalStaff.CurrentAsync(db, ct) is not { } reviewer) return Problems.Forbidden("Only staff review plans.");
        if (participant.Status == Participants.ParticipantStatus.Discharged)
            return Problems.Conflict($"{participant.DisplayName} was discharged; the plan is closed and summarised in the discharge.");
        var (review, refusal, errors) = await SavePlanReview.AddAsync(db, participant, input, reviewer, Charts.Today(db, participant), ct);
        if (refusal is not null) return refusal.ToProblem();
        if (errors.Count > 0) return Problems.Invalid(Validation.ToDictionary(errors));
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/participants/{id}/treatment-plan/reviews", PlanReviewDto.From(review!));
    }

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
}
