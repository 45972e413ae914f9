using BenchmarkDotNet.Attributes;
using Trellis.Web.Features.Organization;
using Trellis.Web.Features.Scheduling.Placement;

namespace Trellis.Bench;

/// <summary>
/// Placement at the size of a real intake season: 200 participants across 6 tracks, placed one
/// after another so later people see fuller tracks and fewer free individual slots, some without
/// any plan (and so paying for the explanation's re-solves). The week mix is generated from a
/// fixed seed, so every run measures the same work.
/// </summary>
[MemoryDiagnoser]
public class PlacementBenchmarks
{
    private const int Participants = 200;
    private static readonly DayOfWeek[] Weekdays5 =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    private TrackOption[] tracks = [];
    private IndividualSlot[] slots = [];
    private List<Obligation>[] weeks = [];
    private PlacementPreferences[] wishes = [];
    private PlacementRequest single = null!;
    private PlacementRequest infeasible = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(20_260_301);
        tracks =
        [
            Track(random, "Morning", Weekdays.Monday | Weekdays.Wednesday | Weekdays.Thursday, 9, 0, 12, 0, 36),
            Track(random, "Late morning", Weekdays.Tuesday | Weekdays.Wednesday | Weekdays.Friday, 10, 0, 13, 0, 30, telehealthAvailable: true),
            Track(random, "Afternoon", Weekdays.Tuesday | Weekdays.Thursday | Weekdays.Friday, 13, 0, 16, 0, 30),
            Track(random, "Evening", Weekdays.Monday | Weekdays.Tuesday | Weekdays.Thursday, 18, 0, 21, 0, 36),
            Track(random, "Early evening", Weekdays.Monday | Weekdays.Wednesday | Weekdays.Thursday, 17, 30, 20, 30, 30, telehealthAvailable: true),
            Track(random, "Video evening", Weekdays.Tuesday | Weekdays.Wednesday | Weekdays.Thursday, 19, 0, 21, 30, 24, isTelehealth: true),
        ];
        slots = FreeSlots(random).ToArray();
        weeks = Enumerable.Range(0, Participants).Select(_ => Obligations(random)).ToArray();
        wishes = Enumerable.Range(0, Participants).Select(_ => Wishes(random)).ToArray();

