namespace Trellis.Web.Features.Scheduling.Placement;

/// <summary>
/// Placement that fits a life: from a participant's obligations, the program's tracks and free
/// individual slots, the weekly plan that reaches the required hours with no clash, or why none
/// exists and what single change would make one. Pure: no I/O, no clock, no database.
/// </summary>
public static class PlacementSolver
{
    /// <summary>
    /// The best plan: all sessions of one track plus the fewest individual sessions needed, then the
    /// fewest broken preferences, then the fewest days (see <see cref="PlanScore"/>). Without a plan,
    /// every track's reasons and the single changes that make a plan possible.
    /// </summary>
    public static PlacementResult Place(PlacementRequest request)
    {
        var inst = PlacementInstance.Create(request);
        var fits = TrackAssessor.Assess(inst);
        if (Best(inst) is { } plan)
            return new PlacementResult(plan, fits, [], plan.Summary);
        var suggestions = PlacementAdvice.Suggest(inst, fits);
        return new PlacementResult(null, fits, suggestions, PlacementAdvice.Summary(fits, suggestions));
    }

    /// <summary>
    /// For the admission screen: every track, in the request's order, with whether it fits this
    /// person's obligations (with the free slots given, if any) and the reasons it does not.
    /// </summary>
    public static IReadOnlyList<TrackFit> TracksThatFit(PlacementRequest request) =>
        TrackAssessor.Assess(PlacementInstance.Create(request));

    /// <summary>The optimal plan only, or null: what the suggestions re-solve with, and the benchmark's inner call.</summary>
    public static PlacementPlan? SolveBest(PlacementRequest request) => Best(PlacementInstance.Create(request));

    private static PlacementPlan? Best(PlacementInstance inst) =>
        CpSatPlacement.Solve(inst) is { } choice ? PlacementScoring.Plan(inst, choice.Track, choice.Slots) : null;
}
