using Trellis.Web.Features.Organization;

namespace Trellis.Web.Features.Scheduling.Placement;

/// <summary>An obligation in the way of one group session.</summary>
internal readonly record struct ObligationClash(int Obligation, DayOfWeek Day, bool TravelOnly);

/// <summary>
/// A request turned into numbers once: spans, minutes, clashes and preference costs. The CP-SAT
/// model, the per-track explanation and the plan's score all read this, so they cannot disagree
/// about what clashes or what a session costs.
/// </summary>
internal sealed class PlacementInstance
{
    // Longer buffers than this are data-entry mistakes; the cap also keeps every span shorter than a week.
    public const int MaxTravelMinutes = 12 * 60;

    public required PlacementRequest Request { get; init; }
    public required int RequiredMinutes { get; init; }
    public required bool[] TrackByVideo { get; init; }
    public required WeekSpan[][] TrackSessions { get; init; }
    public required int[] TrackMinutes { get; init; }
    public required int[] TrackDayMask { get; init; }
    public required int[] TrackOffHours { get; init; }
    public required ObligationClash[][] TrackClashes { get; init; }
    public required WeekSpan[] SlotSpans { get; init; }
    public required bool[] SlotBlocked { get; init; }
    public required int[] SlotCountedMinutes { get; init; }
    public required int[] SlotOffHours { get; init; }
    public required bool[,] TrackSlotClash { get; init; }
    public required (int A, int B)[] SlotPairClashes { get; init; }
    /// <summary>Indexes of obligations that touch any track or slot; only moving one of these can change anything.</summary>
    public required int[] ObligationsInTheWay { get; init; }
    public required int DaysOffMask { get; init; }

    public IReadOnlyList<TrackOption> Tracks => Request.Tracks;
    public IReadOnlyList<IndividualSlot> Slots => Request.Slots;

    /// <summary>A track the solver may choose at all: it has a place and no obligation in its way.</summary>
    public bool TrackOpen(int t) => !Tracks[t].IsFull && TrackClashes[t].Length == 0;

