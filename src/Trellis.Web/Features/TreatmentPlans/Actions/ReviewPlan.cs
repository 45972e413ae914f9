using System.ComponentModel.DataAnnotations;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Clinical;
using Trellis.Web.Features.Participants;
using Trellis.Web.Features.Tasks;

namespace Trellis.Web.Features.TreatmentPlans.Actions;

/// <summary>Body of POST /api/participants/{id}/treatment-plan/reviews, and the review page's form.</summary>
public sealed class PlanReviewInput
{
    [Required(ErrorMessage = "Enter the date of the review."), Display(Name = "Reviewed on")]
    public DateOnly? ReviewedOn { get; set; }

    /// <summary>Progress on every goal of the plan in effect.</summary>
    public List<GoalReviewInput> Goals { get; set; } = [];

    [Required(ErrorMessage = "Summarise the review: overall progress, what helps, what gets in the way."), MaxLength(4000), Display(Name = "Summary")]
    public string? Summary { get; set; }

    public bool ParticipantTookPart { get; set; }

    [MaxLength(2000), Display(Name = "The participant's view")]
    public string? ParticipantComment { get; set; }

    /// <summary>The plan needs changing: a new version should follow.</summary>
    public bool PlanUpdateNeeded { get; set; }
}

public sealed class GoalReviewInput
{
    [Required(ErrorMessage = "Say which goal this is (its id).")]
    public Guid? GoalId { get; set; }

    [Required(ErrorMessage = "Rate progress on this goal.")]
    public GoalProgress? Progress { get; set; }

    [MaxLength(2000), Display(Name = "Comment")]
    public string? Comment { get; set; }
}

/// <summary>
/// Record a signed review of the plan in effect: progress on every goal, with what the signed notes show
/// was worked on since the previous review frozen into it, and the next review's date from the program's
/// rules. Closes the open "review due" task. Called by the review page and POST /api/participants/{id}/treatment-plan/reviews.
/// </summary>
public static class ReviewPlan
{
    public static async Task<Result<PlanReview>> RunAsync(TrellisDbContext db, Guid participantId, PlanReviewInput input, CancellationToken ct = default)
    {
        if (await Charts.FindAsync(db, participantId, ct) is not { } participant) return Refusal.NotFound("participant");
        if (await ClinicalStaff.AllowedAsync(db, Permissions.WriteTreatmentPlans, ct) is not { } reviewer)
            return Refusal.Forbidden("Plans are reviewed by the participant's clinicians and program directors.");
        if (participant.Status == ParticipantStatus.Discharged)
            return Refusal.Conflict($"{participant.DisplayName} was discharged; the plan is closed and summarised in the discharge.");
        var today = participant.Today(db.Now);
        var overview = await TreatmentPlanQueries.OverviewAsync(db, participant, today, ct);
        if (overview.InEffect is not { } plan)
            return Refusal.Conflict("No plan in effect", "There is no signed plan to review yet: a plan is reviewed once the clinician and participant have signed it.");
        var goals = plan.Goals.ToList();
        if (Check(input, plan, goals, today) is { Count: > 0 } errors) return Refusal.Invalid(Validation.ToDictionary(errors));

        var reviewedOn = input.ReviewedOn!.Value;
        var effective = TreatmentPlanQueries.CompletedOn(plan);
        var since = overview.LastReview?.ReviewedOn is { } last && last > (effective ?? DateOnly.MinValue) ? last : effective ?? participant.AdmittedOn ?? reviewedOn;
        // What the notes show was worked on since the previous review, frozen into the review as it stood.
        var activity = await TreatmentPlanQueries.GoalActivityAsync(db, participant.Id, since, reviewedOn, ct);
        var scores = await TreatmentPlanQueries.LatestScoresAsync(db, participant.Id, ct: ct);
        var review = new PlanReview
        {
            ParticipantId = participant.Id, TreatmentPlanId = plan.Id, PlanNumber = plan.Number, ReviewedOn = reviewedOn,
            Summary = input.Summary!.Trim(), ParticipantTookPart = input.ParticipantTookPart,
            ParticipantComment = ClinicalText.Clean(input.ParticipantComment), PlanUpdateNeeded = input.PlanUpdateNeeded,
            NextReviewDue = reviewedOn.AddDays(overview.Rules.ReviewIntervalDays),
            ReviewedByStaffId = reviewer.Id, ReviewedByName = ClinicalStaff.SignatureName(reviewer), SignedAt = db.Now,
            Goals = goals.Select(g =>
            {
                var r = input.Goals.First(x => x.GoalId == g.Id);
                var worked = activity.Where(a => a.GoalId == g.Id).ToList();
                return new GoalReview
                {
                    GoalId = g.Id, OwnWords = g.OwnWords, Progress = r.Progress, Comment = ClinicalText.Clean(r.Comment),
                    NotesAddressed = worked.Count, AddressedOn = worked.Select(a => a.ServiceDate).Distinct().Order().ToList(),
                    Measure = TreatmentPlanQueries.MeasureText(g, scores),
                };
            }).ToList(),
        };
        db.Set<PlanReview>().Add(review);
        await CareTasks.CompleteOpenAsync(db, participant.Id, CareTaskKinds.TreatmentPlanReview, $"Plan reviewed on {reviewedOn:MMM d, yyyy}.", ct);
        await db.SaveChangesAsync(ct);
        return review;
    }

    private static List<FieldError> Check(PlanReviewInput input, TreatmentPlan plan, List<PlanGoal> goals, DateOnly today)
    {
        var errors = Validation.Validate(input);
        if (input.ReviewedOn is { } on)
        {
            if (on > today) errors.Add(new(input, nameof(input.ReviewedOn), "reviewedOn", "The review date is in the future."));
            else if (TreatmentPlanQueries.CompletedOn(plan) is { } effective && on < effective)
                errors.Add(new(input, nameof(input.ReviewedOn), "reviewedOn", $"The plan in effect was signed on {effective:MMM d, yyyy}; a review of it comes after."));
        }
        for (var i = 0; i < input.Goals.Count; i++)
            if (input.Goals[i].GoalId is { } gid && goals.All(g => g.Id != gid))
                errors.Add(new(input.Goals[i], nameof(GoalReviewInput.GoalId), $"goals[{i}].goalId", "That goal is not in the plan in effect."));
        foreach (var goal in goals.Where(g => input.Goals.All(r => r.GoalId != g.Id)))
            errors.Add(new(input, nameof(input.Goals), "goals", $"Rate progress on every goal of the plan in effect, including \"{Short(goal.OwnWords)}\"."));
        return errors;
    }

    private static string Short(string? s) => s is null ? "" : s.Length <= 60 ? s : s[..57] + "…";
}
