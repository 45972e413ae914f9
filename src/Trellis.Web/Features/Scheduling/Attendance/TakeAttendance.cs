using Trellis.Web.Features.Participants;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Tasks;

namespace Trellis.Web.Features.Scheduling;

/// <summary>
/// Saving a roster's attendance, shared by the attendance page and PUT /api/sessions/{id}/attendance.
/// All or nothing: any bad line and nothing is saved. Each change keeps a history row; an
/// unexcused absence raises the same-day follow-up for the case manager, and the engagement rules
/// are checked for everyone newly absent.
/// </summary>
public static class TakeAttendance
{
    /// <summary>The roster's version: the sum of its records' versions, so any save or new record changes it.</summary>
    public static async Task<long> RosterVersionAsync(TrellisDbContext db, AttendanceEvent e, CancellationToken ct = default) =>
        await Records(db, e).SumAsync(a => (long?)a.Version, ct) ?? 0;

    public static IQueryable<AttendanceRecord> Records(TrellisDbContext db, AttendanceEvent e) =>
        e.GroupSessionId is { } sid ? db.Attendance.Where(a => a.GroupSessionId == sid) : db.Attendance.Where(a => a.AppointmentId == e.AppointmentId);

    public static async Task<AttendanceResult> SaveAsync(TrellisDbContext db, AttendanceEvent e, IReadOnlyList<AttendanceEntry> entries,
        long? expectedVersion, bool isProgramDirector, string? reason, CancellationToken ct = default)
    {
        var settings = await ScheduleSettings.ForAsync(db, e.ProgramId, ct);
        var program = await db.Programs.AsNoTracking().FirstAsync(p => p.Id == e.ProgramId, ct);
        var zone = ProgramClock.Zone(program.TimeZoneId);
        var today = ProgramClock.LocalDate(db.Now, zone);

        if (e.Cancelled) return AttendanceResult.Invalid("records", $"{e.Title} on {e.LocalDate:ddd MMM d} was cancelled; there is no attendance to take.");
        if (e.LocalDate > today) return AttendanceResult.Invalid("records", $"{e.Title} is on {e.LocalDate:ddd MMM d}; attendance can be taken from the day of the session.");
        if (today.DayNumber - e.LocalDate.DayNumber > settings.AttendanceLockDays && !isProgramDirector)
            return AttendanceResult.Invalid("records", $"Attendance for sessions more than {settings.AttendanceLockDays} days ago can only be changed by a program director.");
        if (entries.Count == 0) return AttendanceResult.Invalid("records", "Send at least one participant's attendance.");
        if (entries.GroupBy(x => x.ParticipantId).FirstOrDefault(g => g.Count() > 1) is { } twice)
            return AttendanceResult.Invalid("records", $"Participant {twice.Key} appears more than once; send one line per participant.");

        var existing = await Records(db, e).ToListAsync(ct);
        if (expectedVersion is { } v && v != existing.Sum(a => a.Version))
            return new AttendanceResult([], 0, 0, 0, Stale: true);

        var allowed = e.Expected.Concat(existing.Select(a => a.ParticipantId)).ToHashSet();
        var errors = new Dictionary<string, string[]>();
        for (var i = 0; i < entries.Count; i++)
        {
            var x = entries[i];
            if (!allowed.Contains(x.ParticipantId))
            {
                errors[$"records[{i}].participantId"] = [$"{await NameAsync(db, x.ParticipantId, ct)} is not enrolled in {e.Title} on {e.LocalDate:ddd MMM d}; only its roster can be marked."];
                continue;
            }
            if (AttendanceRules.Check(x.Status, e.DurationMinutes, x.MinutesLate, x.MinutesLeftEarly) is { } problem)
                errors[$"records[{i}].{problem.Field}"] = [problem.Message];
            if (x.Note is { Length: > 500 }) errors[$"records[{i}].note"] = ["A note is at most 500 characters."];
        }
        if (reason is { Length: > 500 }) errors["reason"] = ["The reason is at most 500 characters."];
        if (errors.Count > 0) return new AttendanceResult(errors, 0, 0, 0);

        var changed = 0;
        var newlyAbsent = new List<AttendanceRecord>();
        var corrected = new List<(AttendanceRecord Record, AttendanceStatus From)>();
        foreach (var x in entries)
        {
            var record = existing.FirstOrDefault(a => a.ParticipantId == x.ParticipantId);
            var minutes = AttendanceRules.MinutesAttended(x.Status, e.DurationMinutes, x.MinutesLate, x.MinutesLeftEarly);
            var late = AttendanceRules.IsAbsence(x.Status) ? null : Positive(x.MinutesLate);
            var early = AttendanceRules.IsAbsence(x.Status) ? null : Positive(x.MinutesLeftEarly);
            var note = string.IsNullOrWhiteSpace(x.Note) ? null : x.Note.Trim();
            var before = record?.Status;
            if (record is null)
            {
                record = new AttendanceRecord { ParticipantId = x.ParticipantId, GroupSessionId = e.GroupSessionId, AppointmentId = e.AppointmentId };
                db.Attendance.Add(record);
            }
            else if (record.Status == x.Status && record.MinutesLate == late && record.MinutesLeftEarly == early && record.Note == note) continue;
            record.Status = x.Status;
            record.MinutesLate = late;
            record.MinutesLeftEarly = early;
            record.MinutesAttended = minutes;
            record.Note = note;
            db.Add(new AttendanceChange
            {
                AttendanceRecordId = record.Id, ParticipantId = record.ParticipantId, Status = x.Status, MinutesLate = late,
                MinutesLeftEarly = early, MinutesAttended = minutes, Note = note, Reason = before is null ? null : reason?.Trim(),
                ChangedAt = db.Now, ChangedBy = db.Actor.UserName,
            });
            changed++;
            if (x.Status == AttendanceStatus.AbsentUnexcused && before != AttendanceStatus.AbsentUnexcused) newlyAbsent.Add(record);
            if (before == AttendanceStatus.AbsentUnexcused && x.Status != AttendanceStatus.AbsentUnexcused) corrected.Add((record, before.Value));
        }

        var followUps = await MissedSessions.RaiseFollowUpsAsync(db, e, newlyAbsent, today, ct);
        await MissedSessions.WithdrawFollowUpsAsync(db, corrected.Select(c => c.Record), ct);
        await db.SaveChangesAsync(ct);
        var absentNow = entries.Where(x => AttendanceRules.IsAbsence(x.Status)).Select(x => x.ParticipantId).ToList();
        var alerts = await MissedSessions.CheckEngagementAsync(db, absentNow, settings, today, ct);
        return new AttendanceResult([], changed, followUps, alerts);
    }

    private static int? Positive(int? minutes) => minutes is > 0 ? minutes : null;

    private static async Task<string> NameAsync(TrellisDbContext db, Guid id, CancellationToken ct) =>
        await db.Participants.Where(p => p.Id == id).Select(p => Participant.NameOf(p.PreferredName, p.LegalFirstName, p.LegalLastName)).FirstOrDefaultAsync(ct)
        ?? $"Participant {id}";

    public static bool IsProgramDirector(System.Security.Claims.ClaimsPrincipal user) => user.IsInRole(Roles.ProgramDirector);
}