    public static PlacementInstance Create(PlacementRequest request)
    {
        Validate(request);
        var prefs = request.EffectivePreferences;
        var obligations = request.Obligations;
        var tracks = request.Tracks;
        var slots = request.Slots;
        var plain = obligations.Select(o => WeekSpan.On(o.Day, o.Start, o.End)).ToArray();
        var withTravel = obligations.Select((o, i) => plain[i].Widen(o.TravelMinutesBefore, o.TravelMinutesAfter)).ToArray();
        var touched = new bool[obligations.Count];

        var byVideo = tracks.Select(t => t.IsTelehealth || (t.TelehealthAvailable && request.UseTelehealthWhereAvailable)).ToArray();
        var sessions = tracks.Select(t => t.Days.Days().Select(d => WeekSpan.On(d, t.Start, t.End)).ToArray()).ToArray();
        var clashes = new ObligationClash[tracks.Count][];
        for (var t = 0; t < tracks.Count; t++)
        {
            var found = new List<ObligationClash>();
            var days = tracks[t].Days.Days().ToArray();
            for (var o = 0; o < obligations.Count; o++)
                for (var d = 0; d < days.Length; d++)
                {
                    var hitsPlain = sessions[t][d].Overlaps(plain[o]);
                    if (hitsPlain || (!byVideo[t] && sessions[t][d].Overlaps(withTravel[o])))
                        found.Add(new ObligationClash(o, days[d], TravelOnly: !hitsPlain));
                }
            clashes[t] = [.. found];
            foreach (var c in found) touched[c.Obligation] = true;
        }

        var slotSpans = slots.Select(s => WeekSpan.On(s.Day, s.Start, s.End)).ToArray();
        var blocked = new bool[slots.Count];
        for (var s = 0; s < slots.Count; s++)
            for (var o = 0; o < obligations.Count; o++)
                if (slotSpans[s].Overlaps(slots[s].IsTelehealth ? plain[o] : withTravel[o]))
                {
                    blocked[s] = true;
                    touched[o] = true;
                }

        // Two clinic items never need travel between them: the participant is already there.
        var trackSlot = new bool[tracks.Count, slots.Count];
        for (var t = 0; t < tracks.Count; t++)
            for (var s = 0; s < slots.Count; s++)
                trackSlot[t, s] = sessions[t].Any(span => span.Overlaps(slotSpans[s]));
        var pairs = new List<(int, int)>();
        for (var a = 0; a < slots.Count; a++)
            for (var b = a + 1; b < slots.Count; b++)
                if (slotSpans[a].Overlaps(slotSpans[b])) pairs.Add((a, b));

        return new PlacementInstance
        {
            Request = request,
            RequiredMinutes = (int)Math.Ceiling(request.MinimumWeeklyHours * 60m),
            TrackByVideo = byVideo,
            TrackSessions = sessions,
            TrackMinutes = sessions.Select(spans => spans.Sum(s => s.Minutes)).ToArray(),
            TrackDayMask = tracks.Select(t => t.Days.Days().Aggregate(0, (m, d) => m | DayBit(d))).ToArray(),
            TrackOffHours = tracks.Select(t => OutsidePreferred(t.Start, prefs.PreferredTimeOfDay) ? t.Days.Count() : 0).ToArray(),
            TrackClashes = clashes,
            SlotSpans = slotSpans,
            SlotBlocked = blocked,
            SlotCountedMinutes = slots.Select((s, i) => s.CountsTowardHours ? slotSpans[i].Minutes : 0).ToArray(),
            SlotOffHours = slots.Select(s => OutsidePreferred(s.Start, prefs.PreferredTimeOfDay) ? 1 : 0).ToArray(),
            TrackSlotClash = trackSlot,
            SlotPairClashes = [.. pairs],
            ObligationsInTheWay = Enumerable.Range(0, obligations.Count).Where(o => touched[o]).ToArray(),
            DaysOffMask = prefs.PreferredDaysOff.Days().Aggregate(0, (m, d) => m | DayBit(d)),
        };
    }

    public static int DayBit(DayOfWeek day) => 1 << WeekSpan.DayIndex(day);

    public static bool OutsidePreferred(TimeOnly start, TimeOfDay preferred) => preferred switch
    {
        TimeOfDay.Morning => start.Hour >= 12,
        TimeOfDay.Afternoon => start.Hour < 12 || start.Hour >= 17,
        TimeOfDay.Evening => start.Hour < 17,
        _ => false,
    };

    private static void Validate(PlacementRequest request)
    {
        if (request.MinimumWeeklyHours < 0 || request.MinimumWeeklyHours > 168)
            throw new ArgumentException($"Minimum weekly hours must be between 0 and 168, not {request.MinimumWeeklyHours}.", nameof(request));
        foreach (var t in request.Tracks)
        {
            if (t.Days == Weekdays.None) throw new ArgumentException($"Track '{t.Name}' meets on no day.", nameof(request));
            if (t.End <= t.Start) throw new ArgumentException($"Track '{t.Name}' must end after it starts on the same day.", nameof(request));
            if (t.Capacity < 0 || t.Enrolled < 0) throw new ArgumentException($"Track '{t.Name}' has a negative capacity or enrollment.", nameof(request));
        }
        foreach (var s in request.Slots)
            if (s.End <= s.Start) throw new ArgumentException($"Slot {s.Id} must end after it starts on the same day.", nameof(request));
        foreach (var o in request.Obligations)
        {
            if (o.End == o.Start) throw new ArgumentException($"Obligation '{o.Label}' starts and ends at the same time.", nameof(request));
            if (o.TravelMinutesBefore is < 0 or > MaxTravelMinutes || o.TravelMinutesAfter is < 0 or > MaxTravelMinutes)
                throw new ArgumentException($"Travel time around '{o.Label}' must be between 0 and {MaxTravelMinutes} minutes.", nameof(request));
        }
    }
}
