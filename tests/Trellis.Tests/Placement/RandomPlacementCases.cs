using Trellis.Web.Features.Organization;
using Trellis.Web.Features.Scheduling.Placement;

namespace Trellis.Tests.Placement;

/// <summary>
/// Small random weeks from a fixed seed: up to 4 tracks and 8 slots, so brute force stays exact
/// and quick. The ranges are chosen so that roughly half the cases have a plan and the other half
/// exercise every kind of failure (full, clash, travel-only clash, too few hours).
/// </summary>
internal static class RandomPlacementCases
{
    public static IEnumerable<PlacementRequest> Generate(int seed, int count)
    {
        var random = new Random(seed);
        for (var i = 0; i < count; i++) yield return One(random);
    }

    public static PlacementRequest One(Random random)
    {
        var tracks = Enumerable.Range(0, random.Next(1, 5)).Select(i => Track(random, i)).ToList();
        var obligations = Enumerable.Range(0, random.Next(0, 7)).Select(i => Obligation(random, i)).ToList();
        var slots = Enumerable.Range(0, random.Next(0, 9)).Select(_ => Slot(random)).ToList();
        var preferences = new PlacementPreferences(
            random.Next(3) == 0 ? (Weekdays)random.Next(1, 128) : Weekdays.None,
            random.Next(4) == 0,
            (TimeOfDay)random.Next(4));
        var hours = new[] { 6m, 9m, 9m, 7.5m }[random.Next(4)];
        return new PlacementRequest(obligations, tracks, slots, hours, preferences, random.Next(3) == 0);
    }

    private static TrackOption Track(Random random, int index)
    {
        var days = Weekdays.None;
        var dayCount = random.Next(1, 5);
        while (days.Count() < dayCount) days |= (Weekdays)(1 << random.Next(6));
        var start = new TimeOnly(random.Next(7, 19), random.Next(2) * 30);
        var end = start.AddMinutes(random.Next(3, 8) * 30);
        if (end <= start) end = new TimeOnly(23, 59);
        var capacity = random.Next(6, 13);
        var enrolled = random.Next(5) == 0 ? capacity : random.Next(capacity);
        var telehealth = random.Next(10);
        return new TrackOption(Id(random), $"Track {index + 1}", days, start, end, capacity, enrolled,
            IsTelehealth: telehealth == 0, TelehealthAvailable: telehealth is >= 1 and <= 5);
    }

    private static Obligation Obligation(Random random, int index)
    {
        var start = new TimeOnly(random.Next(24), random.Next(4) * 15);
        var end = start.AddMinutes(random.Next(2, 19) * 30);
        return new Obligation((DayOfWeek)random.Next(7), start, end, $"Commitment {index + 1}",
            random.Next(5) * 15, random.Next(5) * 15);
    }

    private static IndividualSlot Slot(Random random)
    {
        var start = new TimeOnly(random.Next(8, 21), random.Next(4) * 15);
        var end = start.AddMinutes(new[] { 45, 50, 60, 90 }[random.Next(4)]);
        if (end <= start) end = new TimeOnly(23, 59);
        return new IndividualSlot(Id(random), (SlotKind)random.Next(3), (DayOfWeek)random.Next(7), start, end,
            CountsTowardHours: random.Next(4) != 0, IsTelehealth: random.Next(5) == 0);
    }

    private static Guid Id(Random random)
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }
}
