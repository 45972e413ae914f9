namespace Trellis.Web.Features.Portal.CheckIns;

/// <summary>The program's check-in rules as plain words. Pure: the check-in action and the sweep act on what it says.</summary>
public static class CheckInAlerts
{
    /// <summary>A check-in that met a rule: one open task per participant, the later ones notify.</summary>
    public const string TaskKind = "check_in_alert";
    /// <summary>No check-in for the program's number of days; closed by the next check-in.</summary>
    public const string MissingKind = "check_in_missing";

    /// <summary>Each rule the check-in meets, in words a clinician reads in a task ("craving 9/10 (alert at 8 or more)").</summary>
    public static List<string> Reasons(int mood, int craving, bool used, string? substances, CheckInRules rules)
    {
        var reasons = new List<string>();
        if (rules.AlertOnUse && used)
            reasons.Add(string.IsNullOrWhiteSpace(substances) ? "use reported since the last check-in" : $"use reported since the last check-in ({substances.Trim()})");
        if (rules.CravingAtLeast is { } c && craving >= c) reasons.Add($"craving {craving}/10 (alert at {c} or more)");
        if (rules.MoodAtMost is { } m && mood <= m) reasons.Add($"mood {mood}/10 (alert at {m} or less)");
        return reasons;
    }

    /// <summary>Whether a participant whose last check-in was on <paramref name="last"/> has gone too long without one.</summary>
    public static bool Missing(DateOnly last, DateOnly today, CheckInRules rules) =>
        rules.DaysWithoutCheckIn is { } days && today.DayNumber - last.DayNumber >= days;
}
