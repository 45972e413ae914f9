using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace Trellis.Web.Features.Scheduling;

/// <summary>
/// Turns a schedule into RFC 5545 iCalendar with Ical.Net. Times are written in UTC, so every
/// calendar app shows them in its own zone and daylight-saving changes need no VTIMEZONE. Unless the
/// owner opted in, an event says only "Trellis session", its time and place: a phone's lock screen
/// or a shared family calendar must not reveal what kind of treatment someone is in. A calendar service
/// is a third party: the name of a participant of a 42 CFR Part 2 program never goes into a feed, even
/// with details on (the event then names only the kind of appointment).
/// </summary>
public static class ICalendarWriter
{
    public const string PrivateTitle = "Trellis session";

    public static string Write(IEnumerable<ScheduleItem> items, string calendarName, bool includeDetails, DateTimeOffset stamp)
    {
        var calendar = new Calendar { ProductId = "-//Trellis//Schedule feed//EN" };
        calendar.AddProperty("X-WR-CALNAME", calendarName);
        calendar.AddProperty("X-PUBLISHED-TTL", "PT1H");
        foreach (var item in items)
        {
            var e = new CalendarEvent
            {
                Uid = $"{item.Id}@trellis",
                Summary = includeDetails ? Title(item) : PrivateTitle,
                Start = new CalDateTime(item.StartsAt.UtcDateTime, "UTC"),
                End = new CalDateTime(item.EndsAt.UtcDateTime, "UTC"),
                DtStamp = new CalDateTime(stamp.UtcDateTime, "UTC"),
                Location = item.TelehealthUrl is not null && item.Room is null ? "By video" : item.Room,
                Status = item.Cancelled ? EventStatus.Cancelled : EventStatus.Confirmed,
            };
            if (item.TelehealthUrl is not null) e.Url = new Uri(item.TelehealthUrl);
            if (includeDetails)
                e.Description = string.Join("\n", new[]
                {
                    item.TrackName is null ? null : $"{item.TrackName} track",
                    item.Staff.Count == 0 ? null : "With " + string.Join(", ", item.Staff),
                    Named(item) is { } name ? $"Participant: {name}" : null,
                    item.Cancelled ? $"Cancelled: {item.CancellationReason}" : null,
                }.Where(s => s is not null));
            else if (item.Cancelled)
                e.Description = "Cancelled";
            calendar.Events.Add(e);
        }
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    private static string Title(ScheduleItem item) => Named(item) is { } name ? $"{item.Title}: {name}" : item.Title;

    /// <summary>The participant's name where a feed may carry it: never for a Part 2 program.</summary>
    private static string? Named(ScheduleItem item) => item.Part2 ? null : item.ParticipantName;
}
