using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;
using Trellis.Web.Features.Scheduling.Actions;

namespace Trellis.Web.Features.Scheduling;

/// <summary>An appointment to book or change: the page's form and the API's body.</summary>
[AcceptsRepresentation(typeof(AppointmentDto))]
public sealed class AppointmentInput : IValidatableObject
{
    [Required(ErrorMessage = "Choose the participant.")] public Guid? ParticipantId { get; set; }
    [Required(ErrorMessage = "Choose who sees them."), Display(Name = "With")] public Guid? StaffMemberId { get; set; }
    [Display(Name = "Kind")] public ServiceType ServiceType { get; set; } = ServiceType.IndividualTherapy;
    [Required(ErrorMessage = "Choose the day.")] public DateOnly? Date { get; set; }
    [Required(ErrorMessage = "Enter the start time."), Display(Name = "Starts")] public TimeOnly? StartTime { get; set; }
    [Required(ErrorMessage = "Enter the end time."), Display(Name = "Ends")] public TimeOnly? EndTime { get; set; }
    [Display(Name = "Room")] public Guid? RoomId { get; set; }
    [MaxLength(500), Display(Name = "Video link")] public string? TelehealthUrl { get; set; }
    [MaxLength(2000)] public string? Notes { get; set; }
    /// <summary>1 for a one-off appointment; up to 26 for the same time every week.</summary>
    [Range(1, 26, ErrorMessage = "Repeat for 1 to 26 weeks."), Display(Name = "Weeks")] public int Weeks { get; set; } = 1;

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (!BookAppointment.Kinds.Contains(ServiceType))
            yield return new("Appointments are individual therapy, medication management, case management, family sessions or diagnostic evaluations; groups come from the track's schedule.", [nameof(ServiceType)]);
        foreach (var r in EventRules.Check("appointment", StartTime, EndTime, RoomId, TelehealthUrl, "")) yield return r;
    }

    public static AppointmentInput From(Appointment a, TimeZoneInfo zone) => new()
    {
        ParticipantId = a.ParticipantId, StaffMemberId = a.StaffMemberId, ServiceType = a.ServiceType, Date = a.LocalDate,
        StartTime = ProgramClock.LocalTime(a.StartsAt, zone), EndTime = ProgramClock.LocalTime(a.EndsAt, zone),
        RoomId = a.RoomId, TelehealthUrl = a.TelehealthUrl, Notes = a.Notes,
    };
}

/// <summary>Reading appointments for pages, actions and the API, through the participant filters.</summary>
public static class AppointmentQueries
{
    public static IQueryable<Appointment> Query(TrellisDbContext db) =>
        db.Appointments.Include(a => a.Participant).ThenInclude(p => p!.Program).Include(a => a.StaffMember).Include(a => a.Room);

    /// <summary>One appointment with its participant, program, staff member and room; null when missing or outside the caller's care team.</summary>
    public static Task<Appointment?> FindAsync(TrellisDbContext db, Guid id, bool tracking = false, CancellationToken ct = default) =>
        (tracking ? Query(db) : Query(db).AsNoTracking()).FirstOrDefaultAsync(a => a.Id == id, ct);
}

public sealed record AppointmentDto(Guid Id, Guid ParticipantId, string ParticipantName, Guid StaffMemberId, string StaffName, ServiceType ServiceType,
    DateTimeOffset StartsAt, DateTimeOffset EndsAt, DateOnly LocalDate, string LocalStart, string LocalEnd, string TimeZoneId, Guid? RoomId,
    string? RoomName, string? TelehealthUrl, AppointmentStatus Status, string? CancellationReason, Guid? SeriesId, string? Notes, long Version)
{
    public static AppointmentDto From(Appointment a)
    {
        var tz = a.Participant!.Program!.TimeZoneId;
        var zone = ProgramClock.Zone(tz);
        return new(a.Id, a.ParticipantId, a.Participant.DisplayName, a.StaffMemberId, a.StaffMember?.FullName ?? "", a.ServiceType, a.StartsAt, a.EndsAt,
            a.LocalDate, ProgramClock.Time(a.StartsAt, zone), ProgramClock.Time(a.EndsAt, zone), tz, a.RoomId, a.Room?.Name, a.TelehealthUrl,
            a.Status, a.CancellationReason, a.SeriesId, a.Notes, a.Version);
    }
}
