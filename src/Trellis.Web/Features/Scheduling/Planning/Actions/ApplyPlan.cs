using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Organization;
using Trellis.Web.Features.Participants;

namespace Trellis.Web.Features.Scheduling.Actions;

/// <summary>The plan to put into effect: its track, the free individual slots it chose and for how many weeks to book them.</summary>
public sealed class ApplyPlanInput
{
    [Required(ErrorMessage = "Choose the plan's track.")] public Guid? TrackId { get; set; }
    public List<Guid> SlotIds { get; set; } = [];
    [Range(1, 26, ErrorMessage = "Book the sessions for 1 to 26 weeks.")] public int Weeks { get; set; } = 8;
}

/// <summary>What applying a plan did.</summary>
public sealed record PlanApplied(bool MovedTrack, int AppointmentsBooked);

/// <summary>
/// Put a weekly plan into effect: the participant moves to the plan's track (a new enrollment from the
/// next day, the old one ended today) and each individual slot is booked as a weekly appointment, under
/// the booking rules. All or nothing: a slot taken meanwhile, a clash, or a track that filled up stops
/// it. Called by the weekly plan page.
/// </summary>
public static class ApplyPlan
{
    public static async Task<Result<PlanApplied>> RunAsync(TrellisDbContext db, Guid participantId, ApplyPlanInput input, CancellationToken ct = default)
    {
        var participant = await db.Participants.Include(p => p.Program).Include(p => p.Enrollments).FirstOrDefaultAsync(p => p.Id == participantId, ct);
        if (participant is null) return Refusal.NotFound("participant");
        if (!db.Me.May(Permissions.EditParticipants)) return Refusal.Forbidden("Your role cannot change a participant's track.");
        if (Validation.Check(input) is { } invalid) return invalid;
        if (participant.Status is not (ParticipantStatus.Admitted or ParticipantStatus.Active or ParticipantStatus.OnHold or ParticipantStatus.Waitlisted))
            return Refusal.Conflict($"{participant.DisplayName} is {EnumText.Label(participant.Status).ToLowerInvariant()}; a weekly plan is for admitted or active participants.");
        var track = await db.Tracks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == input.TrackId && t.ProgramId == participant.ProgramId && t.IsActive, ct);
        if (track is null) return Refusal.Invalid("trackId", "That track is not an active track of the participant's program.");
        var today = participant.Today(db.Now);
        var moving = participant.TrackId != track.Id;
        if (moving && (await TrackCensus.EnrolledAsync(db, ct)).GetValueOrDefault(track.Id) >= track.Capacity)
            return Refusal.Conflict($"The {track.Name} track filled up meanwhile ({track.Capacity} places). Plan again.");

        var booked = await BookSlotsAsync(db, participant, input, today, ct);
        if (booked.Refusal is { } refused)
        {
            foreach (var e in db.ChangeTracker.Entries<Appointment>().Where(e => e.State == EntityState.Added).ToList()) e.State = EntityState.Detached;
            return refused;
        }
        if (moving) Move(db, participant, track, today);
        await db.SaveChangesAsync(ct);
        return new PlanApplied(moving, booked.Value);
    }

    private static async Task<Result<int>> BookSlotsAsync(TrellisDbContext db, Participant participant, ApplyPlanInput input, DateOnly today, CancellationToken ct)
    {
        var free = await WeeklyPlanner.FreeSlotsAsync(db, participant.ProgramId, ProgramClock.Zone(participant.Program!.TimeZoneId), today, ct);
        var booked = 0;
        var clashes = new List<ConflictDto>();
        foreach (var id in input.SlotIds.Distinct())
        {
            if (!free.TryGetValue(id, out var slot)) return Refusal.Conflict("One of the plan's individual slots was booked meanwhile. Plan again.");
            var first = today.AddDays(1);
            while (first.DayOfWeek != slot.Window.Day) first = first.AddDays(1);
            var (added, refused) = await BookAppointment.AddAsync(db, participant, new AppointmentInput
            {
                ParticipantId = participant.Id, StaffMemberId = slot.Window.StaffMemberId, ServiceType = slot.Window.ServiceType, Date = first,
                StartTime = slot.Start, EndTime = slot.End, RoomId = slot.Window.RoomId, Weeks = input.Weeks,
                TelehealthUrl = slot.Window.IsTelehealth ? slot.Window.Room?.TelehealthUrl : null,
            }, null, ct);
            if (refused is { Status: 409 } && Conflicts.In(refused).Count > 0) clashes.AddRange(Conflicts.In(refused));
            else if (refused is not null) return refused;
            else booked += added!.Count;
        }
        if (clashes.Count > 0)
            return Refusal.Conflict("Not applied: some of the plan clashes with what is booked. " + string.Join(" ", clashes.Select(c => c.Message).Distinct()),
                new Dictionary<string, object?> { ["conflicts"] = clashes });
        return booked;
    }

    /// <summary>An enrollment that has not begun yet simply changes track; one under way ends today and the new one starts tomorrow.</summary>
    private static void Move(TrellisDbContext db, Participant participant, Track track, DateOnly today)
    {
        var open = participant.Enrollments.Where(e => e.EndedOn == null).ToList();
        if (open.FirstOrDefault(e => e.StartedOn > today) is { } notStarted) notStarted.TrackId = track.Id;
        else
        {
            foreach (var e in open) { e.EndedOn = today; e.EndReason = $"moved to the {track.Name} track"; }
            // Added to the context, not only the collection: its id is already set, so EF would take it for an existing row.
            db.Enrollments.Add(new Enrollment { ParticipantId = participant.Id, ProgramId = participant.ProgramId, TrackId = track.Id, StartedOn = today.AddDays(1) });
        }
        participant.TrackId = track.Id;
    }
}
