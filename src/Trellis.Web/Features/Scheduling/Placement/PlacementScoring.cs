using Trellis.Web.Features.Organization;

namespace Trellis.Web.Features.Scheduling.Placement;

/// <summary>
/// The objective, in both its forms: the score of a chosen plan (what people see) and the weights
/// that fold the three priorities into the single integer CP-SAT minimises.
/// </summary>
internal static class PlacementScoring
{
    public static PlanScore Score(PlacementInstance inst, int track, IReadOnlyList<int> slots)
    {
        var dayMask = inst.TrackDayMask[track];
        var offHours = inst.TrackOffHours[track];
        foreach (var s in slots)
        {
            dayMask |= PlacementInstance.DayBit(inst.Slots[s].Day);
            offHours += inst.SlotOffHours[s];
        }
        var days = System.Numerics.BitOperations.PopCount((uint)dayMask);
        var violations = System.Numerics.BitOperations.PopCount((uint)(dayMask & inst.DaysOffMask))
            + (inst.Request.EffectivePreferences.PreferFewerDays ? days : 0)
            + offHours;
        return new PlanScore(slots.Count, violations, days);
    }

    /// <summary>
    /// Lexicographic priorities as weights: each tier's weight is one more than the largest value
    /// everything below it can reach, so no amount of a lower tier outweighs one unit of a higher
    /// one. Days attended reach at most 7, so violations weigh 8; violations reach at most
    /// 7 (days off) + 7 (fewer days) + 7 (group sessions off-hours) + one per slot.
    /// A single weighted solve is cheaper than three lexicographic solves and gives the same optimum.
    /// </summary>
    public static (long Individual, long Violation, long Day) Weights(PlacementInstance inst)
    {
        const long day = 1, violation = 8;
        long maxViolations = 7 + 7 + 7 + inst.Slots.Count;
        return (violation * (maxViolations + 1), violation, day);
    }

    public static long Weigh(PlacementInstance inst, PlanScore score)
    {
        var w = Weights(inst);
        return w.Individual * score.IndividualSessions + w.Violation * score.PreferenceViolations + w.Day * score.DaysAttended;
    }

    /// <summary>The plan for a chosen track and slots, with its week in reading order.</summary>
    public static PlacementPlan Plan(PlacementInstance inst, int track, IReadOnlyList<int> slots)
    {
        var t = inst.Tracks[track];
        var byVideo = inst.TrackByVideo[track];
        var week = t.Days.Days()
            .Select(d => new PlannedItem(d, t.Start, t.End, $"{t.Name} group", PlannedItemKind.Group, byVideo, true, t.Id))
            .Concat(slots.Select(i => inst.Slots[i]).Select(s =>
                new PlannedItem(s.Day, s.Start, s.End, PlacementText.Kind(s.Kind), PlannedItemKind.Individual, s.IsTelehealth, s.CountsTowardHours, s.Id)))
            .OrderBy(i => WeekSpan.DayIndex(i.Day)).ThenBy(i => i.Start).ThenBy(i => i.Kind).ThenBy(i => i.SourceId)
            .ToList();
        var chosenSlots = slots.OrderBy(i => i).Select(i => inst.Slots[i]).ToList();
        var counted = inst.TrackMinutes[track] + slots.Sum(i => inst.SlotCountedMinutes[i]);
        var score = Score(inst, track, slots);
        var days = score.DaysAttended;
        var summary = PlacementText.Capitalised(PlacementText.Track(t))
            + (byVideo && !t.IsTelehealth ? " by video" : "")
            + (slots.Count == 0 ? "" : $" with {PlacementText.Sessions(slots.Count)}")
            + $": {PlacementText.Hours(counted)} a week over {days} {(days == 1 ? "day" : "days")}.";
        return new PlacementPlan(t, byVideo, chosenSlots, week, inst.TrackMinutes[track], counted, score, summary);
    }
}
