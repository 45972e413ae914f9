using Trellis.Web.Features.Organization;
using Trellis.Web.Features.Scheduling.Placement;

namespace Trellis.Tests.Placement;

/// <summary>
/// The exact answer for small cases, by trying every track with every subset of slots. Written
/// apart from the production code on purpose (minute-by-minute occupancy instead of interval
/// arithmetic, its own scoring) so that a shared misunderstanding can't make both agree.
/// </summary>
internal static class BruteForcePlacement
{
    private const int Week = 7 * 24 * 60;

    public sealed record Answer(int Track, int[] Slots, PlanScore Score);

    public static Answer? Solve(PlacementRequest r)
    {
        var c = Compile(r);
        Answer? best = null;
        for (var t = 0; t < r.Tracks.Count; t++)
            for (var mask = 0; mask < 1 << r.Slots.Count; mask++)
            {
                var slots = Enumerable.Range(0, r.Slots.Count).Where(s => (mask & (1 << s)) != 0).ToArray();
                if (!c.IsValid(t, slots)) continue;
                var score = c.Score(t, slots);
                if (best is null || score.CompareTo(best.Score) < 0) best = new Answer(t, slots, score);
            }
        return best;
    }

    public static bool IsValid(PlacementRequest r, int track, int[] slots) => Compile(r).IsValid(track, slots);

    public static PlanScore Score(PlacementRequest r, int track, int[] slots) => Compile(r).Score(track, slots);

    private static Compiled Compile(PlacementRequest r)
    {
        var useVideo = r.UseTelehealthWhereAvailable;
        var plain = r.Obligations.Select(o => Occupy(o.Day, o.Start, o.End, 0, 0)).ToArray();
        var travel = r.Obligations.Select(o => Occupy(o.Day, o.Start, o.End, o.TravelMinutesBefore, o.TravelMinutesAfter)).ToArray();
        var trackMinutes = r.Tracks.Select(t => t.Days.Days().Select(d => Occupy(d, t.Start, t.End, 0, 0)).Aggregate(new bool[Week], Union)).ToArray();
        var slotMinutes = r.Slots.Select(s => Occupy(s.Day, s.Start, s.End, 0, 0)).ToArray();

        var trackOk = r.Tracks.Select((t, i) =>
        {
            var video = t.IsTelehealth || (t.TelehealthAvailable && useVideo);
            return t.Enrolled < t.Capacity && !(video ? plain : travel).Any(o => Meet(o, trackMinutes[i]));
        }).ToArray();
        var slotOk = r.Slots.Select((s, i) => !(s.IsTelehealth ? plain : travel).Any(o => Meet(o, slotMinutes[i]))).ToArray();
        var trackSlot = new bool[r.Tracks.Count, r.Slots.Count];
        for (var t = 0; t < r.Tracks.Count; t++)
            for (var s = 0; s < r.Slots.Count; s++) trackSlot[t, s] = Meet(trackMinutes[t], slotMinutes[s]);
        var slotSlot = new bool[r.Slots.Count, r.Slots.Count];
        for (var a = 0; a < r.Slots.Count; a++)
            for (var b = 0; b < r.Slots.Count; b++) slotSlot[a, b] = a != b && Meet(slotMinutes[a], slotMinutes[b]);
        return new Compiled(r, trackOk, slotOk, trackSlot, slotSlot);
    }

    private sealed record Compiled(PlacementRequest R, bool[] TrackOk, bool[] SlotOk, bool[,] TrackSlot, bool[,] SlotSlot)
    {
        public bool IsValid(int t, int[] slots)
        {
            if (!TrackOk[t] || slots.Any(s => !SlotOk[s] || TrackSlot[t, s])) return false;
            if (slots.Any(a => slots.Any(b => SlotSlot[a, b]))) return false;
            var track = R.Tracks[t];
            var minutes = Length(track.Start, track.End) * track.Days.Days().Count()
                + slots.Where(s => R.Slots[s].CountsTowardHours).Sum(s => Length(R.Slots[s].Start, R.Slots[s].End));
            return minutes >= Math.Ceiling(R.MinimumWeeklyHours * 60);
        }

        public PlanScore Score(int t, int[] slots)
        {
            var prefs = R.Preferences ?? new PlacementPreferences();
            var track = R.Tracks[t];
            var sessions = track.Days.Days().Select(d => (Day: d, track.Start))
                .Concat(slots.Select(s => (R.Slots[s].Day, R.Slots[s].Start))).ToList();
            var days = sessions.Select(x => x.Day).Distinct().ToList();
            var violations = days.Count(d => prefs.PreferredDaysOff.HasFlag(d.ToFlag()))
                + (prefs.PreferFewerDays ? days.Count : 0)
                + sessions.Count(x => !InWindow(x.Start, prefs.PreferredTimeOfDay));
            return new PlanScore(slots.Length, violations, days.Count);
        }
    }

    private static bool InWindow(TimeOnly start, TimeOfDay window) => window switch
    {
        TimeOfDay.Morning => start < new TimeOnly(12, 0),
        TimeOfDay.Afternoon => start >= new TimeOnly(12, 0) && start < new TimeOnly(17, 0),
        TimeOfDay.Evening => start >= new TimeOnly(17, 0),
        _ => true,
    };

    private static int Length(TimeOnly start, TimeOnly end) => (int)(end - start).TotalMinutes;

    /// <summary>Every minute of the week the item takes, wrapping Sunday night into Monday.</summary>
    private static bool[] Occupy(DayOfWeek day, TimeOnly start, TimeOnly end, int before, int after)
    {
        var week = new bool[Week];
        var dayStart = (day == DayOfWeek.Sunday ? 6 : (int)day - 1) * 24 * 60;
        var from = dayStart + start.Hour * 60 + start.Minute;
        var length = end > start ? Length(start, end) : 24 * 60 - Length(end, start);
        for (var m = from - before; m < from + length + after; m++) week[((m % Week) + Week) % Week] = true;
        return week;
    }

    private static bool[] Union(bool[] a, bool[] b) => a.Zip(b, (x, y) => x || y).ToArray();

    private static bool Meet(bool[] a, bool[] b)
    {
        for (var i = 0; i < Week; i++) if (a[i] && b[i]) return true;
        return false;
    }
}