        single = Request(Parent(random, 20), tracks, slots, new PlacementPreferences(PreferredTimeOfDay: TimeOfDay.Morning));
        var fullEvenings = tracks.Select(t => t.Name.Contains("vening") ? t with { Enrolled = t.Capacity } : t).ToArray();
        infeasible = Request(DayWorker(random, 8, 30), fullEvenings, slots, PlacementPreferences.None);
        if (PlacementSolver.Place(infeasible).IsPlaced) throw new InvalidOperationException("The infeasible case found a plan.");
    }

    /// <summary>Places everyone in turn; returns how many got a plan so the work can't be optimised away.</summary>
    [Benchmark]
    public int PlaceCohortOf200()
    {
        var open = (TrackOption[])tracks.Clone();
        var free = new List<IndividualSlot>(slots);
        var placed = 0;
        for (var p = 0; p < Participants; p++)
        {
            var result = PlacementSolver.Place(Request(weeks[p], open, free, wishes[p]));
            if (result.Plan is not { } plan) continue;
            placed++;
            var t = Array.FindIndex(open, x => x.Id == plan.Track.Id);
            open[t] = open[t] with { Enrolled = open[t].Enrolled + 1 };
            foreach (var s in plan.Slots) free.Remove(s);
        }
        return placed;
    }

    [Benchmark]
    public PlacementResult PlaceOneParticipant() => PlacementSolver.Place(single);

    [Benchmark]
    public PlacementResult ExplainInfeasible() => PlacementSolver.Place(infeasible);

    private static PlacementRequest Request(List<Obligation> week, IReadOnlyList<TrackOption> tracks, IReadOnlyList<IndividualSlot> slots, PlacementPreferences wishes) =>
        new(week, [.. tracks], [.. slots], TreatmentProgram.DefaultMinimumHours(Population.Adult), wishes);

    private static TrackOption Track(Random random, string name, Weekdays days, int h1, int m1, int h2, int m2, int capacity,
        bool telehealthAvailable = false, bool isTelehealth = false) =>
        new(Id(random), name, days, new TimeOnly(h1, m1), new TimeOnly(h2, m2), capacity, capacity / 6, isTelehealth, telehealthAvailable);

    /// <summary>A week of clinician time: hourly therapy, short medication and case management visits.</summary>
    private static IEnumerable<IndividualSlot> FreeSlots(Random random)
    {
        foreach (var day in Weekdays5)
        {
            foreach (var hour in new[] { 8, 12, 16, 17 })
                for (var clinician = 0; clinician < 2; clinician++)
                    yield return new IndividualSlot(Id(random), SlotKind.IndividualTherapy, day, new TimeOnly(hour, 0), new TimeOnly(hour, 50), true, IsTelehealth: clinician == 1);
            yield return new IndividualSlot(Id(random), SlotKind.MedicationManagement, day, new TimeOnly(14, 0), new TimeOnly(14, 20), false);
            yield return new IndividualSlot(Id(random), SlotKind.CaseManagement, day, new TimeOnly(15, 0), new TimeOnly(15, 30), true);
        }
    }

    /// <summary>The mix an adult IOP sees: mostly people who work, some at night, parents, a few with little fixed, a few overloaded.</summary>
    private static List<Obligation> Obligations(Random random) => random.Next(100) switch
    {
        < 35 => DayWorker(random, random.Next(7, 10), random.Next(2) * 30),
        < 50 => NightWorker(random),
        < 70 => Parent(random, random.Next(10, 31)),
        < 80 => ShiftWorker(random),
        < 95 => FewObligations(random),
        _ => Overloaded(),
    };

    private static List<Obligation> DayWorker(Random random, int hour, int minute)
    {
        var start = new TimeOnly(hour, minute);
        var travel = random.Next(1, 4) * 15;
        return Weekdays5.Select(d => new Obligation(d, start, start.AddMinutes(510), "Work", travel, travel)).ToList();
    }

    private static List<Obligation> NightWorker(Random random)
    {
        var nights = new[] { DayOfWeek.Sunday, DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday };
        var start = new TimeOnly(random.Next(21, 24), 0);
        return nights.Select(d => new Obligation(d, start, new TimeOnly(7, 0), "Night shift", 30, 30))
            .Concat(Weekdays5.Select(d => new Obligation(d, new TimeOnly(7, 30), new TimeOnly(random.Next(13, 15), 0), "Sleep")))
            .ToList();
    }

    private static List<Obligation> Parent(Random random, int travel)
    {
        var week = Weekdays5.Select(d => new Obligation(d, new TimeOnly(8, 0), new TimeOnly(8, 30), "School drop-off", 0, travel))
            .Concat(Weekdays5.Select(d => new Obligation(d, new TimeOnly(15, 0), new TimeOnly(15, 30), "School pickup", travel, travel)))
            .ToList();
        if (random.Next(2) == 0) week.AddRange(Weekdays5.Select(d => new Obligation(d, new TimeOnly(18, 30), new TimeOnly(20, 0), "Bedtime")));
        return week;
    }

    private static List<Obligation> ShiftWorker(Random random)
    {
        var start = new TimeOnly(random.Next(2) == 0 ? 10 : 12, 0);
        return Enum.GetValues<DayOfWeek>().Where(_ => random.Next(2) == 0)
            .Select(d => new Obligation(d, start, start.AddMinutes(510), "Shift", 20, 20)).ToList();
    }

    private static List<Obligation> FewObligations(Random random) =>
        Enumerable.Range(0, random.Next(3))
            .Select(_ => new Obligation((DayOfWeek)random.Next(7), new TimeOnly(random.Next(8, 18), 0), new TimeOnly(random.Next(18, 22), 0), "Appointment"))
            .ToList();

    private static List<Obligation> Overloaded() =>
        Enum.GetValues<DayOfWeek>().Where(d => d != DayOfWeek.Sunday)
            .Select(d => new Obligation(d, new TimeOnly(7, 0), new TimeOnly(21, 30), "Work and care")).ToList();

    private static PlacementPreferences Wishes(Random random) => new(
        random.Next(4) == 0 ? Weekdays.Friday : Weekdays.None,
        random.Next(5) == 0,
        (TimeOfDay)random.Next(4));

    private static Guid Id(Random random)
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }
}
