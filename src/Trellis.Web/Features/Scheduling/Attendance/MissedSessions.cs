using Trellis.Web.Features.Participants;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Notifications;
using Trellis.Web.Features.Tasks;
using Trellis.Web.Infrastructure;

namespace Trellis.Web.Features.Scheduling;

/// <summary>
/// Follow-up of missed sessions: a same-day task for the case manager for every unexcused absence,
/// and an engagement alert (an outreach task and notifications) when the program's rules say the
/// person is slipping away. The outreach and its outcome are recorded on the task.
/// </summary>
public static class MissedSessions
{
    public const string SourceType = nameof(AttendanceRecord);

    public static async Task<int> RaiseFollowUpsAsync(TrellisDbContext db, AttendanceEvent e, List<AttendanceRecord> absent, DateOnly today, CancellationToken ct)
    {
        if (absent.Count == 0) return 0;
        var ids = absent.Select(a => a.ParticipantId).ToList();
        var people = await db.Participants.AsNoTracking().Where(p => ids.Contains(p.Id))
            .Select(p => new { p.Id, p.CaseManagerId, Name = Participant.NameOf(p.PreferredName, p.LegalFirstName, p.LegalLastName) }).ToListAsync(ct);
        var raised = 0;
        foreach (var record in absent)
        {
            var p = people.First(x => x.Id == record.ParticipantId);
            if (await db.Tasks.AnyAsync(t => t.SourceType == SourceType && t.SourceId == record.Id && t.Status == CareTaskStatus.Open, ct)) continue;
            var when = e.LocalDate.ToString("ddd MMM d", CultureInfo.InvariantCulture);
            // Without a case manager the task waits for any case manager of the program.
            CareTasks.Raise(db, record.ParticipantId, CareTaskKinds.MissedSessionFollowUp, $"Missed {e.Title} on {when}: reach out today",
                today, p.CaseManagerId, p.CaseManagerId is null ? Roles.CaseManager : null,
                $"{p.Name} was absent without notice from {e.Title} on {when}. Reach out today, find out what got in the way, and record how it went.",
                SourceType, record.Id);
            Notifier.Notify(db, [p.CaseManagerId], CareTaskKinds.MissedSessionFollowUp, $"{p.Name} missed {e.Title} on {when}",
                "A follow-up task is waiting for you.", $"/participants/{p.Id}/tasks", p.Id);
            raised++;
        }
        return raised;
    }

    /// <summary>An absence corrected to anything else no longer needs its call.</summary>
    public static async Task WithdrawFollowUpsAsync(TrellisDbContext db, IEnumerable<AttendanceRecord> records, CancellationToken ct)
    {
        foreach (var r in records)
        {
            var open = await db.Tasks.Where(t => t.SourceType == SourceType && t.SourceId == r.Id && t.Status == CareTaskStatus.Open).ToListAsync(ct);
            foreach (var t in open)
            {
                CareTasks.Complete(db, t, $"Not needed: attendance corrected to {EnumText.Label(r.Status).ToLowerInvariant()}.");
                t.Status = CareTaskStatus.Cancelled;
            }
        }
    }

    public static async Task<int> CheckEngagementAsync(TrellisDbContext db, IReadOnlyCollection<Guid> participantIds, ScheduleSettings settings,
        DateOnly today, CancellationToken ct)
    {
        var raised = 0;
        foreach (var id in participantIds.Distinct())
        {
            var since = db.Now.AddDays(-7 * Math.Max(settings.AttendanceWindowWeeks, 1) - 60);
            var marks = await db.Attendance.AsNoTracking().Where(a => a.ParticipantId == id)
                .Select(a => new
                {
                    a.Status,
                    StartsAt = a.GroupSession != null ? a.GroupSession.StartsAt : a.Appointment!.StartsAt,
                })
                .Where(a => a.StartsAt >= since).ToListAsync(ct);
            var concern = EngagementRules.Evaluate(marks.Select(m => new AttendanceMark(m.StartsAt, m.Status)).ToList(), db.Now,
                settings.ConsecutiveAbsencesAlert, settings.MinimumAttendancePercent, settings.AttendanceWindowWeeks);
            if (concern is null) continue;
            if ((await CareTasks.OpenAsync(db, id, CareTaskKinds.EngagementOutreach, ct)).Count > 0) continue;
            var p = await db.Participants.AsNoTracking().FirstAsync(x => x.Id == id, ct);
            CareTasks.Raise(db, id, CareTaskKinds.EngagementOutreach, $"Engagement alert: {p.DisplayName}", today, p.CaseManagerId,
                p.CaseManagerId is null ? Roles.CaseManager : null,
                $"{concern.Reason} Reach out, talk through what is getting in the way (schedule, transport, childcare, how treatment feels), and record the outcome.",
                "EngagementAlert", id);
            var directors = await Notifier.ProgramDirectorsAsync(db, p.ProgramId, ct);
            Notifier.Notify(db, directors.Append(p.CaseManagerId).Append(p.PrimaryClinicianId), CareTaskKinds.EngagementOutreach,
                $"Engagement alert: {p.DisplayName}", concern.Reason, $"/participants/{id}/schedule", id, urgent: true);
            raised++;
        }
        if (raised > 0) await db.SaveChangesAsync(ct);
        return raised;
    }
}
