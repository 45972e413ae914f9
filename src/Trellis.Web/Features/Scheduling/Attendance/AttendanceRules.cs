namespace Trellis.Web.Features.Scheduling;

/// <summary>How attendance statuses turn into minutes, and which entries make sense. Pure.</summary>
public static class AttendanceRules
{
    public static bool IsAbsence(AttendanceStatus status) => status is AttendanceStatus.AbsentExcused or AttendanceStatus.AbsentUnexcused;

    /// <summary>
    /// Minutes attended: the session's length, less minutes late and minutes left early (both may be
    /// given, whatever the status: someone can come late and leave early); none when absent.
    /// </summary>
    public static int MinutesAttended(AttendanceStatus status, int sessionMinutes, int? minutesLate, int? minutesLeftEarly)
    {
        if (!AttendanceRecord.IsAttended(status)) return 0;
        return Math.Max(0, sessionMinutes - (minutesLate ?? 0) - (minutesLeftEarly ?? 0));
    }

    /// <summary>What is wrong with one entry, or null. Field names are those of the entry.</summary>
    public static (string Field, string Message)? Check(AttendanceStatus status, int sessionMinutes, int? minutesLate, int? minutesLeftEarly)
    {
        if (minutesLate is < 0) return ("minutesLate", "Minutes late cannot be negative.");
        if (minutesLeftEarly is < 0) return ("minutesLeftEarly", "Minutes left early cannot be negative.");
        if (IsAbsence(status) && (minutesLate > 0 || minutesLeftEarly > 0))
            return ("status", "An absent participant was neither late nor left early; clear the minutes or choose another status.");
        if (status == AttendanceStatus.Late && minutesLate is null or 0)
            return ("minutesLate", "Enter how many minutes late they arrived.");
        if (status == AttendanceStatus.LeftEarly && minutesLeftEarly is null or 0)
            return ("minutesLeftEarly", "Enter how many minutes before the end they left.");
        if ((minutesLate ?? 0) + (minutesLeftEarly ?? 0) >= sessionMinutes && AttendanceRecord.IsAttended(status))
            return ("minutesLate", $"The session lasts {sessionMinutes} minutes; minutes late and left early together must leave some time attended. Mark them absent instead.");
        return null;
    }
}
