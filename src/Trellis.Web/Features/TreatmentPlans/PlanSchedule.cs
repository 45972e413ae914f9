namespace Trellis.Web.Features.TreatmentPlans;

public enum DueState { NotYet, DueSoon, Overdue, Done }

/// <param name="SessionsAttended">Sessions attended since admission.</param>
/// <param name="Within">The program's rule: complete by this attended session.</param>
public sealed record FirstPlanStatus(DueState State, int SessionsAttended, int Within)
{
    public string Text => State switch
    {
        DueState.Done => "First plan complete",
        DueState.Overdue => $"First plan overdue: {SessionsAttended} sessions attended, due within {Within}",
        DueState.DueSoon => $"First plan due: {SessionsAttended} of {Within} sessions attended",
        _ => $"First plan due within {Within} sessions ({SessionsAttended} attended)",
    };
}

public sealed record ReviewStatus(DueState State, DateOnly DueOn, DateOnly Since, int DaysLeft)
{
    public string Text => State switch
    {
        DueState.Overdue => $"Review overdue since {DueOn:MMM d} ({-DaysLeft} days)",
        DueState.DueSoon => DaysLeft == 0 ? "Review due today" : $"Review due {DueOn:MMM d} (in {DaysLeft} days)",
        _ => $"Next review {DueOn:MMM d}",
    };
}

/// <summary>
/// When plans are due. Pure rules, so the chart, the due lists and the tests agree:
/// the first plan is due by the Nth attended session after admission; a plan in effect is
/// reviewed every N days, counted from the later of its last review and the day it took effect
/// (a newly signed version is itself a review of the plan).
/// </summary>
public static class PlanSchedule
{
    /// <summary>A review shows as "due soon" this many days ahead.</summary>
    public const int DueSoonDays = 7;

    public static FirstPlanStatus FirstPlan(int sessionsAttended, int within, bool hasCompletePlan)
    {
        if (hasCompletePlan) return new(DueState.Done, sessionsAttended, within);
        // Complete by session N: once N sessions are attended without a plan it is late; the session before it, it is due.
        var state = sessionsAttended >= within ? DueState.Overdue
            : sessionsAttended >= within - 1 ? DueState.DueSoon
            : DueState.NotYet;
        return new(state, sessionsAttended, within);
    }

    /// <summary>The next review of a plan that took effect on <paramref name="planCompletedOn"/>; null while no plan is in effect.</summary>
    public static ReviewStatus? Review(DateOnly? planCompletedOn, DateOnly? lastReviewedOn, int intervalDays, DateOnly today)
    {
        if (planCompletedOn is not { } effective) return null;
        var since = lastReviewedOn is { } r && r > effective ? r : effective;
        var due = since.AddDays(intervalDays);
        var left = due.DayNumber - today.DayNumber;
        var state = left < 0 ? DueState.Overdue : left <= DueSoonDays ? DueState.DueSoon : DueState.NotYet;
        return new(state, due, since, left);
    }
}
