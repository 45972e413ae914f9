using System.Globalization;
using Trellis.Web.Features.Organization;

namespace Trellis.Web.Features.Scheduling.Placement;

/// <summary>
/// The words placement uses, in one place so every sentence names tracks, days and times the same
/// way. Sentences speak to the participant ("your week") because the clinician reads them out.
/// </summary>
internal static class PlacementText
{
    public static string Time(TimeOnly t) => t.ToString("H:mm", CultureInfo.InvariantCulture);

    public static string Span(TimeOnly start, TimeOnly end) => $"{Time(start)}–{Time(end)}";

    /// <summary>"the Evening group (Mon/Tue/Thu 18:00–21:00)", with "by video" when it only meets that way.</summary>
    public static string Track(TrackOption t) =>
        $"the {t.Name} group ({t.Days.ToShortText()} {Span(t.Start, t.End)}{(t.IsTelehealth ? ", by video" : "")})";

    /// <summary>"your Work on Monday (8:00–16:30)", "overnight" when it runs past midnight.</summary>
    public static string Obligation(Obligation o) =>
        $"your {o.Label} on {o.Day} ({Span(o.Start, o.End)}{(o.End <= o.Start ? ", overnight" : "")})";

    public static string Hours(int minutes)
    {
        var hours = (minutes / 60m).ToString("0.##", CultureInfo.InvariantCulture);
        return minutes == 60 ? "1 hour" : $"{hours} hours";
    }

    public static string Sessions(int count) => count == 1 ? "1 individual session" : $"{count} individual sessions";

    public static string Kind(SlotKind kind) => kind switch
    {
        SlotKind.IndividualTherapy => "Individual therapy",
        SlotKind.MedicationManagement => "Medication management",
        _ => "Case management",
    };

    public static string Capitalised(string sentence) =>
        sentence.Length == 0 ? sentence : char.ToUpperInvariant(sentence[0]) + sentence[1..];

    public static string List(IReadOnlyList<string> items) => items.Count switch
    {
        0 => "",
        1 => items[0],
        2 => $"{items[0]} and {items[1]}",
        _ => string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1],
    };

    /// <summary>Names the group's day only when it differs from the obligation's, as with a night shift.</summary>
    public static string Clash(Obligation o, DayOfWeek sessionDay, bool travelOnly)
    {
        var subject = o.Day == sessionDay ? "It" : $"Its {sessionDay} session";
        return travelOnly
            ? $"{subject} leaves no time to travel to or from {Obligation(o)}."
            : $"{subject} overlaps {Obligation(o)}.";
    }
}
