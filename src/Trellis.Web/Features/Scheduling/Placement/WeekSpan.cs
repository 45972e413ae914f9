namespace Trellis.Web.Features.Scheduling.Placement;

/// <summary>
/// A stretch of the recurring week in whole minutes since Monday 0:00 (wall-clock, see
/// PlacementInputs.cs for why daylight saving time does not enter). Integers keep the solver exact:
/// CP-SAT works on integers, and minutes are the smallest unit a clinic schedules in.
/// </summary>
internal readonly record struct WeekSpan(int Start, int End)
{
    public const int MinutesPerDay = 24 * 60;
    public const int MinutesPerWeek = 7 * MinutesPerDay;

    public int Minutes => End - Start;

    /// <summary>Monday is 0: the clinic week starts on Monday, DayOfWeek starts on Sunday.</summary>
    public static int DayIndex(DayOfWeek day) => ((int)day + 6) % 7;

    public static int MinuteOfDay(TimeOnly time) => time.Hour * 60 + time.Minute;

    /// <summary>A span on one day; an end at or before the start runs past midnight into the next day.</summary>
    public static WeekSpan On(DayOfWeek day, TimeOnly start, TimeOnly end)
    {
        var s = DayIndex(day) * MinutesPerDay + MinuteOfDay(start);
        var e = DayIndex(day) * MinutesPerDay + MinuteOfDay(end);
        if (e <= s) e += MinutesPerDay;
        return new WeekSpan(s, e).Normalised();
    }

    public WeekSpan Widen(int before, int after) => new WeekSpan(Start - before, End + after).Normalised();

    /// <summary>
    /// Whether two stretches share a minute on the circular week: Sunday night's shift that ends on
    /// Monday morning is the same week's Monday, because the week repeats. Touching ends do not
    /// overlap: a group may start the minute a shift ends when no travel time is given.
    /// </summary>
    public bool Overlaps(WeekSpan other) =>
        Hits(other.Start, other.End)
        || Hits(other.Start + MinutesPerWeek, other.End + MinutesPerWeek)
        || Hits(other.Start - MinutesPerWeek, other.End - MinutesPerWeek);

    private bool Hits(int start, int end) => Start < end && start < End;

    // Keep Start inside the week so every comparison needs at most one wrap either way.
    private WeekSpan Normalised() =>
        Start < 0 ? new(Start + MinutesPerWeek, End + MinutesPerWeek)
        : Start >= MinutesPerWeek ? new(Start - MinutesPerWeek, End - MinutesPerWeek)
        : this;
}
