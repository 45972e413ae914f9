using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;
using Trellis.Web.Features.Notifications;
using Trellis.Web.Features.Organization;
using Trellis.Web.Features.Participants;

namespace Trellis.Web.Features.Scheduling;

/// <summary>What a closure did, for the page and the API to report.</summary>
public sealed record ClosureOutcome(int SessionsCancelled, int AppointmentsCancelled, int ParticipantsNotified, int StaffNotified);

/// <summary>
/// Closing the clinic (or one program) for some days, and calling a closure off. Both change every
/// session and appointment on those days and tell everyone affected: participants by a schedule
/// notice on their portal, staff by an in-app notification. Changes are saved by the caller's save.
/// </summary>
public static class Closures
{
    public static async Task<ClosureOutcome> ApplyAsync(TrellisDbContext db, Closure closure, CancellationToken ct = default)
    {
        var sessions = await db.GroupSessions.Include(s => s.Facilitators)
            .Where(s => s.Status == SessionStatus.Scheduled && s.LocalDate >= closure.StartsOn && s.LocalDate <= closure.EndsOn
                && (closure.ProgramId == null || s.ProgramId == closure.ProgramId)).ToListAsync(ct);
        foreach (var s in sessions)
        {
            s.Status = SessionStatus.Cancelled;
            s.CancellationReason = closure.Reason;
            s.ClosureId = closure.Id;
        }
        var appointments = await db.Appointments
            .Where(a => a.Status == AppointmentStatus.Scheduled && a.LocalDate >= closure.StartsOn && a.LocalDate <= closure.EndsOn
                && (closure.ProgramId == null || a.Participant!.ProgramId == closure.ProgramId)).ToListAsync(ct);
        foreach (var a in appointments)
        {
            a.Status = AppointmentStatus.Cancelled;
            a.CancellationReason = closure.Reason;
            a.ClosureId = closure.Id;
        }

        var days = Days(closure);
        var title = $"No sessions {days}";
        var body = $"{closure.Reason}. The clinic is closed {days}, so your groups and appointments those days are cancelled. Your usual schedule carries on after.";
        var participants = await AffectedParticipantsAsync(db, closure, appointments, ct);
        foreach (var p in participants)
            db.Add(new ScheduleNotice { ParticipantId = p, Title = title, Body = body, AboutDate = closure.StartsOn, ClosureId = closure.Id });
        var staff = sessions.SelectMany(s => s.Facilitators.Select(f => (Guid?)f.StaffMemberId))
            .Concat(appointments.Select(a => (Guid?)a.StaffMemberId)).Distinct().ToList();
        Notifier.Notify(db, staff, "closure", $"Clinic closed {days}: {closure.Reason}",
            $"{sessions.Count} group session(s) and {appointments.Count} appointment(s) were cancelled; participants were told.", "/schedule/closures");
        return new ClosureOutcome(sessions.Count, appointments.Count, participants.Count, staff.Count);
    }

    /// <summary>Calls a closure off: what it cancelled is scheduled again, and the same people are told.</summary>
    public static async Task<ClosureOutcome> ReopenAsync(TrellisDbContext db, Closure closure, CancellationToken ct = default)
    {
        closure.CancelledAt = db.Now;
        var sessions = await db.GroupSessions.Include(s => s.Facilitators)
            .Where(s => s.ClosureId == closure.Id && s.Status == SessionStatus.Cancelled && s.StartsAt > db.Now).ToListAsync(ct);
        foreach (var s in sessions) { s.Status = SessionStatus.Scheduled; s.CancellationReason = null; s.ClosureId = null; }
        var appointments = await db.Appointments
            .Where(a => a.ClosureId == closure.Id && a.Status == AppointmentStatus.Cancelled && a.StartsAt > db.Now).ToListAsync(ct);
        foreach (var a in appointments) { a.Status = AppointmentStatus.Scheduled; a.CancellationReason = null; a.ClosureId = null; }
        var told = await db.Set<ScheduleNotice>().Where(n => n.ClosureId == closure.Id).Select(n => n.ParticipantId).Distinct().ToListAsync(ct);
        var days = Days(closure);
        foreach (var p in told)
            db.Add(new ScheduleNotice
            {
                ParticipantId = p, Title = $"Sessions are back on {days}", AboutDate = closure.StartsOn,
                Body = $"The closure {days} ({closure.Reason}) was called off. Your groups and appointments those days take place as usual.",
            });
        var staff = sessions.SelectMany(s => s.Facilitators.Select(f => (Guid?)f.StaffMemberId)).Concat(appointments.Select(a => (Guid?)a.StaffMemberId)).Distinct().ToList();
        Notifier.Notify(db, staff, "closure", $"Closure called off: sessions are back on {days}", closure.Reason, "/schedule/closures");
        return new ClosureOutcome(sessions.Count, appointments.Count, told.Count, staff.Count);
    }

    /// <summary>Cancels one session (not a closure) and tells its roster and facilitators.</summary>
    public static async Task CancelSessionAsync(TrellisDbContext db, GroupSession session, string reason, CancellationToken ct = default)
    {
        session.Status = SessionStatus.Cancelled;
        session.CancellationReason = reason;
        var program = await db.Programs.AsNoTracking().FirstAsync(p => p.Id == session.ProgramId, ct);
        var zone = ProgramClock.Zone(program.TimeZoneId);
        var when = ProgramClock.When(session.StartsAt, session.EndsAt, zone);
        var roster = await Rosters.Expecting(db, session.TrackId, session.LocalDate).Select(p => p.Id).ToListAsync(ct);
        foreach (var p in roster)
            db.Add(new ScheduleNotice
            {
                ParticipantId = p, Title = $"{session.Title} on {when} is cancelled", Body = reason,
                AboutDate = session.LocalDate, GroupSessionId = session.Id,
            });
        Notifier.Notify(db, session.Facilitators.Select(f => (Guid?)f.StaffMemberId), "session_cancelled",
            $"{session.Title} on {when} is cancelled", reason, $"/sessions/{session.Id}");
    }

    /// <summary>"on Thu Nov 26" or "from Thu Dec 24 to Fri Jan 1".</summary>
    public static string Days(Closure c) => c.StartsOn == c.EndsOn
        ? $"on {c.StartsOn.ToString("ddd MMM d", CultureInfo.InvariantCulture)}"
        : $"from {c.StartsOn.ToString("ddd MMM d", CultureInfo.InvariantCulture)} to {c.EndsOn.ToString("ddd MMM d", CultureInfo.InvariantCulture)}";

    // Everyone whose track meets on a closed day, and everyone whose appointment was cancelled.
    private static async Task<List<Guid>> AffectedParticipantsAsync(TrellisDbContext db, Closure closure, List<Appointment> appointments, CancellationToken ct)
    {
        var closedDays = Weekdays.None;
        for (var d = closure.StartsOn; d <= closure.EndsOn && closedDays != (Weekdays)127; d = d.AddDays(1)) closedDays |= d.DayOfWeek.ToFlag();
        var inTracks = await db.Participants.AsNoTracking()
            .Where(p => (p.Status == ParticipantStatus.Active || p.Status == ParticipantStatus.Admitted) && p.TrackId != null
                && (closure.ProgramId == null || p.ProgramId == closure.ProgramId))
            .Select(p => new { p.Id, Days = p.Track!.Weekdays }).ToListAsync(ct);
        return inTracks.Where(p => (p.Days & closedDays) != Weekdays.None).Select(p => p.Id)
            .Concat(appointments.Select(a => a.ParticipantId)).Distinct().ToList();
    }
}
