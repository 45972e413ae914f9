namespace Trellis.Web.Features.Scheduling.Placement;

/// <summary>
/// What would make a plan possible when none exists. Each suggestion is one change, checked by
/// solving the request again with that change made, so every sentence comes with the plan it
/// promises. Only single changes are tried: a clinician can ask about one thing at a time, and
/// the number of re-solves stays linear in the size of the week.
/// </summary>
internal static class PlacementAdvice
{
    public static IReadOnlyList<PlacementSuggestion> Suggest(PlacementInstance inst, IReadOnlyList<TrackFit> fits)
    {
        var request = inst.Request;
        var suggestions = new List<PlacementSuggestion>();

        // Waitlist: a full track that would work if capacity were its only problem.
        for (var t = 0; t < request.Tracks.Count; t++)
        {
            var track = request.Tracks[t];
            if (!track.IsFull) continue;
            var withPlace = track with { Capacity = track.Enrolled + 1 };
            if (PlacementSolver.SolveBest(request with { Tracks = [withPlace] }) is not { } plan) continue;
            suggestions.Add(new PlacementSuggestion(SuggestionKind.Waitlist,
                $"{PlacementText.Capitalised(PlacementText.Track(track))} would fit your week{WithSessions(plan)}, but it is full right now "
                + $"({track.Enrolled} of {track.Capacity} places taken). You could join its waitlist.",
                plan with { Track = track }));
        }

        // Video: the same sessions joined from wherever the participant is, so travel time drops out.
        if (!request.UseTelehealthWhereAvailable && request.Tracks.Any(t => t.TelehealthAvailable && !t.IsTelehealth)
            && PlacementSolver.SolveBest(request with { UseTelehealthWhereAvailable = true }) is { } byVideo)
        {
            var t = IndexOf(request.Tracks, byVideo.Track);
            var around = fits[t].Problems.Where(p => p.TravelOnly).Select(p => p.Obligation!).Distinct()
                .Select(PlacementText.Obligation).ToList();
            suggestions.Add(new PlacementSuggestion(SuggestionKind.Telehealth,
                $"If you join {PlacementText.Track(byVideo.Track)} by video, you no longer need travel time around "
                + $"{PlacementText.List(around)}, and it would fit your week{WithSessions(byVideo)}.",
                byVideo));
        }

        // Moving one obligation: only those in the way of something can change the answer.
        foreach (var o in inst.ObligationsInTheWay)
        {
            var obligation = request.Obligations[o];
            var rest = request.Obligations.Where((_, i) => i != o).ToList();
            if (PlacementSolver.SolveBest(request with { Obligations = rest }) is not { } plan) continue;
            suggestions.Add(new PlacementSuggestion(SuggestionKind.MoveObligation,
                $"If {PlacementText.Obligation(obligation)} could move to another day or time, or be dropped, "
                + $"{PlacementText.Track(plan.Track)} would fit your week{WithSessions(plan)}.",
                plan, obligation));
        }
        return suggestions;
    }

    public static string Summary(IReadOnlyList<TrackFit> fits, IReadOnlyList<PlacementSuggestion> suggestions)
    {
        if (fits.Count == 0) return "The program has no tracks to place anyone in.";
        var head = "No track fits your week as it stands.";
        return suggestions.Count switch
        {
            0 => head + " None of the single changes we tried (another track's waitlist, joining by video, moving one commitment) "
                + "makes a plan possible; talk through the week together to find what else could change.",
            1 => head + " One change would make it work.",
            _ => head + $" Any one of {suggestions.Count} changes would make it work.",
        };
    }

    private static string WithSessions(PlacementPlan plan) =>
        plan.Slots.Count == 0 ? "" : $" with {PlacementText.Sessions(plan.Slots.Count)} a week";

    // By reference first, because two tracks may be equal as values (same name, days and times).
    private static int IndexOf(IReadOnlyList<TrackOption> tracks, TrackOption track)
    {
        for (var i = 0; i < tracks.Count; i++) if (ReferenceEquals(tracks[i], track)) return i;
        for (var i = 0; i < tracks.Count; i++) if (tracks[i] == track) return i;
        throw new InvalidOperationException("The suggested track is not among the request's tracks.");
    }
}
