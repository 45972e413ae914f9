using Google.OrTools.Sat;

namespace Trellis.Web.Features.Scheduling.Placement;

/// <summary>The chosen track and slots (slot indexes ascending), and the objective CP-SAT proved optimal.</summary>
internal sealed record PlacementChoice(int Track, int[] Slots, long Objective, bool ProvenOptimal);

/// <summary>
/// The placement model for Google OR-Tools CP-SAT: one boolean per track, one per slot, exactly one
/// track, clash clauses, counted minutes at least the minimum, and the weighted objective of
/// <see cref="PlacementScoring.Weights"/>. Fixed seed and a single worker make the same request give
/// the same plan on every run and machine; a deterministic-time limit (not wall time) keeps that true
/// even if a limit is ever reached.
/// </summary>
internal static class CpSatPlacement
{
    // Single worker: parallel portfolios race and the winner can differ between runs.
    private const string Parameters = "num_workers:1 random_seed:7 max_deterministic_time:20";

    public static PlacementChoice? Solve(PlacementInstance inst)
    {
        var tracks = inst.Tracks;
        var slots = inst.Slots;
        if (tracks.Count == 0) return null;

        var model = new CpModel();
        var x = new BoolVar[tracks.Count];
        for (var t = 0; t < tracks.Count; t++)
        {
            x[t] = model.NewBoolVar($"track{t}");
            // A full track or one with an obligation in the way can't be chosen at all.
            if (!inst.TrackOpen(t)) model.Add(x[t] == 0);
        }
        var y = new BoolVar[slots.Count];
        for (var s = 0; s < slots.Count; s++)
        {
            y[s] = model.NewBoolVar($"slot{s}");
            if (inst.SlotBlocked[s]) model.Add(y[s] == 0);
        }

        // All sessions of exactly one track (a track is a package, see TrackOption).
        model.AddExactlyOne(x);
        for (var t = 0; t < tracks.Count; t++)
            for (var s = 0; s < slots.Count; s++)
                if (inst.TrackSlotClash[t, s]) model.AddBoolOr([x[t].Not(), y[s].Not()]);
        foreach (var (a, b) in inst.SlotPairClashes) model.AddBoolOr([y[a].Not(), y[b].Not()]);

        model.Add(LinearExpr.WeightedSum(x, inst.TrackMinutes) + LinearExpr.WeightedSum(y, inst.SlotCountedMinutes) >= inst.RequiredMinutes);

        // attend[d] is implied by every item on day d; minimising a positive weight on it makes it
        // exactly "some item is on day d" at the optimum.
        var attend = new BoolVar[7];
        for (var d = 0; d < 7; d++) attend[d] = model.NewBoolVar($"day{d}");
        for (var t = 0; t < tracks.Count; t++)
            for (var d = 0; d < 7; d++)
                if ((inst.TrackDayMask[t] & (1 << d)) != 0) model.AddImplication(x[t], attend[d]);
        for (var s = 0; s < slots.Count; s++)
            model.AddImplication(y[s], attend[WeekSpan.DayIndex(slots[s].Day)]);

        var w = PlacementScoring.Weights(inst);
        var prefs = inst.Request.EffectivePreferences;
        var objective = LinearExpr.NewBuilder();
        for (var s = 0; s < slots.Count; s++) objective.AddTerm(y[s], w.Individual + w.Violation * inst.SlotOffHours[s]);
        for (var t = 0; t < tracks.Count; t++) objective.AddTerm(x[t], w.Violation * inst.TrackOffHours[t]);
        for (var d = 0; d < 7; d++)
        {
            var violations = ((inst.DaysOffMask >> d) & 1) + (prefs.PreferFewerDays ? 1 : 0);
            objective.AddTerm(attend[d], w.Day + w.Violation * violations);
        }
        model.Minimize(objective);

        using var solver = new CpSolver { StringParameters = Parameters };
        var status = solver.Solve(model);
        return status switch
        {
            CpSolverStatus.Optimal or CpSolverStatus.Feasible => new PlacementChoice(
                Array.FindIndex(x, v => solver.BooleanValue(v)),
                Enumerable.Range(0, slots.Count).Where(s => solver.BooleanValue(y[s])).ToArray(),
                (long)Math.Round(solver.ObjectiveValue),
                status == CpSolverStatus.Optimal),
            CpSolverStatus.Infeasible => null,
            // A model this small is decided in milliseconds; anything else is a bug worth hearing about.
            _ => throw new InvalidOperationException($"Placement solver stopped with status {status}."),
        };
    }
}
