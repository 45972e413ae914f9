namespace Trellis.Web.Features.Scheduling;

/// <summary>One recorded session or appointment of a participant, oldest first.</summary>
public sealed record AttendanceMark(DateTimeOffset StartsAt, AttendanceStatus Status);

/// <summary>Why an engagement alert is raised, in words for the case manager.</summary>
public sealed record EngagementConcern(string Reason);

/// <summary>
/// The engagement early warning. Two rules, both configurable per program: a run of consecutive
/// absences (excused or not: either way the person is not in treatment), and the share of
/// recorded sessions attended over the last weeks. Pure.
/// </summary>
public static class EngagementRules
{
    /// <summary>Fewer recorded sessions than this in the window say too little to judge a rate.</summary>
    public const int MinimumSessionsForRate = 3;

    public static EngagementConcern? Evaluate(IReadOnlyList<AttendanceMark> marks, DateTimeOffset now, int consecutiveAbsences,
        int minimumPercent, int windowWeeks)
    {
        var ordered = marks.Where(m => m.StartsAt <= now).OrderBy(m => m.StartsAt).ToList();
        var run = 0;
        for (var i = ordered.Count - 1; i >= 0 && AttendanceRules.IsAbsence(ordered[i].Status); i--) run++;
        if (consecutiveAbsences > 0 && run >= consecutiveAbsences)
            return new EngagementConcern($"Missed the last {run} sessions in a row.");

        var window = ordered.Where(m => m.StartsAt > now.AddDays(-7 * windowWeeks)).ToList();
        if (window.Count < MinimumSessionsForRate) return null;
        var attended = window.Count(m => AttendanceRecord.IsAttended(m.Status));
        var percent = (int)Math.Floor(100m * attended / window.Count);
        return percent < minimumPercent
            ? new EngagementConcern($"Attended {attended} of {window.Count} sessions ({percent}%) in the last {windowWeeks} weeks, under the program's {minimumPercent}%.")
            : null;
    }
}
