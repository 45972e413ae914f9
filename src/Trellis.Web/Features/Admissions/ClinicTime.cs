namespace Trellis.Web.Features.Admissions;

/// <summary>
/// Instants as the clinic reads them: on the program's wall clock, not in UTC, so a screen given at
/// 7 pm in Portland is dated that day, not the next.
/// </summary>
public static class ClinicTime
{
    public static DateTime In(DateTimeOffset at, string? timeZoneId) =>
        timeZoneId is null ? at.UtcDateTime : Scheduling.ProgramClock.ToLocal(at, Scheduling.ProgramClock.Zone(timeZoneId));

    /// <summary>"Nov 30, 2026" by default; pass a format for more.</summary>
    public static string Show(DateTimeOffset at, string? timeZoneId, string format = "MMM d, yyyy") =>
        In(at, timeZoneId).ToString(format, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>"Nov 30, 2026, 4:36 PM".</summary>
    public static string ShowWithTime(DateTimeOffset at, string? timeZoneId) => Show(at, timeZoneId, "MMM d, yyyy, h:mm tt");
}
