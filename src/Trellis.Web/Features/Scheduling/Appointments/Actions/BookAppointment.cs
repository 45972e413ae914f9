using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Participants;

namespace Trellis.Web.Features.Scheduling.Actions;

/// <summary>
/// Book an individual, medication-management, case-management or family appointment, once or weekly
/// (a series of up to 26). The staff member must be active and assigned to the participant's program:
/// their schedule, and the calendar feed built from it, must never hold someone they cannot open. Any
/// clash (the staff member, the room, or the participant busy at that time) refuses the whole booking
/// and names each clashing event, so a series is never half booked. Called by the booking page and
/// POST /api/appointments; the weekly plan books through <see cref="AddAsync"/>.
/// </summary>
public static class BookAppointment
{
    public static readonly ServiceType[] Kinds =
        [ServiceType.IndividualTherapy, ServiceType.MedicationManagement, ServiceType.CaseManagement, ServiceType.FamilyTherapy, ServiceType.DiagnosticEvaluation];

    public static async Task<Result<List<Appointment>>> RunAsync(TrellisDbContext db, AppointmentInput input, CancellationToken ct = default)
    {
        Participant? participant = null;
        if (input.ParticipantId is { } pid && (participant = await ParticipantAsync(db, pid, ct)) is null) return Refusal.NotFound("participant");
        if (!db.Me.May(Permissions.BookAppointments)) return Refusal.Forbidden("Your role does not book appointments.");
        var (booked, refused) = await AddAsync(db, participant, input, null, ct);
        if (refused is not null) return refused;
        await db.SaveChangesAsync(ct);
        return booked!;
    }

    public static Task<Participant?> ParticipantAsync(TrellisDbContext db, Guid id, CancellationToken ct) =>
        db.Participants.Include(p => p.Program).AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);

    /// <summary>
    /// Checks a booking (or a change to <paramref name="existing"/>) and adds or changes its rows without
    /// saving, so a caller can book several at once and save them together.
    /// </summary>
    public static async Task<Result<List<Appointment>>> AddAsync(TrellisDbContext db, Participant? participant, AppointmentInput input,
        Appointment? existing, CancellationToken ct)
    {
        var errors = new InputErrors(input);
        if (participant is null) return errors.Refusal ?? Refusal.Invalid("participantId", "Choose the participant.");
        var program = participant.Program!;
        if (participant.Status is ParticipantStatus.Discharged)
            errors.Add("participantId", $"{participant.DisplayName} was discharged; appointments can only be booked for current participants.");
        var zone = ProgramClock.Zone(program.TimeZoneId);
        var today = ProgramClock.LocalDate(db.Now, zone);
        if (input.Date is { } d && d < today && existing is null) errors.Add("date", "Choose today or a later day.");
        if (existing is not null && input.Weeks != 1) errors.Add("weeks", "Change one appointment at a time; book a new series to repeat.");
        if (input.StaffMemberId is { } sid && !await SessionQueries.StaffOf(db, program.Id).AnyAsync(s => s.Id == sid, ct))
            errors.Add("staffMemberId", $"Choose an active staff member assigned to {program.Name}.");
        if (input.RoomId is { } roomId && !await db.Rooms.AnyAsync(r => r.Id == roomId && r.IsActive, ct)) errors.Add("roomId", "Choose an active room.");
        if (errors.Refusal is { } invalid) return invalid;

        var staffId = input.StaffMemberId!.Value;
        var series = input.Weeks > 1 ? Guid.CreateVersion7() : existing?.SeriesId;
        var planned = Enumerable.Range(0, input.Weeks).Select(w => input.Date!.Value.AddDays(7 * w)).ToList();
        var conflicts = new List<ScheduleConflict>();
        foreach (var day in planned)
            conflicts.AddRange(await Conflicts.FindAsync(db, new ProposedEvent(ProgramClock.ToInstant(day, input.StartTime!.Value, zone),
                ProgramClock.ToInstant(day, input.EndTime!.Value, zone), [staffId], input.RoomId, [participant.Id], zone, AppointmentId: existing?.Id), ct));
        if (conflicts.Count > 0) return Conflicts.Refuse(conflicts);

        var booked = new List<Appointment>();
        foreach (var day in planned)
        {
            var a = existing ?? new Appointment { ParticipantId = participant.Id, SeriesId = series };
            a.StaffMemberId = staffId;
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
        return booked;
    }
}
