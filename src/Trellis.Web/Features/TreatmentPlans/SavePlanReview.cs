using System.ComponentModel.DataAnnotations;
using Trellis.Web.Data;
using Trellis.Web.Features.Clinical;
using Trellis.Web.Features.Participants;
using Trellis.Web.Features.Staff;
using Trellis.Web.Features.Tasks;

namespace Trellis.Web.Features.TreatmentPlans;

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

public static class SavePlanReview
{
    /// <summary>Checks and adds a review of the plan in effect; returns the review or why it was refused.</summary>
    public static async Task<(PlanReview? Review, Refusal? Refusal, List<FieldError> Errors)> AddAsync(TrellisDbContext db, Participant participant,
        PlanReviewInput input, StaffMember reviewer, DateOnly today, CancellationToken ct = default)
    {
        var overview = await TreatmentPlanQueries.OverviewAsync(db, participant, today, ct);
        if (overview.InEffect is not { } plan)
            return (null, Refusal.Conflict("No plan in effect", "There is no signed plan to review yet: a plan is reviewed once the clinician and participant have signed it."), []);

        var errors = Validation.Validate(input);
        if (input.ReviewedOn is { } on)
        {
            if (on > today) errors.Add(new(input, nameof(input.ReviewedOn), "reviewedOn", "The review date is in the future."));
            else if (TreatmentPlanQueries.CompletedOn(plan) is { } effective && on < effective)
                errors.Add(new(input, nameof(input.ReviewedOn), "reviewedOn", $"The plan in effect was signed on {effective:MMM d, yyyy}; a review of it comes after."));
        }
        var goals = plan.Goals.ToList();
        for (var i = 0; i < input.Goals.Count; i++)
            if (input.Goals[i].GoalId is { } gid && goals.All(g => g.Id != gid))
                errors.Add(new(input.Goals[i], nameof(GoalReviewInput.GoalId), $"goals[{i}].goalId", "That goal is not in the plan in effect."));
        foreach (var goal in goals.Where(g => input.Goals.All(r => r.GoalId != g.Id)))
            errors.Add(new(input, nameof(input.Goals), "goals", $"Rate progress on every goal of the plan in effect, including \"{Short(goal.OwnWords)}\"."));
        if (errors.Count > 0) return (null, null, errors);

        var reviewedOn = input.ReviewedOn!.Value;
        var since = overview.LastReview?.ReviewedOn is { } last && last > (TreatmentPlanQueries.CompletedOn(plan) ?? DateOnly.MinValue)
            ? last : TreatmentPlanQueries.CompletedOn(plan) ?? participant.AdmittedOn ?? reviewedOn;
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
                var dates = activity.Where(a => a.GoalId == g.Id).Select(a => a.ServiceDate).Distinct().Order().ToList();
                return new GoalReview
                {
                    GoalId = g.Id, OwnWords = g.OwnWords, Progress = r.Progress, Comment = ClinicalText.Clean(r.Comment),
                    NotesAddressed = activity.Count(a => a.GoalId == g.Id), AddressedOn = dates,
                    Measure = TreatmentPlanQueries.MeasureText(g, scores),
                };
            }).ToList(),
        };
        db.Set<PlanReview>().Add(review);
        await CareTasks.CompleteOpenAsync(db, participant.Id, CareTaskKinds.TreatmentPlanReview, $"Plan reviewed on {reviewedOn:MMM d, yyyy}.", ct);
        return (review, null, []);
    }

    private static string Short(string? s) => s is null ? "" : s.Length <= 60 ? s : s[..57] + "…";

    public static string ProgressText(GoalProgress p) => p switch
    {
        GoalProgress.NotStarted => "Not started",
        GoalProgress.Minimal => "Minimal progress",
        GoalProgress.Moderate => "Moderate progress",
        GoalProgress.Significant => "Significant progress",
        GoalProgress.Achieved => "Achieved",
        GoalProgress.Revised => "Revised",
        _ => "Discontinued",
    };
}
