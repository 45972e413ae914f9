using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;
using Trellis.Web.Features.Scheduling;

namespace Trellis.Web.Features.Notes;

public sealed record SessionToDocument(Guid SessionId, string Title, string Program, DateOnly Date, DateTimeOffset StartsAt, int Attendees, NoteStatus? Status);

/// <summary>A clinician's documentation to do: drafts, co-signatures, and groups held but not yet signed.</summary>
public static class NotesWork
{
    public const int GroupLookBackDays = 14;

    public static IQueryable<ClinicalNote> Drafts(TrellisDbContext db, Guid? staffId) =>
        db.Set<ClinicalNote>().Where(n => n.AuthorStaffId == staffId && n.Status == NoteStatus.Draft && n.GroupNoteId == null).OrderBy(n => n.ServiceDate);

    /// <summary>Held, uncancelled sessions of the caller's programs in the last two weeks whose group note is not signed; only those the staff member facilitates unless <paramref name="all"/>.</summary>
    public static async Task<List<SessionToDocument>> GroupsAsync(TrellisDbContext db, Guid? staffId, bool all, CancellationToken ct = default)
    {
        var now = db.Now;
        var from = (await ProgramClock.ClinicTodayAsync(db, ct)).AddDays(-GroupLookBackDays);
        var sessions = db.GroupSessions.AsNoTracking()
            .Where(s => s.Status == SessionStatus.Scheduled && s.StartsAt < now && s.LocalDate >= from);
        if (!all) sessions = sessions.Where(s => s.Facilitators.Any(f => f.StaffMemberId == staffId));
        var rows = await sessions.OrderByDescending(s => s.StartsAt)
            .Select(s => new
            {
                s.Id, s.Title, Program = s.Program!.Name, s.LocalDate, s.StartsAt,
                Attendees = db.Attendance.Count(a => a.GroupSessionId == s.Id && AttendanceRecord.AttendedStatuses.Contains(a.Status)),
                Status = db.Set<GroupNote>().Where(g => g.GroupSessionId == s.Id).Select(g => (NoteStatus?)g.Status).FirstOrDefault(),
            }).Take(100).ToListAsync(ct);
        return rows.Where(r => r.Status is null or NoteStatus.Draft && r.Attendees > 0)
            .Select(r => new SessionToDocument(r.Id, r.Title, r.Program, r.LocalDate, r.StartsAt, r.Attendees, r.Status)).ToList();
    }
}
