using Trellis.Web.Infrastructure;
using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;
using Trellis.Web.Features.Participants;

namespace Trellis.Web.Features.Scheduling;

/// <summary>An appointment to book or change: the page's form and the API's body.</summary>
public sealed class AppointmentInput
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
}

public sealed record BookingOutcome(Dictionary<string, string[]> Errors, List<ScheduleConflict> Conflicts, List<Appointment> Booked)
{
    public bool Ok => Errors.Count == 0 && Conflicts.Count == 0;
}

/// <summary>
/// Booking an individual, medication-management, case-management or family appointment, once or
/// weekly. Any clash (the staff member, the room, or the participant busy at that time) refuses the
/// whole booking and names each clashing event, so a series is never half booked.
/// </summary>
public static class BookAppointment
{
    public static readonly ServiceType[] Kinds =
        [ServiceType.IndividualTherapy, ServiceType.MedicationManagement, ServiceType.CaseManagement, ServiceType.FamilyTherapy];

    public static async Task<BookingOutcome> BookAsync(TrellisDbContext db, AppointmentInput input, Appointment? existing = null, CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string[]>();
        void Add(string field, string message) => errors[field] = [message];
        var participant = input.ParticipantId is { } pid
            ? await db.Participants.Include(p => p.Program).AsNoTracking().FirstOrDefaultAsync(p => p.Id == pid, ct) : null;
        if (participant is null) return new(new() { [nameof(input.ParticipantId)] = ["No participant with that id exists, or they are outside your programs."] }, [], []);
        if (participant.Status is ParticipantStatus.Discharged) Add(nameof(input.ParticipantId), $"{participant.DisplayName} was discharged; appointments can only be booked for current participants.");
        var zone = ProgramClock.Zone(participant.Program!.TimeZoneId);
        var today = ProgramClock.LocalDate(db.Now, zone);

        if (!Kinds.Contains(input.ServiceType)) Add(nameof(input.ServiceType), "Appointments are individual therapy, medication management, case management or family sessions; groups come from the track's schedule.");
        if (input.StartTime is { } s && input.EndTime is { } e && e <= s)
            Add(nameof(input.EndTime), $"The appointment ends at {e:H\\:mm}, which is not after it starts at {s:H\\:mm}.");
        if (input.Date is { } d && d < today && existing is null) Add(nameof(input.Date), "Choose today or a later day.");
        if (existing is not null && input.Weeks != 1) Add(nameof(input.Weeks), "Change one appointment at a time; book a new series to repeat.");
        var staff = input.StaffMemberId is { } sid ? await db.Staff.AsNoTracking().FirstOrDefaultAsync(x => x.Id == sid, ct) : null;
        if (staff is null || !staff.IsActive) Add(nameof(input.StaffMemberId), "Choose an active staff member.");
        if (input.RoomId is { } roomId && !await db.Rooms.AnyAsync(r => r.Id == roomId && r.IsActive, ct)) Add(nameof(input.RoomId), "Choose an active room.");
        if (input.TelehealthUrl is { Length: > 0 } url && !QueryText.IsHttpsUrl(url))
            Add(nameof(input.TelehealthUrl), "The video link must be a full https:// address.");
        if (input.RoomId is null && string.IsNullOrWhiteSpace(input.TelehealthUrl))
            Add(nameof(input.RoomId), "Choose a room or give a video link.");
        if (errors.Count > 0) return new(errors, [], []);

        var series = input.Weeks > 1 ? Guid.CreateVersion7() : existing?.SeriesId;
        var planned = Enumerable.Range(0, input.Weeks).Select(w => input.Date!.Value.AddDays(7 * w)).ToList();
        var conflicts = new List<ScheduleConflict>();
        foreach (var day in planned)
        {
            var startsAt = ProgramClock.ToInstant(day, input.StartTime!.Value, zone);
            var endsAt = ProgramClock.ToInstant(day, input.EndTime!.Value, zone);
            conflicts.AddRange(await Conflicts.FindAsync(db, new ProposedEvent(startsAt, endsAt, [staff!.Id], input.RoomId, [participant.Id], zone,
                AppointmentId: existing?.Id), ct));
        }
        if (conflicts.Count > 0) return new([], conflicts, []);

        var booked = new List<Appointment>();
        foreach (var day in planned)
        {
            var a = existing ?? new Appointment { ParticipantId = participant.Id, SeriesId = series };
            a.StaffMemberId = staff!.Id;
            a.ServiceType = input.ServiceType;
            a.LocalDate = day;
            a.StartsAt = ProgramClock.ToInstant(day, input.StartTime!.Value, zone);
            a.EndsAt = ProgramClock.ToInstant(day, input.EndTime!.Value, zone);
            a.RoomId = input.RoomId;
            a.TelehealthUrl = string.IsNullOrWhiteSpace(input.TelehealthUrl) ? null : input.TelehealthUrl.Trim();
            a.Notes = string.IsNullOrWhiteSpace(input.Notes) ? null : input.Notes.Trim();
            if (existing is null) db.Appointments.Add(a);
            booked.Add(a);
        }
        return new([], [], booked);
    }

    public static AppointmentInput From(Appointment a, TimeZoneInfo zone) => new()
    {
        ParticipantId = a.ParticipantId, StaffMemberId = a.StaffMemberId, ServiceType = a.ServiceType, Date = a.LocalDate,
        StartTime = ProgramClock.LocalTime(a.StartsAt, zone), EndTime = ProgramClock.LocalTime(a.EndsAt, zone),
        RoomId = a.RoomId, TelehealthUrl = a.TelehealthUrl, Notes = a.Notes,
    };
}
