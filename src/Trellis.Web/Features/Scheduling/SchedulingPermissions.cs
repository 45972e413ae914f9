namespace Trellis.Web.Features.Scheduling;

/// <summary>Role sets of scheduling, beside the app-wide ones in Auth.Permissions. Which records is decided by scope.</summary>
public static class SchedulingPermissions
{
    /// <summary>Track templates, closures, generation, the program's scheduling rules, anyone's availability.</summary>
    public const string ManageSchedule = "Administrator,ProgramDirector";
    /// <summary>One-off changes to a session (room, facilitator, time, capacity) and cancelling one.</summary>
    public const string EditSessions = "Administrator,ProgramDirector,Clinician";
    /// <summary>Those who run groups and see people: they take attendance.</summary>
    public const string TakeAttendance = "ProgramDirector,Clinician,Prescriber,CaseManager";
    public const string BookAppointments = Auth.Permissions.AnyStaff;
}
