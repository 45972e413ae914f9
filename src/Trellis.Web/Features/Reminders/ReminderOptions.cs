namespace Trellis.Web.Features.Reminders;

/// <summary>Settings under <c>Reminders</c>.</summary>
public sealed class ReminderOptions
{
    /// <summary>The hour of the day (0–23, in each program's own time zone) from which reminders go out: the day before a session, and the daily round of follow-ups.</summary>
    public int Hour { get; set; } = 17;
    /// <summary>A missed session is followed up for this many days after it.</summary>
    public int MissedWithinDays { get; set; } = 3;
}
