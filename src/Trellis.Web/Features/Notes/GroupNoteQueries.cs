using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Participants;
using Trellis.Web.Features.Scheduling;
using Trellis.Web.Features.TreatmentPlans;

namespace Trellis.Web.Features.Notes;

/// <summary>A participant marked as attending the session (present, late, left early or by video).</summary>
public sealed record Attendee(Guid ParticipantId, string Name, AttendanceStatus Status, int MinutesAttended, IReadOnlyList<GoalRef> Goals);

/// <summary>
/// A group session with its note (null before the first save) and the attendees in the caller's
/// scope, in the order the note lists their parts: what the page shows and the API answers.
/// </summary>
public sealed record SessionNote(GroupSession Session, GroupNote? Note, IReadOnlyList<Attendee> Attendees)
{
    /// <summary>The note's parts in the order of its attendees; parts of people no longer marked as attending come last.</summary>
    public IReadOnlyList<ClinicalNote> OrderedParts => Note is null ? [] : Note.Parts.OrderBy(Place).ToList();

    /// <summary>Parts of people no longer marked as attending: kept visible until they are emptied or the attendance is corrected.</summary>
    public IReadOnlyList<ClinicalNote> Orphans => Note?.Parts.Where(p => Attendees.All(a => a.ParticipantId != p.ParticipantId)).ToList() ?? [];

    public Attendee? AttendeeOf(Guid participantId) => Attendees.FirstOrDefault(a => a.ParticipantId == participantId);

    private int Place(ClinicalNote part)
    {
        for (var i = 0; i < Attendees.Count; i++) if (Attendees[i].ParticipantId == part.ParticipantId) return i;
        return int.MaxValue;
    }
}

/// <summary>Reading a session's group note and its attendees, through the caller's scope.</summary>
public static class GroupNoteQueries
{
    /// <summary>The session, its note and attendees; null when the session is missing or outside the caller's programs.</summary>
    public static async Task<SessionNote?> FindAsync(TrellisDbContext db, Guid sessionId, bool tracking = false, CancellationToken ct = default)
    {
        if (await SessionAsync(db, sessionId, ct) is not { } session) return null;
        var note = await LoadAsync(db, sessionId, tracking, ct);
        return new SessionNote(session, note, await AttendeesAsync(db, sessionId, ct));
    }

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

    /// <summary>
    /// Whether every part of the note is in charts the caller may read. Counted past the scope, but
    /// only a count: it names no one, and says only that the whole note is not theirs to print.
    /// </summary>
    public static async Task<bool> SeesEveryPartAsync(TrellisDbContext db, GroupNote note, CancellationToken ct = default) =>
        await db.Set<ClinicalNote>().IgnoreQueryFilters([TrellisDbContext.ScopeFilter]).CountAsync(n => n.GroupNoteId == note.Id, ct)
            == await db.Set<ClinicalNote>().CountAsync(n => n.GroupNoteId == note.Id, ct);
}
