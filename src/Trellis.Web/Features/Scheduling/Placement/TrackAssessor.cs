namespace Trellis.Web.Features.Scheduling.Placement;

/// <summary>
/// Whether each track alone can carry the week, and every reason it can't. With the track fixed the
/// question is small enough to answer exactly without a solver: the track must have a place and no
/// obligation in its way, and the counted slots that fit beside it must make up the missing hours.
/// The best such set of slots is a weighted interval scheduling problem (slots never cross
/// midnight, so they lie on a line), solved exactly by dynamic programming. That is why the
/// admission screen's "which tracks fit" needs no CP-SAT call; CP-SAT earns its place choosing the
/// best plan across tracks, slots and preferences.
/// </summary>
internal static class TrackAssessor
{
    public static IReadOnlyList<TrackFit> Assess(PlacementInstance inst) =>
        Enumerable.Range(0, inst.Tracks.Count).Select(t => Assess(inst, t)).ToList();

    public static TrackFit Assess(PlacementInstance inst, int t)
    {
        var track = inst.Tracks[t];
        var obligations = inst.Request.Obligations;
        var problems = new List<TrackProblem>();
        if (track.IsFull)
            problems.Add(new TrackProblem(TrackProblemKind.Full,
                $"It is full ({track.Enrolled} of {track.Capacity} places taken)."));
        foreach (var c in inst.TrackClashes[t])
            problems.Add(new TrackProblem(TrackProblemKind.Clash,
                PlacementText.Clash(obligations[c.Obligation], c.Day, c.TravelOnly), obligations[c.Obligation], c.Day, c.TravelOnly));

        var group = inst.TrackMinutes[t];
        var reachable = group + BestSlotMinutes(inst, t);
        if (reachable < inst.RequiredMinutes)
            problems.Add(new TrackProblem(TrackProblemKind.TooFewHours, HoursShortText(inst, group, reachable)));
        return new TrackFit(track, problems.Count == 0, problems, group, reachable);
    }

    private static string HoursShortText(PlacementInstance inst, int group, int reachable)
    {
        var need = PlacementText.Hours(inst.RequiredMinutes);
        return reachable == group
            ? $"Its groups give {PlacementText.Hours(group)} a week and no free individual session fits beside them, short of the {need} required."
            : $"Its groups give {PlacementText.Hours(group)} a week; with every free individual session that fits beside them it reaches {PlacementText.Hours(reachable)}, short of the {need} required.";
    }

    /// <summary>Most counted slot minutes that fit beside track <paramref name="t"/> and around the obligations.</summary>
    internal static int BestSlotMinutes(PlacementInstance inst, int t)
    {
        var usable = Enumerable.Range(0, inst.Slots.Count)
            .Where(s => inst.SlotCountedMinutes[s] > 0 && !inst.SlotBlocked[s] && !inst.TrackSlotClash[t, s])
            .Select(s => inst.SlotSpans[s])
            .OrderBy(s => s.End).ThenBy(s => s.Start)
            .ToArray();
        // best[k]: most minutes using only the first k slots by end time.
        var best = new int[usable.Length + 1];
        for (var k = 0; k < usable.Length; k++)
        {
            var before = k;
            while (before > 0 && usable[before - 1].End > usable[k].Start) before--;
            best[k + 1] = Math.Max(best[k], best[before] + usable[k].Minutes);
        }
        return best[usable.Length];
    }
}
