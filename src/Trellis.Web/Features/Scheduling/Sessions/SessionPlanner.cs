using Trellis.Web.Features.Organization;

namespace Trellis.Web.Features.Scheduling;

/// <summary>One session a template item should have on one day, as generation would make it.</summary>
public sealed record PlannedSession(Guid TemplateId, DateOnly LocalDate, DateTimeOffset StartsAt, DateTimeOffset EndsAt);

/// <summary>
/// Which dated sessions a weekly template makes over a range of days. Pure: the database part
/// (what exists already, closures, saving) is in <see cref="SessionGeneration"/>.
/// </summary>
public static class SessionPlanner
{
    public static IEnumerable<PlannedSession> Plan(SessionTemplate template, Track track, DateOnly from, DateOnly to, TimeZoneInfo zone)
    {
        // A template only meets on days its track meets: the track is what participants signed up for.
        var days = template.Weekdays & track.Weekdays;
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            if (!days.HasFlag(day.DayOfWeek.ToFlag())) continue;
            var start = ProgramClock.ToInstant(day, template.StartTime, zone);
            var end = ProgramClock.ToInstant(day, template.EndTime, zone);
            yield return new PlannedSession(template.Id, day, start, end);
        }
    }

    /// <summary>Problems with a template item inside its track, each a sentence for the field it is about.</summary>
    public static IEnumerable<(string Field, string Message)> Check(SessionTemplate item, Track track, IEnumerable<SessionTemplate> others)
    {
        if (item.EndTime <= item.StartTime)
        {
            yield return ("EndTime", $"The group ends at {item.EndTime:H\\:mm}, which is not after it starts at {item.StartTime:H\\:mm}.");
            yield break;
        }
        if (item.StartTime < track.StartTime || item.EndTime > track.EndTime)
            yield return ("StartTime", $"The {track.Name} track meets {track.StartTime:H\\:mm}–{track.EndTime:H\\:mm}; the group must fit inside those hours.");
        if ((item.Weekdays & track.Weekdays) == Weekdays.None)
            yield return ("Weekdays", $"Choose at least one of the track's days ({track.Weekdays.ToShortText()}).");
        else if ((item.Weekdays & ~track.Weekdays) != Weekdays.None)
            yield return ("Weekdays", $"The {track.Name} track does not meet on {(item.Weekdays & ~track.Weekdays).ToShortText()}.");
        foreach (var other in others.Where(o => o.Id != item.Id && o.IsActive && item.IsActive))
        {
            var shared = other.Weekdays & item.Weekdays;
            if (shared != Weekdays.None && other.StartTime < item.EndTime && item.StartTime < other.EndTime)
                yield return ("StartTime", $"It overlaps {other.Title} ({other.StartTime:H\\:mm}–{other.EndTime:H\\:mm} on {shared.ToShortText()}).");
        }
    }
}
