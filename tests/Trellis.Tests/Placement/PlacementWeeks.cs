using Trellis.Web.Features.Organization;
using Trellis.Web.Features.Scheduling.Placement;

namespace Trellis.Tests.Placement;

/// <summary>Readable building blocks for the hand-written weeks: "9:00", Mon–Fri shifts, the usual tracks.</summary>
internal static class PlacementWeeks
{
    public static readonly DayOfWeek[] Weekdays5 =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    public static TimeOnly At(string time) => TimeOnly.ParseExact(time, "H:mm", System.Globalization.CultureInfo.InvariantCulture);

    public static List<Obligation> Every(IEnumerable<DayOfWeek> days, string start, string end, string label, int before = 0, int after = 0) =>
        days.Select(d => new Obligation(d, At(start), At(end), label, before, after)).ToList();

    public static TrackOption Track(string name, Weekdays days, string start, string end,
        int capacity = 12, int enrolled = 0, bool telehealthAvailable = false, bool isTelehealth = false) =>
        new(IdFor(name), name, days, At(start), At(end), capacity, enrolled, isTelehealth, telehealthAvailable);

    public static IndividualSlot Slot(DayOfWeek day, string start, string end, bool counts = true,
        SlotKind kind = SlotKind.IndividualTherapy, bool isTelehealth = false) =>
        new(IdFor($"{day}{start}{end}{kind}"), kind, day, At(start), At(end), counts, isTelehealth);

    public static TrackOption Morning(int enrolled = 0) =>
        Track("Morning", Weekdays.Monday | Weekdays.Wednesday | Weekdays.Thursday, "9:00", "12:00", enrolled: enrolled);

    public static TrackOption Afternoon(int enrolled = 0) =>
        Track("Afternoon", Weekdays.Tuesday | Weekdays.Thursday | Weekdays.Friday, "13:00", "16:00", enrolled: enrolled);

    public static TrackOption Evening(int enrolled = 0) =>
        Track("Evening", Weekdays.Monday | Weekdays.Tuesday | Weekdays.Thursday, "18:00", "21:00", enrolled: enrolled);

    public static PlacementRequest Week(IEnumerable<Obligation> obligations, IEnumerable<TrackOption> tracks,
        IEnumerable<IndividualSlot>? slots = null, decimal hours = 9m, PlacementPreferences? preferences = null) =>
        new(obligations.ToList(), tracks.ToList(), (slots ?? []).ToList(), hours, preferences);

    // Stable ids from names keep failures readable and runs identical.
    private static Guid IdFor(string name) =>
        new(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes(name)));
}
