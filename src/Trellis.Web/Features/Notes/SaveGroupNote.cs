using Trellis.Web.Features.Participants;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;
using Trellis.Web.Features.Clinical;
using Trellis.Web.Features.Scheduling;
using Trellis.Web.Features.Staff;
using Trellis.Web.Features.TreatmentPlans;

namespace Trellis.Web.Features.Notes;

/// <summary>A participant marked as attending the session (present, late, left early or by video).</summary>
public sealed record Attendee(Guid ParticipantId, string Name, AttendanceStatus Status, int MinutesAttended, IReadOnlyList<GoalRef> Goals);

/// <summary>Loading a session's group note and its attendees, and writing the draft.</summary>
public static class SaveGroupNote
{
    public static Task<GroupSession?> SessionAsync(TrellisDbContext db, Guid sessionId, CancellationToken ct = default) =>
        db.GroupSessions.AsNoTracking().Include(s => s.Program).Include(s => s.Facilitators).ThenInclude(f => f.StaffMember)
            .FirstOrDefaultAsync(s => s.Id == sessionId, ct);

    public static Task<GroupNote?> LoadAsync(TrellisDbContext db, Guid sessionId, bool tracking = false, CancellationToken ct = default)
    {
        var q = db.Set<GroupNote>().Include(g => g.Parts).ThenInclude(p => p.Goals)
            .Include(g => g.Parts).ThenInclude(p => p.Addenda).AsSplitQuery();
        return (tracking ? q : q.AsNoTracking()).FirstOrDefaultAsync(g => g.GroupSessionId == sessionId, ct);
    }

    /// <summary>Attendees in the caller's scope, by name, each with the goals of their current plan.</summary>
    public static async Task<List<Attendee>> AttendeesAsync(TrellisDbContext db, Guid sessionId, CancellationToken ct = default)
    {
        var rows = await db.Attendance.AsNoTracking()
            .Where(a => a.GroupSessionId == sessionId && AttendanceRecord.AttendedStatuses.Contains(a.Status))
            .Select(a => new { a.ParticipantId, a.Status, a.MinutesAttended, a.Participant!.PreferredName, a.Participant.LegalFirstName, a.Participant.LegalLastName })
            .ToListAsync(ct);
        var list = new List<Attendee>();
        foreach (var r in rows.OrderBy(r => r.LegalLastName).ThenBy(r => r.LegalFirstName))
            list.Add(new(r.ParticipantId, Participant.NameOf(r.PreferredName, r.LegalFirstName, r.LegalLastName), r.Status, r.MinutesAttended,
                await TreatmentPlanQueries.CurrentGoalsAsync(db, r.ParticipantId, ct)));
        return list;
    }

    /// <summary>Why no note can be written for this session yet, or null.</summary>
    public static Refusal? CannotDocument(GroupSession session, DateTimeOffset now)
    {
        if (session.Status == SessionStatus.Cancelled)
            return Refusal.Conflict("Session cancelled", "This session was cancelled; there is nothing to document.");
        if (session.StartsAt > now)
            return Refusal.Conflict("Not yet held", $"This session starts {session.StartsAt:MMM d 'at' HH:mm} UTC; write its note after it has been held.");
        return null;
    }

    public static Dictionary<string, string[]> Check(GroupNoteInput input, IReadOnlyList<Attendee> attendees)
    {
        var errors = Validation.ToDictionary(Validation.Validate(input));
        var seen = new HashSet<Guid>();
        for (var i = 0; i < input.Parts.Count; i++)
        {
            if (input.Parts[i].ParticipantId is not { } pid) continue;
            var attendee = attendees.FirstOrDefault(a => a.ParticipantId == pid);
            if (attendee is null)
                errors[$"parts[{i}].participantId"] = ["That participant is not marked as attending this session; correct the attendance first."];
            else if (input.Parts[i].GoalIds.Any(g => attendee.Goals.All(x => x.Id != g)))
                errors[$"parts[{i}].goalIds"] = [$"Link only goals of {attendee.Name}'s current treatment plan."];
            if (!seen.Add(pid)) errors[$"parts[{i}].participantId"] = ["Each attendee has one part."];
        }
        return errors;
    }

    /// <summary>Creates or updates the draft and each attendee's part. The caller has checked the note is a draft.</summary>
    public static async Task<GroupNote> ApplyAsync(TrellisDbContext db, GroupSession session, GroupNote? note, GroupNoteInput input,
        IReadOnlyList<Attendee> attendees, StaffMember author, CancellationToken ct = default)
    {
        if (note is null)
        {
            note = new GroupNote
            {
                GroupSessionId = session.Id, ProgramId = session.ProgramId, ServiceDate = session.LocalDate,
                AuthorStaffId = author.Id, AuthorName = ClinicalStaff.SignatureName(author),
            };
            db.Set<GroupNote>().Add(note);
        }
        note.Topic = input.Topic!.Trim();
        note.Summary = input.Summary?.Trim() ?? "";
        foreach (var part in input.Parts)
        {
            var attendee = attendees.First(a => a.ParticipantId == part.ParticipantId);
            var existing = note.Parts.FirstOrDefault(p => p.ParticipantId == attendee.ParticipantId);
            if (existing is null)
            {
                existing = new ClinicalNote
                {
                    ParticipantId = attendee.ParticipantId, Kind = NoteKind.Group, Format = NoteFormat.GroupPart,
                    GroupNoteId = note.Id, AuthorStaffId = note.AuthorStaffId, AuthorName = note.AuthorName,
                };
                note.Parts.Add(existing);
                db.Set<ClinicalNote>().Add(existing);
            }
            existing.ServiceDate = session.LocalDate;
            existing.Minutes = attendee.MinutesAttended > 0 ? attendee.MinutesAttended : session.DurationMinutes;
            existing.Sections = part.Sections.Where(s => !string.IsNullOrWhiteSpace(s.Value)).ToDictionary(s => s.Key, s => s.Value!.Trim());
            await SaveNote.LinkGoalsAsync(db, existing, part.GoalIds, ct);
        }
        return note;
    }

    /// <summary>
    /// Before signing: every attendee needs a part, and a part for someone no longer marked as
    /// attending must be emptied (and is then dropped) or the attendance corrected.
    /// </summary>
    public static Refusal? CheckParts(TrellisDbContext db, GroupNote note, IReadOnlyList<Attendee> attendees)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(note.Summary))
            errors["summary"] = ["Write the group summary: what the group worked on and the interventions used."];
        foreach (var a in attendees.Where(a => note.Parts.All(p => p.ParticipantId != a.ParticipantId)))
            errors[$"parts[{a.ParticipantId}]"] = [$"Write {a.Name}'s individual part."];
        foreach (var p in note.Parts.Where(p => attendees.All(a => a.ParticipantId != p.ParticipantId)).ToList())
        {
            if (p.Sections.Count > 0)
                errors[$"parts[{p.ParticipantId}]"] = ["This participant is no longer marked as attending: correct the attendance, or clear their part."];
            else
            {
                note.Parts.Remove(p);
                SaveNote.Discard(db, p);
            }
        }
        return errors.Count > 0 ? Refusal.Invalid(errors) : null;
    }
}
