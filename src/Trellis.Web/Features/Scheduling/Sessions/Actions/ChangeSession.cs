using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;

namespace Trellis.Web.Features.Scheduling.Actions;

/// <summary>A session saved with a one-off change, and the participants' own appointments it now overlaps (a warning, not a refusal).</summary>
public sealed record SessionChange(GroupSession Session, IReadOnlyList<ScheduleConflict> Warnings);

/// <summary>
/// Change one session without breaking its series: the session is marked as a one-off change, so
/// template edits and regeneration leave it as it is. Facilitators are active staff of the session's
/// program. Staff and room clashes refuse the change; a participant's own appointment at the new time
/// is a warning, because one person's appointment should not stop a whole group from moving. Called by
/// the session's edit page and PUT /api/sessions/{id}.
/// </summary>
public static class ChangeSession
{
    public static async Task<Result<SessionChange>> RunAsync(TrellisDbContext db, Guid sessionId, SessionChangeInput input, ETags.Expected expected,
        CancellationToken ct = default)
    {
        if (await SessionQueries.FindAsync(db, sessionId, tracking: true, ct) is not { } session || !db.Scope.Covers(session.ProgramId))
            return Refusal.NotFound("group session");
        if (!db.Me.May(Permissions.EditSessions)) return Refusal.Forbidden("Sessions are changed by program directors, clinicians and administrators.");
        if (expected.Check(session.Version) is { } stale) return stale;
        if (session.Status == SessionStatus.Cancelled)
            return Refusal.Conflict("Session cancelled", "This session is cancelled; a cancelled session is not changed. Schedule another one instead.");

        var zone = ProgramClock.Zone(session.Program!.TimeZoneId);
        var today = ProgramClock.LocalDate(db.Now, zone);
        var errors = new InputErrors(input);
        if (input.Date is { } d && d < today && d != session.LocalDate) errors.Add("date", "A session cannot be moved to a day that has passed.");
        var roster = await Rosters.ForSessionAsync(db, session, ct);
        if (input.Capacity < roster.Count)
            errors.Add("capacity", $"{roster.Count} participants are on this session's roster; capacity cannot be lower than that.");
        if (input.RoomId is { } roomId)
        {
            var room = await db.Rooms.AsNoTracking().FirstOrDefaultAsync(r => r.Id == roomId, ct);
            if (room is null || !room.IsActive) errors.Add("roomId", "Choose an active room.");
            else if (room.Capacity < input.Capacity && !room.IsTelehealth)
                errors.Add("roomId", $"{room.Name} holds {room.Capacity}; the session's capacity is {input.Capacity}.");
        }
        var facilitators = input.FacilitatorIds.Distinct().ToList();
        if (facilitators.Count > 0 && await SessionQueries.StaffOf(db, session.ProgramId).CountAsync(s => facilitators.Contains(s.Id), ct) != facilitators.Count)
            errors.Add("facilitatorIds", $"Every facilitator must be an active staff member assigned to {session.Program.Name}.");
        if (errors.Refusal is { } invalid) return invalid;

        var startsAt = ProgramClock.ToInstant(input.Date!.Value, input.StartTime!.Value, zone);
        var endsAt = ProgramClock.ToInstant(input.Date.Value, input.EndTime!.Value, zone);
        var found = await Conflicts.FindAsync(db, new ProposedEvent(startsAt, endsAt, facilitators, input.RoomId, roster.Select(p => p.Id).ToList(), zone, SessionId: session.Id), ct);
        var refusing = found.Where(c => c.Kind != ConflictKind.Participant).ToList();
        if (refusing.Count > 0) return Conflicts.Refuse(refusing);

        session.Title = input.Title!.Trim();
        session.LocalDate = input.Date.Value;
        session.StartsAt = startsAt;
        session.EndsAt = endsAt;
        session.RoomId = input.RoomId;
        session.TelehealthUrl = string.IsNullOrWhiteSpace(input.TelehealthUrl) ? null : input.TelehealthUrl.Trim();
        session.Capacity = input.Capacity;
        session.Facilitators.RemoveAll(f => !facilitators.Contains(f.StaffMemberId));
        foreach (var id in facilitators.Where(id => session.Facilitators.All(f => f.StaffMemberId != id)))
            session.Facilitators.Add(new SessionFacilitator { GroupSessionId = session.Id, StaffMemberId = id });
        session.IsOneOffChange = true;
        if (!await Concurrency.SaveIfUnchangedAsync(db, session, expected.Version, ct: ct)) return Refusal.Stale(expected.Version!.Value + 1);
        return new SessionChange(session, found.Where(c => c.Kind == ConflictKind.Participant && c.EventId != session.Id).ToList());
    }
}
