using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;
using Trellis.Web.Features.Organization;
using Trellis.Web.Features.Participants;
using Trellis.Web.Features.Scheduling.Placement;

namespace Trellis.Web.Features.Scheduling;

/// <summary>Where a free individual slot comes from, to book it as an appointment.</summary>
public sealed record SlotSource(StaffAvailability Window, string StaffName, TimeOnly Start, TimeOnly End);

/// <summary>A participant's placement question as the solver needs it, with the slots' sources.</summary>
public sealed record PlanningInputs(PlacementRequest Request, IReadOnlyDictionary<Guid, SlotSource> Slots, IReadOnlyDictionary<Guid, Track> Tracks);

/// <summary>
/// The weekly plan of one participant: their obligations, the program's minimum hours, the tracks
/// with their free places, and the free individual slots (staff appointment hours less what is
/// already booked or facilitated), handed to the placement solver; and applying its plan.
/// </summary>
public static class WeeklyPlanner
{
    /// <summary>Weeks ahead looked at to decide whether a weekly slot is already taken.</summary>
    public const int LookAheadDays = 28;

    public static async Task<PlanningInputs> BuildAsync(TrellisDbContext db, Participant participant, PlacementPreferences preferences,
        bool useTelehealth, CancellationToken ct = default)
    {
        var program = participant.Program ?? await db.Programs.AsNoTracking().FirstAsync(p => p.Id == participant.ProgramId, ct);
        var zone = ProgramClock.Zone(program.TimeZoneId);
        var today = ProgramClock.LocalDate(db.Now, zone);
        var settings = await ScheduleSettings.ForAsync(db, program.Id, ct);

        var obligations = (await db.Set<WeeklyObligation>().AsNoTracking().Where(o => o.ParticipantId == participant.Id).ToListAsync(ct))
            .SelectMany(o => o.Weekdays.Days().Select(d => new Obligation(d, o.StartTime, o.EndTime, o.Label, o.TravelMinutes, o.TravelMinutes)))
            .ToList();

        var tracks = await db.Tracks.AsNoTracking().Where(t => t.ProgramId == program.Id && t.IsActive).OrderBy(t => t.StartTime).ToListAsync(ct);
        var census = await TrackCensus.EnrolledAsync(db, ct);
        var rooms = await db.Rooms.AsNoTracking().ToDictionaryAsync(r => r.Id, ct);
        var video = await db.Set<SessionTemplate>().AsNoTracking().Where(t => t.IsActive && t.TelehealthUrl != null).Select(t => t.TrackId).Distinct().ToListAsync(ct);
        var occupies = participant.TrackId is not null && TrackCensus.Occupying.Contains(participant.Status);
        var options = tracks.Select(t => TrackOption.From(t,
            // Their own seat is not in the way of staying where they are.
            census.GetValueOrDefault(t.Id) - (occupies && participant.TrackId == t.Id ? 1 : 0),
            isTelehealth: t.DefaultRoomId is { } r && rooms.TryGetValue(r, out var room) && room.IsTelehealth,
            telehealthAvailable: video.Contains(t.Id))).ToList();

        var slots = await FreeSlotsAsync(db, program.Id, zone, today, ct);
        var counted = settings.Counted;
        var request = new PlacementRequest(obligations, options,
            slots.Select(s => new IndividualSlot(s.Key, Kind(s.Value.Window.ServiceType), s.Value.Window.Day, s.Value.Start, s.Value.End,
                counted.Contains(s.Value.Window.ServiceType), s.Value.Window.IsTelehealth)).ToList(),
            program.MinimumWeeklyHours, preferences, useTelehealth);
        return new PlanningInputs(request, slots, tracks.ToDictionary(t => t.Id));
    }

    /// <summary>Every slot of every staff appointment window of the program that nothing occupies in the next four weeks.</summary>
    public static async Task<Dictionary<Guid, SlotSource>> FreeSlotsAsync(TrellisDbContext db, Guid programId, TimeZoneInfo zone, DateOnly today, CancellationToken ct)
    {
        var windows = await db.Set<StaffAvailability>().AsNoTracking().Include(a => a.StaffMember).Include(a => a.Room)
            // Only staff still assigned to the program: booking refuses anyone else.
            .Where(a => a.ProgramId == programId && a.StaffMember!.IsActive && a.StaffMember.Programs.Any(p => p.ProgramId == programId)).ToListAsync(ct);
        var staffIds = windows.Select(w => w.StaffMemberId).Distinct().ToList();
        var until = today.AddDays(LookAheadDays);
        // Unscoped: an appointment with someone from another program still takes the staff member's hour; only times leave here.
        var busy = (await db.Appointments.IgnoreQueryFilters([TrellisDbContext.ScopeFilter]).AsNoTracking()
                .Where(a => staffIds.Contains(a.StaffMemberId) && a.Status == AppointmentStatus.Scheduled && a.LocalDate >= today && a.LocalDate <= until)
                .Select(a => new { a.StaffMemberId, a.StartsAt, a.EndsAt }).ToListAsync(ct))
            .Concat(await (from f in db.Set<SessionFacilitator>()
                           join s in db.GroupSessions on f.GroupSessionId equals s.Id
                           where staffIds.Contains(f.StaffMemberId) && s.Status == SessionStatus.Scheduled && s.LocalDate >= today && s.LocalDate <= until
                           select new { f.StaffMemberId, s.StartsAt, s.EndsAt }).AsNoTracking().ToListAsync(ct))
            .Select(b => (b.StaffMemberId, Day: ProgramClock.ToLocal(b.StartsAt, zone).DayOfWeek,
                Start: ProgramClock.LocalTime(b.StartsAt, zone), End: ProgramClock.LocalTime(b.EndsAt, zone)))
            .ToList();
        var free = new Dictionary<Guid, SlotSource>();
        foreach (var w in windows.OrderBy(w => w.Day).ThenBy(w => w.StartTime))
            for (var start = w.StartTime; start.AddMinutes(w.SlotMinutes) <= w.EndTime && start >= w.StartTime; start = start.AddMinutes(w.SlotMinutes))
            {
                var end = start.AddMinutes(w.SlotMinutes);
                if (busy.Any(b => b.StaffMemberId == w.StaffMemberId && b.Day == w.Day && b.Start < end && start < b.End)) continue;
                free[SlotId(w.Id, start)] = new SlotSource(w, w.StaffMember!.FullName, start, end);
            }
        return free;
    }

    /// <summary>The same slot gets the same id on every request, so a posted choice can be found again.</summary>
    public static Guid SlotId(Guid window, TimeOnly start)
    {
        var bytes = window.ToByteArray();
        var minute = start.Hour * 60 + start.Minute;
        bytes[14] ^= (byte)(minute >> 8);
        bytes[15] ^= (byte)minute;
        return new Guid(bytes);
    }

    private static SlotKind Kind(ServiceType t) => t switch
    {
        ServiceType.MedicationManagement => SlotKind.MedicationManagement,
        ServiceType.CaseManagement => SlotKind.CaseManagement,
        _ => SlotKind.IndividualTherapy,
    };
}
