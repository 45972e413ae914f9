using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Trellis.Web.Data;
using Trellis.Web.Features.Mail;
using Trellis.Web.Features.Outcomes;
using Trellis.Web.Features.Participants;
using Trellis.Web.Features.Portal.Documents;
using Trellis.Web.Features.Scheduling;

namespace Trellis.Web.Features.Reminders;

/// <summary>
/// One round of reminders, for participants in care who have a portal account (where they choose what they get and
/// read the details). From the program's reminder hour on, in its own time zone: each session and appointment of
/// tomorrow; a follow-up after an unexcused absence of the last few days; questionnaires due; intake documents not yet
/// signed. Each message carries a key naming what it is about (<c>reminder:session:&lt;id&gt;:&lt;participant&gt;</c>…), so
/// the outbox's unique index refuses a second one, across rounds, restarts and nodes. Words come only from
/// <see cref="Notices"/>: a time and "your session", never its title, a questionnaire's name or a document's.
/// </summary>
public static class ReminderSweep
{
    public static async Task<int> RunAsync(TrellisDbContext db, ReminderOptions options, PublicLinks links, DateTimeOffset now, CancellationToken ct = default)
    {
        var accounts = await db.Users.AsNoTracking().Where(u => u.ParticipantId != null).Select(u => u.ParticipantId!.Value).ToListAsync(ct);
        if (accounts.Count == 0) return 0;
        var people = await db.Participants.AsNoTracking().Include(p => p.Program)
            .Where(p => accounts.Contains(p.Id) && DueMeasures.InCare.Contains(p.Status)).ToListAsync(ct);
        var ids = people.Select(p => p.Id).ToList();
        var chosen = await db.Set<ReminderPreferences>().AsNoTracking().Where(r => ids.Contains(r.ParticipantId)).ToDictionaryAsync(r => r.ParticipantId, ct);
        var queued = 0;
        foreach (var p in people)
        {
            var zone = ProgramClock.Zone(p.Program!.TimeZoneId);
            if (ProgramClock.LocalTime(now, zone).Hour < options.Hour) continue;
            var prefs = chosen.GetValueOrDefault(p.Id) ?? ReminderPreferences.Default(p);
            var sms = prefs.Channel == ReminderChannel.Sms && !string.IsNullOrWhiteSpace(p.Phone);
            var to = sms ? p.Phone : p.Email;
            if (string.IsNullOrWhiteSpace(to)) continue;
            var wanted = await DueAsync(db, p, prefs, options, links, sms, zone, now, ct);
            if (wanted.Count == 0) continue;
            var keys = wanted.Select(w => w.Key).ToList();
            var sent = (await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.Key != null && keys.Contains(m.Key)).Select(m => m.Key!).ToListAsync(ct)).ToHashSet();
            var fresh = wanted.Where(w => !sent.Contains(w.Key)).ToList();
            if (fresh.Count == 0) continue;
            foreach (var (key, notice) in fresh)
                if (sms) Outbox.Text(db, to, notice, key); else Outbox.Email(db, to, notice, key);
            try
            {
                await db.SaveChangesAsync(ct);
                queued += fresh.Count;
            }
            catch (DbUpdateException)
            {
                // Another node queued the same reminder between the check and the save: its key wins, ours is dropped.
                db.ChangeTracker.Clear();
            }
        }
        return queued;
    }

    private static async Task<List<(string Key, Notice Notice)>> DueAsync(TrellisDbContext db, Participant p, ReminderPreferences prefs, ReminderOptions options,
        PublicLinks links, bool sms, TimeZoneInfo zone, DateTimeOffset now, CancellationToken ct)
    {
        var list = new List<(string, Notice)>();
        var today = ProgramClock.LocalDate(now, zone);
        var tomorrow = today.AddDays(1);
        if (prefs.Sessions || prefs.Appointments)
        {
            foreach (var item in await ScheduleQueries.ForParticipantAsync(db, p.Id, tomorrow, tomorrow, ct))
            {
                if (item.Cancelled) continue;
                var video = item.TelehealthUrl is not null || item.Attendance == AttendanceStatus.Telehealth;
                if (item.Kind == ScheduleItemKind.GroupSession && prefs.Sessions)
                    list.Add(($"reminder:session:{item.Id}:{p.Id}", Notices.SessionTomorrow(item.LocalStart, video, sms, links.To("/my/schedule"))));
                else if (item.Kind == ScheduleItemKind.Appointment && prefs.Appointments)
                    list.Add(($"reminder:appointment:{item.Id}:{p.Id}", Notices.AppointmentTomorrow(item.LocalStart, video, sms, links.To("/my/schedule"))));
            }
        }
        if (prefs.MissedSessions)
        {
            var since = now.AddDays(-options.MissedWithinDays);
            var missed = await db.Attendance.AsNoTracking()
                .Where(a => a.ParticipantId == p.Id && a.Status == AttendanceStatus.AbsentUnexcused
                    && ((a.GroupSession != null && a.GroupSession.EndsAt >= since && a.GroupSession.EndsAt <= now)
                        || (a.Appointment != null && a.Appointment.EndsAt >= since && a.Appointment.EndsAt <= now)))
                .Select(a => a.Id).ToListAsync(ct);
            foreach (var id in missed) list.Add(($"reminder:missed:{id}", Notices.MissedSession(sms, links.To("/my/messages"))));
        }
        if (prefs.Measures && await DueMeasures.ForParticipantAsync(db, p.Id, ct) is { } occasions)
        {
            var due = occasions.Occasions.Where(o => o.State is OccasionState.Due or OccasionState.Overdue).Select(o => $"{o.Instrument}@{o.DueOn:yyyy-MM-dd}").Order().ToList();
            if (due.Count > 0) list.Add(($"reminder:measures:{p.Id}:{Fingerprint(due)}", Notices.MeasuresDue(sms, links.To("/my/measures"))));
        }
        if (prefs.Documents && await Packet.LoadAsync(db, p.Id, ct) is { } packet)
        {
            var unsigned = packet.Documents.Where(d => packet.SignatureOf(d) is null).Select(d => $"{d.Key}@{d.Version}").Order().ToList();
            if (unsigned.Count > 0) list.Add(($"reminder:documents:{p.Id}:{Fingerprint(unsigned)}", Notices.DocumentsToSign(sms, links.To("/my/documents"))));
        }
        return list;
    }

    /// <summary>A short, stable name for a set of things (the measures due, the documents unsigned): a new set is a new reminder, the same set never twice.</summary>
    private static string Fingerprint(IEnumerable<string> items) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("|", items))))[..16];
}

internal sealed class ReminderSweepService(IServiceScopeFactory scopes, IConfiguration config, ILogger<ReminderSweepService> log, TimeProvider clock,
    IOptions<ReminderOptions> options, IOptions<MailOptions> mail, IHttpContextAccessor http)
    : SystemJob(scopes, config, log, clock)
{
    protected override string Name => "reminders";
    protected override string Switch => "Reminders:InBackground";
    protected override TimeSpan Every => TimeSpan.FromMinutes(15);

    protected override async Task<string?> RunOnceAsync(TrellisDbContext db, CancellationToken ct) =>
        await ReminderSweep.RunAsync(db, options.Value, new PublicLinks(mail, http), db.Now, ct) is > 0 and var queued ? $"{queued} reminders queued" : null;
}
