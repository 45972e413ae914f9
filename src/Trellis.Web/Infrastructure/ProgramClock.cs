using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace Trellis.Web.Infrastructure;

/// <summary>
/// Wall-clock time in a program's time zone. Sessions are planned in local time ("Monday 9:00")
/// and stored as UTC instants; every conversion goes through here, so a 9:00 group is at 9:00 on
/// both sides of a daylight-saving change.
/// </summary>
public static class ProgramClock
{
    private static readonly ConcurrentDictionary<string, TimeZoneInfo> Zones = new();

    public static TimeZoneInfo Zone(string timeZoneId) =>
        Zones.GetOrAdd(timeZoneId, id => TimeZoneInfo.TryFindSystemTimeZoneById(id, out var z) ? z : TimeZoneInfo.Utc);

    /// <summary>
    /// The instant a local date and time names. A time skipped by the spring change (2:30 on the
    /// second Sunday of March in the US) is moved forward by the gap, as clocks are; a time that
    /// happens twice in the autumn is taken the first time (still on daylight time).
    /// </summary>
    public static DateTimeOffset ToInstant(DateOnly date, TimeOnly time, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            var before = zone.GetUtcOffset(local.AddHours(-3));
            return new DateTimeOffset(local, before).ToUniversalTime();
        }
        if (zone.IsAmbiguousTime(local))
        {
            var offset = zone.GetAmbiguousTimeOffsets(local).Max();
            return new DateTimeOffset(local, offset).ToUniversalTime();
        }
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    public static DateTime ToLocal(DateTimeOffset instant, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(instant, zone).DateTime;

    public static DateOnly LocalDate(DateTimeOffset instant, TimeZoneInfo zone) => DateOnly.FromDateTime(ToLocal(instant, zone));

    /// <summary>The program's calendar day at <paramref name="now"/>; in a US evening UTC has already moved on to tomorrow.</summary>
    public static DateOnly Today(DateTimeOffset now, string? timeZoneId) =>
        timeZoneId is null ? DateOnly.FromDateTime(now.UtcDateTime) : LocalDate(now, Zone(timeZoneId));

    /// <summary>
    /// The clinic's calendar day (the organization's time zone), for lists that span programs: tasks
    /// due, authorizations ending, pipeline figures. In a US evening UTC is already tomorrow, and a
    /// task due today would turn red, or an authorization lose a day, hours early.
    /// </summary>
    public static async Task<DateOnly> ClinicTodayAsync(TrellisDbContext db, CancellationToken ct = default) =>
        Today(db.Now, await db.Clinic.Select(o => o.TimeZoneId).FirstOrDefaultAsync(ct));

    public static TimeOnly LocalTime(DateTimeOffset instant, TimeZoneInfo zone) => TimeOnly.FromDateTime(ToLocal(instant, zone));

    /// <summary>The clinic week starts on Monday.</summary>
    public static DateOnly WeekStart(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    public static string Time(DateTimeOffset instant, TimeZoneInfo zone) => ToLocal(instant, zone).ToString("H:mm", CultureInfo.InvariantCulture);

    /// <summary>"9:00–9:50".</summary>
    public static string Span(DateTimeOffset start, DateTimeOffset end, TimeZoneInfo zone) => $"{Time(start, zone)}–{Time(end, zone)}";

    /// <summary>"Wed Mar 11, 10:00–10:50".</summary>
    public static string When(DateTimeOffset start, DateTimeOffset end, TimeZoneInfo zone) =>
        $"{ToLocal(start, zone).ToString("ddd MMM d", CultureInfo.InvariantCulture)}, {Span(start, end, zone)}";

    /// <summary>An instant on the program's wall clock; without a zone, UTC.</summary>
    public static DateTime In(DateTimeOffset at, string? timeZoneId) =>
        timeZoneId is null ? at.UtcDateTime : ToLocal(at, Zone(timeZoneId));

    /// <summary>"Nov 30, 2026" by default, on the program's wall clock (a screen given at 7 pm in Portland is dated that day).</summary>
    public static string Show(DateTimeOffset at, string? timeZoneId, string format = "MMM d, yyyy") =>
        In(at, timeZoneId).ToString(format, CultureInfo.InvariantCulture);

    /// <summary>"Nov 30, 2026, 4:36 PM".</summary>
    public static string ShowWithTime(DateTimeOffset at, string? timeZoneId) => Show(at, timeZoneId, "MMM d, yyyy, h:mm tt");
}
