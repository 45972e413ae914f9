using Trellis.Web.Features.Organization;

namespace Trellis.Web.Features.Scheduling.Placement;

// Every time in placement is a local wall-clock time on a weekday of a recurring week, in the
// program's time zone. Daylight saving time therefore does not enter: a group at 9:00 is at 9:00
// on both sides of a change, and a week of placement has no dates in it. Turning the plan into
// dated sessions is the scheduling feature's job, not the solver's.

/// <summary>
/// Something fixed in the participant's week: a work shift, school pickup, a custody visit. One
/// record per weekday, so a Mon–Fri job is five obligations and moving "Thursday's shift" is a
/// change the suggestions can name. <paramref name="End"/> at or before <paramref name="Start"/>
/// means the obligation runs past midnight (a night shift 22:00–6:30 ends the next morning).
/// Travel minutes are the time the participant needs to get between this and the clinic; a session
/// joined by video needs none.
/// </summary>
public sealed record Obligation(
    DayOfWeek Day,
    TimeOnly Start,
    TimeOnly End,
    string Label,
    int TravelMinutesBefore = 0,
    int TravelMinutesAfter = 0);

/// <summary>
/// A track the participant could join. A track is a package: whoever joins it attends every one of
/// its sessions, because the group is the treatment and its members move through the curriculum
/// together. So the solver never mixes Monday of one track with Thursday of another.
/// </summary>
/// <param name="IsTelehealth">The group meets by video only: no travel around it, ever.</param>
/// <param name="TelehealthAvailable">The group meets in person, but the same sessions can be joined by video,
/// which removes travel time. Used only when the request allows it, otherwise offered as a suggestion.</param>
public sealed record TrackOption(
    Guid Id,
    string Name,
    Weekdays Days,
    TimeOnly Start,
    TimeOnly End,
    int Capacity,
    int Enrolled,
    bool IsTelehealth = false,
    bool TelehealthAvailable = false)
{
    public bool IsFull => Enrolled >= Capacity;

    /// <summary>The solver's view of a configured track, with the enrollment counted by the caller.</summary>
    public static TrackOption From(Track track, int enrolled, bool isTelehealth = false, bool telehealthAvailable = false) =>
        new(track.Id, track.Name, track.Weekdays, track.StartTime, track.EndTime, track.Capacity, enrolled, isTelehealth, telehealthAvailable);
}

public enum SlotKind { IndividualTherapy, MedicationManagement, CaseManagement }

/// <summary>
/// A free appointment a staff member could give this participant each week. Slots that do not
/// count toward the required hours are accepted so callers can pass the whole free list, but the
/// solver never picks them: they add a session without helping the hours.
/// </summary>
public sealed record IndividualSlot(
    Guid Id,
    SlotKind Kind,
    DayOfWeek Day,
    TimeOnly Start,
    TimeOnly End,
    bool CountsTowardHours,
    bool IsTelehealth = false);

public enum TimeOfDay { Any, Morning, Afternoon, Evening }

/// <summary>Soft wishes: the plan honours them where it can, never at the cost of the required hours.</summary>
/// <param name="PreferredDaysOff">Each attended day among these counts as one violation.</param>
/// <param name="PreferFewerDays">Each attended day counts as one violation, so fewer days weigh as much as the other wishes,
/// not only as the last tie-break.</param>
/// <param name="PreferredTimeOfDay">Each session starting outside this part of the day counts as one violation
/// (morning before 12:00, afternoon 12:00–17:00, evening from 17:00).</param>
public sealed record PlacementPreferences(
    Weekdays PreferredDaysOff = Weekdays.None,
    bool PreferFewerDays = false,
    TimeOfDay PreferredTimeOfDay = TimeOfDay.Any)
{
    public static readonly PlacementPreferences None = new();
}

/// <summary>Everything placement needs about one participant and one program.</summary>
/// <param name="MinimumWeeklyHours">Counted hours a week: group hours plus counted individual slots (9 adults, 6 adolescents).</param>
/// <param name="UseTelehealthWhereAvailable">The participant agrees to join by video the tracks that offer it.</param>
public sealed record PlacementRequest(
    IReadOnlyList<Obligation> Obligations,
    IReadOnlyList<TrackOption> Tracks,
    IReadOnlyList<IndividualSlot> Slots,
    decimal MinimumWeeklyHours,
    PlacementPreferences? Preferences = null,
    bool UseTelehealthWhereAvailable = false)
{
    public PlacementPreferences EffectivePreferences => Preferences ?? PlacementPreferences.None;
}
