using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;
using Trellis.Web.Features.Organization;
using Trellis.Web.Features.Participants;

namespace Trellis.Web.Features.Scheduling;

/// <summary>What applying a plan did, or why it could not.</summary>
public sealed record PlanApplied(string? Error, List<ScheduleConflict> Conflicts, bool MovedTrack, int AppointmentsBooked);

/// <summary>
/// Puts a weekly plan into effect: the participant moves to the plan's track (a new enrollment from
/// the next day it meets, the old one ended the day before) and each individual slot is booked as a
/// weekly appointment. All or nothing: a slot taken meanwhile, or a track that filled up, stops it.
/// </summary>
public static class ApplyPlan
{
    public static async Task<PlanApplied> ApplyAsync(TrellisDbContext db, Guid participantId, Guid trackId, IReadOnlyList<Guid> slotIds, int weeks, CancellationToken ct = default)
    {
        var participant = await db.Participants.Include(p => p.Program).Include(p => p.Enrollments).FirstOrDefaultAsync(p => p.Id == participantId, ct);
        if (participant is null) return new("No participant with that id exists, or they are outside your programs.", [], false, 0);
        if (participant.Status is not (ParticipantStatus.Admitted or ParticipantStatus.Active or ParticipantStatus.OnHold or ParticipantStatus.Waitlisted))
            return new($"{participant.DisplayName} is {participant.Status.ToString().ToLowerInvariant()}; a weekly plan is for admitted or active participants.", [], false, 0);
        var track = await db.Tracks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == trackId && t.ProgramId == participant.ProgramId && t.IsActive, ct);
        if (track is null) return new("That track is not an active track of the participant's program.", [], false, 0);
        var zone = ProgramClock.Zone(participant.Program!.TimeZoneId);
        var today = ProgramClock.LocalDate(db.Now, zone);
        var moving = participant.TrackId != trackId;
        if (moving && (await TrackCensus.EnrolledAsync(db, ct)).GetValueOrDefault(trackId) >= track.Capacity)
            return new($"The {track.Name} track filled up meanwhile ({track.Capacity} places). Plan again.", [], false, 0);

        var free = await WeeklyPlanner.FreeSlotsAsync(db, participant.ProgramId, zone, today, ct);
        var booked = 0;
        var conflicts = new List<ScheduleConflict>();
        foreach (var id in slotIds.Distinct())
        {
            if (!free.TryGetValue(id, out var slot)) return new("One of the plan's individual slots was booked meanwhile. Plan again.", [], false, 0);
            var first = today.AddDays(1);
            while (first.DayOfWeek != slot.Window.Day) first = first.AddDays(1);
            var outcome = await BookAppointment.BookAsync(db, new AppointmentInput
            {
                ParticipantId = participant.Id, StaffMemberId = slot.Window.StaffMemberId, ServiceType = slot.Window.ServiceType, Date = first,
                StartTime = slot.Start, EndTime = slot.End, RoomId = slot.Window.RoomId, Weeks = weeks,
                TelehealthUrl = slot.Window.IsTelehealth ? slot.Window.Room?.TelehealthUrl : null,
            }, ct: ct);
            if (outcome.Errors.Count > 0) return new(string.Join(" ", outcome.Errors.SelectMany(e => e.Value)), [], false, 0);
            conflicts.AddRange(outcome.Conflicts);
            booked += outcome.Booked.Count;
        }
        if (conflicts.Count > 0)
        {
            foreach (var e in db.ChangeTracker.Entries<Appointment>().Where(e => e.State == EntityState.Added).ToList()) e.State = EntityState.Detached;
            return new("Not applied: some of the plan clashes with what is booked.", conflicts, false, 0);
        }
        if (moving)
        {
            var start = today.AddDays(1);
            var open = participant.Enrollments.Where(e => e.EndedOn == null).ToList();
            // An enrollment that has not begun yet simply changes track; one under way ends today.
            if (open.FirstOrDefault(e => e.StartedOn > today) is { } notStarted) notStarted.TrackId = track.Id;
            else
            {
                foreach (var e in open) { e.EndedOn = today; e.EndReason = $"moved to the {track.Name} track"; }
                // Added to the context, not only the collection: its id is already set, so EF would take it for an existing row.
                db.Enrollments.Add(new Enrollment { ParticipantId = participant.Id, ProgramId = participant.ProgramId, TrackId = track.Id, StartedOn = start });
            }
            participant.TrackId = track.Id;
        }
        await db.SaveChangesAsync(ct);
        return new(null, [], moving, booked);
    }
}
