using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Participants;

namespace Trellis.Web.Features.Scheduling.Actions;

/// <summary>
/// Take (or correct) the attendance of a group session's roster or of an appointment: the session page,
/// the appointment page, PUT /api/sessions/{id}/attendance and PUT /api/appointments/{id}/attendance all
/// call this. All or nothing: any bad line and nothing is saved. Minutes are derived, each change keeps
/// a history row, an unexcused absence raises the same-day follow-up for the case manager, and the
/// engagement rules are checked for everyone absent. After the program's lock days only a program
/// director may change a roster, and says why.
/// </summary>
public static class TakeAttendance
{
    public static async Task<Result<AttendanceTaken>> RunAsync(TrellisDbContext db, RosterOf of, AttendanceInput input, ETags.Expected expected,
        CancellationToken ct = default)
    {
        if (await RosterQueries.EventAsync(db, of, ct) is not { } e || !db.Scope.Covers(e.ProgramId))
            return Refusal.NotFound(of.SessionId is null ? "appointment" : "group session");
        if (!db.Me.May(Permissions.TakeAttendance)) return Refusal.Forbidden("Attendance is taken by the staff who run sessions and see participants.");
        if (expected is { Malformed: true } or { Version: null }) return expected.Check(0)!;
        if (Validation.Check(input) is { } invalid) return invalid;
        var entries = input.Records!;

        var settings = await ScheduleSettings.ForAsync(db, e.ProgramId, ct);
        var today = await RosterQueries.ProgramDayAsync(db, e.ProgramId, ct);
        var locked = settings.LocksAttendanceOf(e.LocalDate, today);
        if (e.Cancelled) return Refusal.Invalid("records", $"{e.Title} on {e.LocalDate:ddd MMM d} was cancelled; there is no attendance to take.");
        if (e.LocalDate > today) return Refusal.Invalid("records", $"{e.Title} is on {e.LocalDate:ddd MMM d}; attendance can be taken from the day of the session.");
        if (locked && !db.Me.May(Permissions.ChangeLockedAttendance))
            return Refusal.Invalid("records", $"Attendance for sessions more than {settings.AttendanceLockDays} days ago can only be changed by a program director.");
        if (locked && string.IsNullOrWhiteSpace(input.Reason))
            return Refusal.Invalid("reason", "Say why you are changing attendance this long after the session; the reason is kept in each record's history.");
        if (entries.Count == 0) return Refusal.Invalid("records", "Mark at least one participant's attendance.");
        if (entries.GroupBy(x => x.ParticipantId).FirstOrDefault(g => g.Count() > 1) is { } twice)
            return Refusal.Invalid("records", $"{await NameAsync(db, twice.Key, ct)} appears more than once; send one line per participant.");

        var existing = await RosterQueries.Records(db, e).ToListAsync(ct);
        if (expected.Check(existing.Sum(a => a.Version)) is { } stale) return stale;

        var allowed = e.Expected.Concat(existing.Select(a => a.ParticipantId)).ToHashSet();
        var errors = new Dictionary<string, string[]>();
        for (var i = 0; i < entries.Count; i++)
        {
            var x = entries[i];
            if (!allowed.Contains(x.ParticipantId))
                errors[$"records[{i}].participantId"] = [$"{await NameAsync(db, x.ParticipantId, ct)} is not enrolled in {e.Title} on {e.LocalDate:ddd MMM d}; only its roster can be marked."];
            else if (AttendanceRules.Check(x.Status!.Value, e.DurationMinutes, x.MinutesLate, x.MinutesLeftEarly) is { } problem)
                errors[$"records[{i}].{problem.Field}"] = [problem.Message];
        }
        if (errors.Count > 0) return Refusal.Invalid(errors);

        var (changed, newlyAbsent, corrected) = Apply(db, e, entries, existing, locked ? input.Reason : null, input.Reason);
        var followUps = await MissedSessions.RaiseFollowUpsAsync(db, e, newlyAbsent, today, ct);
        await MissedSessions.WithdrawFollowUpsAsync(db, corrected, ct);
        await db.SaveChangesAsync(ct);
        var absentNow = entries.Where(x => AttendanceRules.IsAbsence(x.Status!.Value)).Select(x => x.ParticipantId).ToList();
        var alerts = await MissedSessions.CheckEngagementAsync(db, absentNow, settings, today, ct);
        return new AttendanceTaken(e, changed, followUps, alerts);
    }

    /// <summary>Sets each record and adds its history row; returns what changed, who is newly absent without notice and whose absence was corrected.</summary>
    private static (int Changed, List<AttendanceRecord> NewlyAbsent, List<AttendanceRecord> Corrected) Apply(TrellisDbContext db, AttendanceEvent e,
        List<AttendanceLineInput> entries, List<AttendanceRecord> existing, string? lateReason, string? changeReason)
    {
        var changed = 0;
        var newlyAbsent = new List<AttendanceRecord>();
        var corrected = new List<AttendanceRecord>();
        foreach (var x in entries)
        {
            var status = x.Status!.Value;
            var record = existing.FirstOrDefault(a => a.ParticipantId == x.ParticipantId);
            var minutes = AttendanceRules.MinutesAttended(status, e.DurationMinutes, x.MinutesLate, x.MinutesLeftEarly);
            var late = AttendanceRules.IsAbsence(status) ? null : Positive(x.MinutesLate);
            var early = AttendanceRules.IsAbsence(status) ? null : Positive(x.MinutesLeftEarly);
            var note = string.IsNullOrWhiteSpace(x.Note) ? null : x.Note.Trim();
            var modality = Modalities.Of(status, e.ByVideo);
            var before = record?.Status;
            if (record is null)
            {
                record = new AttendanceRecord { ParticipantId = x.ParticipantId, GroupSessionId = e.GroupSessionId, AppointmentId = e.AppointmentId };
                db.Attendance.Add(record);
            }
            else if (record.Status == status && record.MinutesLate == late && record.MinutesLeftEarly == early && record.Note == note && record.Modality == modality) continue;
            record.Status = status;
            record.Modality = modality;
            record.MinutesLate = late;
            record.MinutesLeftEarly = early;
            record.MinutesAttended = minutes;
            record.Note = note;
            db.Add(new AttendanceChange
            {
                AttendanceRecordId = record.Id, ParticipantId = record.ParticipantId, Status = status, MinutesLate = late,
                MinutesLeftEarly = early, MinutesAttended = minutes, Note = note, Reason = (before is null ? lateReason : changeReason)?.Trim(),
                ChangedAt = db.Now, ChangedBy = db.Actor.UserName,
            });
            changed++;
            if (status == AttendanceStatus.AbsentUnexcused && before != AttendanceStatus.AbsentUnexcused) newlyAbsent.Add(record);
            if (before == AttendanceStatus.AbsentUnexcused && status != AttendanceStatus.AbsentUnexcused) corrected.Add(record);
        }
        return (changed, newlyAbsent, corrected);
    }

    private static int? Positive(int? minutes) => minutes is > 0 ? minutes : null;

    private static async Task<string> NameAsync(TrellisDbContext db, Guid id, CancellationToken ct) =>
        await db.Participants.Where(p => p.Id == id).Select(p => Participant.NameOf(p.PreferredName, p.LegalFirstName, p.LegalLastName)).FirstOrDefaultAsync(ct)
        ?? $"Participant {id}";
}
