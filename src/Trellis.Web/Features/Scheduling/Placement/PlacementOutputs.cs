namespace Trellis.Web.Features.Scheduling.Placement;

/// <summary>
/// How good a plan is, compared in order: fewer individual sessions first (each one is a staff hour
/// and another trip), then fewer broken wishes, then fewer days at the clinic.
/// </summary>
public readonly record struct PlanScore(int IndividualSessions, int PreferenceViolations, int DaysAttended) : IComparable<PlanScore>
{
    public int CompareTo(PlanScore other)
    {
        var c = IndividualSessions.CompareTo(other.IndividualSessions);
        if (c != 0) return c;
        c = PreferenceViolations.CompareTo(other.PreferenceViolations);
        return c != 0 ? c : DaysAttended.CompareTo(other.DaysAttended);
    }

    public static bool operator <(PlanScore a, PlanScore b) => a.CompareTo(b) < 0;
    public static bool operator >(PlanScore a, PlanScore b) => a.CompareTo(b) > 0;
    public static bool operator <=(PlanScore a, PlanScore b) => a.CompareTo(b) <= 0;
    public static bool operator >=(PlanScore a, PlanScore b) => a.CompareTo(b) >= 0;
}

public enum PlannedItemKind { Group, Individual }

/// <summary>One line of the participant's week, ready to show or to turn into appointments.</summary>
public sealed record PlannedItem(
    DayOfWeek Day,
    TimeOnly Start,
    TimeOnly End,
    string Title,
    PlannedItemKind Kind,
    bool ByVideo,
    bool CountsTowardHours,
    Guid SourceId);

/// <summary>A week that meets the required hours with no clash.</summary>
/// <param name="Week">Every session, Monday first, then by start time.</param>
/// <param name="CountedMinutes">Group minutes plus counted individual minutes a week.</param>
public sealed record PlacementPlan(
    TrackOption Track,
    bool TrackByVideo,
    IReadOnlyList<IndividualSlot> Slots,
    IReadOnlyList<PlannedItem> Week,
    int GroupMinutes,
    int CountedMinutes,
    PlanScore Score,
    string Summary);

public enum TrackProblemKind { Full, Clash, TooFewHours }

/// <summary>One reason a track does not work, with the sentence a clinician can read out.</summary>
/// <param name="Obligation">For a clash: the obligation in the way.</param>
/// <param name="Day">For a clash: the day of the group session that clashes.</param>
/// <param name="TravelOnly">For a clash: only the travel time overlaps, so joining by video would clear it.</param>
public sealed record TrackProblem(
    TrackProblemKind Kind,
    string Text,
    Obligation? Obligation = null,
    DayOfWeek? Day = null,
    bool TravelOnly = false);

/// <summary>Whether one track can carry this participant's week, and if not, every reason why.</summary>
/// <param name="ReachableMinutes">Group minutes plus the most counted individual minutes that fit beside them.</param>
public sealed record TrackFit(
    TrackOption Track,
    bool Fits,
    IReadOnlyList<TrackProblem> Problems,
    int GroupMinutes,
    int ReachableMinutes);

public enum SuggestionKind { Waitlist, Telehealth, MoveObligation }

/// <summary>A single change that makes a plan possible, and the plan it makes possible.</summary>
/// <param name="Obligation">For <see cref="SuggestionKind.MoveObligation"/>: the obligation to move.</param>
public sealed record PlacementSuggestion(
    SuggestionKind Kind,
    string Text,
    PlacementPlan Plan,
    Obligation? Obligation = null);

/// <summary>
/// The answer to "where does this person fit?": a plan, or no plan with every track's reasons and
/// the single changes that would make one.
/// </summary>
/// <param name="Tracks">Every track, in the request's order, with whether it fits and why not.</param>
/// <param name="Suggestions">Only when there is no plan: waitlists, then video, then obligations in the request's order.</param>
public sealed record PlacementResult(
    PlacementPlan? Plan,
    IReadOnlyList<TrackFit> Tracks,
    IReadOnlyList<PlacementSuggestion> Suggestions,
    string Summary)
{
    public bool IsPlaced => Plan is not null;
}
