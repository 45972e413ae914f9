using Trellis.Web.Infrastructure;
using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;

namespace Trellis.Web.Features.Scheduling;

/// <summary>A one-off change to one group session: the page's form and the API's body.</summary>
public sealed class SessionChangeInput
{
    [Required(ErrorMessage = "Give the session a title."), MaxLength(120)] public string? Title { get; set; }
    [Required(ErrorMessage = "Choose the day.")] public DateOnly? Date { get; set; }
    [Required(ErrorMessage = "Enter the start time."), Display(Name = "Starts")] public TimeOnly? StartTime { get; set; }
    [Required(ErrorMessage = "Enter the end time."), Display(Name = "Ends")] public TimeOnly? EndTime { get; set; }
    [Display(Name = "Room")] public Guid? RoomId { get; set; }
    [MaxLength(500), Display(Name = "Video link")] public string? TelehealthUrl { get; set; }
    [Range(1, 100, ErrorMessage = "Capacity must be between 1 and 100.")] public int Capacity { get; set; } = 12;
    public List<Guid> FacilitatorIds { get; set; } = [];

    public static SessionChangeInput From(GroupSession s, TimeZoneInfo zone) => new()
    {
        Title = s.Title, Date = s.LocalDate, StartTime = ProgramClock.LocalTime(s.StartsAt, zone), EndTime = ProgramClock.LocalTime(s.EndsAt, zone),
        RoomId = s.RoomId, TelehealthUrl = s.TelehealthUrl, Capacity = s.Capacity, FacilitatorIds = s.Facilitators.Select(f => f.StaffMemberId).ToList(),
    };
}

/// <summary>The result of checking or applying a change: errors by field, refusing conflicts, and warnings that do not stop it.</summary>
public sealed record ChangeOutcome(Dictionary<string, string[]> Errors, List<ScheduleConflict> Conflicts, List<ScheduleConflict> Warnings)
{
    public bool Ok => Errors.Count == 0 && Conflicts.Count == 0;
}

/// <summary>
/// Changing one session without breaking its series: the session is marked as a one-off change, so
/// template edits and regeneration leave it as it is. Staff and room clashes refuse the change;
/// a participant's own appointment at the new time is a warning, because one person's appointment
/// should not stop a whole group from moving.
/// </summary>
public static class ChangeSession
{
    public static async Task<ChangeOutcome> ApplyAsync(TrellisDbContext db, GroupSession session, SessionChangeInput input, CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string[]>();
        void Add(string field, string message) => errors[field] = [message];
        var program = await db.Programs.AsNoTracking().FirstAsync(p => p.Id == session.ProgramId, ct);
        var zone = ProgramClock.Zone(program.TimeZoneId);
        var today = ProgramClock.LocalDate(db.Now, zone);

        if (session.Status == SessionStatus.Cancelled) Add("status", "This session is cancelled; restore it before changing it.");
        if (input.StartTime is { } s && input.EndTime is { } e && e <= s)
            Add(nameof(input.EndTime), $"The session ends at {e:H\\:mm}, which is not after it starts at {s:H\\:mm}.");
        if (input.Date is { } d && d < today && d != session.LocalDate) Add(nameof(input.Date), "A session cannot be moved to a day that has passed.");
        var roster = await Rosters.ForSessionAsync(db, session, ct);
        if (input.Capacity < roster.Count)
            Add(nameof(input.Capacity), $"{roster.Count} participants are on this session's roster; capacity cannot be lower than that.");
        if (input.RoomId is { } roomId)
        {
            var room = await db.Rooms.AsNoTracking().FirstOrDefaultAsync(r => r.Id == roomId, ct);
            if (room is null || !room.IsActive) Add(nameof(input.RoomId), "Choose an active room.");
            else if (room.Capacity < input.Capacity && !room.IsTelehealth)
                Add(nameof(input.RoomId), $"{room.Name} holds {room.Capacity}; the session's capacity is {input.Capacity}.");
        }
        if (input.TelehealthUrl is { Length: > 0 } url && !QueryText.IsHttpsUrl(url))
            Add(nameof(input.TelehealthUrl), "The video link must be a full https:// address.");
        if (input.RoomId is null && string.IsNullOrWhiteSpace(input.TelehealthUrl))
            Add(nameof(input.RoomId), "Choose a room or give a video link: participants need to know where to go.");
        var facilitators = input.FacilitatorIds.Distinct().ToList();
        var known = await db.Staff.AsNoTracking().Where(x => facilitators.Contains(x.Id) && x.IsActive).Select(x => x.Id).ToListAsync(ct);
        if (facilitators.Count == 0) Add(nameof(input.FacilitatorIds), "Choose at least one facilitator.");
        else if (known.Count != facilitators.Count) Add(nameof(input.FacilitatorIds), "Every facilitator must be an active staff member.");
        if (errors.Count > 0) return new(errors, [], []);

        var startsAt = ProgramClock.ToInstant(input.Date!.Value, input.StartTime!.Value, zone);
        var endsAt = ProgramClock.ToInstant(input.Date.Value, input.EndTime!.Value, zone);
        var found = await Conflicts.FindAsync(db, new ProposedEvent(startsAt, endsAt, facilitators, input.RoomId, roster.Select(p => p.Id).ToList(), zone, SessionId: session.Id), ct);
        var refusing = found.Where(c => c.Kind != ConflictKind.Participant).ToList();
        var warnings = found.Where(c => c.Kind == ConflictKind.Participant && c.EventId != session.Id).ToList();
        if (refusing.Count > 0) return new([], refusing, warnings);

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
        return new([], [], warnings);
    }
}
