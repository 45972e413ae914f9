using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Trellis.Tests.Mail;
using Trellis.Tests.Portal;
using Trellis.Tests.Support;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Demo;
using Trellis.Web.Features.Mail;
using Trellis.Web.Features.Participants;
using Trellis.Web.Features.Reminders;
using Trellis.Web.Features.Scheduling;

namespace Trellis.Tests.Mail;

/// <summary>Reminders through the outbox to a real SMTP server: once per thing, at the program's hour, as the participant chose, with no clinical words.</summary>
public class ReminderTests(MailFactory app) : IClassFixture<MailFactory>
{
    private static readonly ReminderOptions Options = new() { Hour = 17 };

    private sealed record Arranged(Guid ParticipantId, string Email, TimeZoneInfo Zone, DateOnly Today);

    private async Task<Arranged> ArrangeAsync(string? phone = null)
    {
        var pid = await PortalArrange.DemoParticipantIdAsync(app);
        await using var s = app.Db();
        var p = await s.Context.Participants.Include(x => x.Program).SingleAsync(x => x.Id == pid);
        p.Email = $"remind-{Guid.NewGuid():N}@example.org";
        p.Phone = phone ?? p.Phone;
        // Each test starts from the defaults (every kind, by email): the tests share the demo participant.
        s.Context.Set<ReminderPreferences>().RemoveRange(await s.Context.Set<ReminderPreferences>().Where(r => r.ParticipantId == pid).ToListAsync());
        await s.Context.SaveChangesAsync();
        var zone = ProgramClock.Zone(p.Program!.TimeZoneId);
        return new(pid, p.Email, zone, p.Today(s.Context.Now));
    }

    private async Task<Guid> AppointmentAsync(Guid pid, DateOnly day, TimeZoneInfo zone, int hour = 9, int minute = 30)
    {
        await using var s = app.Db();
        var staff = await s.Context.Staff.Where(x => x.Email == DemoSeeder.EmailFor(Roles.Clinician)).Select(x => x.Id).SingleAsync();
        var start = ProgramClock.ToInstant(day, new TimeOnly(hour, minute), zone);
        var a = new Appointment { ParticipantId = pid, StaffMemberId = staff, LocalDate = day, StartsAt = start, EndsAt = start.AddMinutes(50) };
        s.Context.Add(a);
        await s.Context.SaveChangesAsync();
        return a.Id;
    }

    private async Task<int> SweepAsync(DateTimeOffset now)
    {
        await using var s = app.Db();
        var links = new PublicLinks(Microsoft.Extensions.Options.Options.Create(new MailOptions { PublicUrl = "http://trellis.test" }), new Microsoft.AspNetCore.Http.HttpContextAccessor());
        return await ReminderSweep.RunAsync(s.Context, Options, links, now);
    }

    private async Task<List<OutboxMessage>> OutboxAsync(string? key = null, string? to = null)
    {
        await using var s = app.Db();
        return await s.Context.Set<OutboxMessage>().Where(m => (key == null || m.Key == key) && (to == null || m.To == to)).ToListAsync();
    }

    [Fact]
    public async Task The_day_before_reminder_waits_for_the_programs_hour_in_its_time_zone_and_goes_once()
    {
        var a = await ArrangeAsync();
        Assert.NotEqual(TimeSpan.Zero, a.Zone.BaseUtcOffset);
        var day = a.Today.AddDays(9);
        var id = await AppointmentAsync(a.ParticipantId, day, a.Zone);
        var key = $"reminder:appointment:{id}:{a.ParticipantId}";

        // 16:59 in the program's zone is past 17:00 in UTC for a zone west of Greenwich (and the other way east of it):
        // either way only the program's own clock decides.
        var justBefore = ProgramClock.ToInstant(day.AddDays(-1), new TimeOnly(16, 59), a.Zone);
        var justAfter = ProgramClock.ToInstant(day.AddDays(-1), new TimeOnly(17, 5), a.Zone);
        var utcEarly = ProgramClock.ToInstant(day.AddDays(-1), new TimeOnly(11, 0), a.Zone);
        Assert.True(justBefore.UtcDateTime.Hour >= 17 || utcEarly.UtcDateTime.Hour >= 17, "the test needs a zone where UTC's hour and the program's differ at the reminder hour");
        await SweepAsync(justBefore);
        await SweepAsync(utcEarly);
        Assert.Empty(await OutboxAsync(key));

        Assert.True(await SweepAsync(justAfter) > 0);
        var queued = Assert.Single(await OutboxAsync(key));
        Assert.Equal(a.Email, queued.To);
        var all = (await OutboxAsync(to: a.Email)).Count;
        Assert.Equal(0, await SweepAsync(justAfter.AddMinutes(15)));
        Assert.Single(await OutboxAsync(key));
        Assert.Equal(all, (await OutboxAsync(to: a.Email)).Count);

        var mail = await app.Mail.WaitForAsync(a.Email, all);
        var reminder = Assert.Single(mail, m => m.Body.Contains("You have an appointment tomorrow at 9:30"));
        Assert.Contains("http://trellis.test/my/schedule", reminder.Body);
        foreach (var m in mail) NoClinicalContent.Assert(m, "therapy", "individual", "group", "Dr.");
    }

    [Fact]
    public async Task A_kind_turned_off_is_not_sent_and_text_goes_to_the_phone()
    {
        var a = await ArrangeAsync(phone: "+15555550123");
        var portal = await app.ApiAsync(Roles.Participant);
        var get = await portal.GetAsync("/api/me/reminder-preferences");
        var body = new { channel = "email", sessions = true, appointments = false, missedSessions = true, measures = true, documents = true };
        var put = await portal.PutJsonAsync("/api/me/reminder-preferences", body, get.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        await Json.ProblemAsync(await portal.PutJsonAsync("/api/me/reminder-preferences", body, null), 428);

        var day = a.Today.AddDays(12);
        var off = await AppointmentAsync(a.ParticipantId, day, a.Zone);
        await SweepAsync(ProgramClock.ToInstant(day.AddDays(-1), new TimeOnly(18, 0), a.Zone));
        Assert.Empty(await OutboxAsync($"reminder:appointment:{off}:{a.ParticipantId}"));

        var sms = await portal.PutJsonAsync("/api/me/reminder-preferences", body with { channel = "sms", appointments = true }, put.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.OK, sms.StatusCode);
        var day2 = a.Today.AddDays(13);
        var on = await AppointmentAsync(a.ParticipantId, day2, a.Zone, 14, 0);
        await SweepAsync(ProgramClock.ToInstant(day2.AddDays(-1), new TimeOnly(18, 0), a.Zone));
        var text = Assert.Single(await OutboxAsync($"reminder:appointment:{on}:{a.ParticipantId}"));
        Assert.Equal(OutboxChannel.Sms, text.Channel);
        Assert.Equal("+15555550123", text.To);
        Assert.Contains("You have an appointment tomorrow at 14:00", text.Body);
        NoClinicalContent.Assert(text.Body);

        var other = await app.ApiAsync(Roles.Clinician);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync("/api/me/reminder-preferences")).StatusCode);
    }

    [Fact]
    public async Task A_missed_session_is_followed_up_once_and_the_page_turns_kinds_off()
    {
        var a = await ArrangeAsync();
        var yesterday = a.Today.AddDays(-1);
        var appt = await AppointmentAsync(a.ParticipantId, yesterday, a.Zone, 10, 0);
        Guid record;
        await using (var s = app.Db())
        {
            var r = new AttendanceRecord { ParticipantId = a.ParticipantId, AppointmentId = appt, Status = AttendanceStatus.AbsentUnexcused };
            s.Context.Attendance.Add(r);
            await s.Context.SaveChangesAsync();
            record = r.Id;
        }
        var evening = ProgramClock.ToInstant(a.Today, new TimeOnly(17, 30), a.Zone);
        await SweepAsync(evening);
        await SweepAsync(evening.AddHours(1));
        var followUp = Assert.Single(await OutboxAsync($"reminder:missed:{record}"));
        Assert.Contains("We missed you at your session", followUp.Body);
        NoClinicalContent.Assert(followUp.Body);

        using var pages = await app.PagesAsync(Roles.Participant);
        var (saved, _) = await pages.SubmitAsync("/my/reminders", "reminders", new Dictionary<string, string?> { ["measures"] = null, ["documents"] = null });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        await using (var s = app.Db())
        {
            var prefs = await s.Context.Set<ReminderPreferences>().SingleAsync(r => r.ParticipantId == a.ParticipantId);
            Assert.False(prefs.Measures);
            Assert.False(prefs.Documents);
            Assert.True(prefs.Sessions);
        }
    }

    /// <summary>An active participant of the demo with no portal account yet, given one (and a fresh address): their reminders are theirs alone.</summary>
    private async Task<(Guid Id, string Email, HttpClient Portal, DateTimeOffset Evening)> FreshAccountAsync()
    {
        Guid pid;
        string email;
        DateTimeOffset evening;
        await using (var s = app.Db())
        {
            var taken = await s.Context.Users.Where(u => u.ParticipantId != null).Select(u => u.ParticipantId!.Value).ToListAsync();
            var p = await s.Context.Participants.Include(x => x.Program)
                .Where(x => x.Status == ParticipantStatus.Active && !taken.Contains(x.Id)).OrderBy(x => x.Id).FirstAsync();
            pid = p.Id;
            email = $"remind-{Guid.NewGuid():N}@example.org";
            p.Email = email;
            await s.Context.SaveChangesAsync();
            evening = ProgramClock.ToInstant(p.Today(s.Context.Now), new TimeOnly(18, 0), ProgramClock.Zone(p.Program!.TimeZoneId));
            var users = s.Services.GetRequiredService<UserManager<TrellisUser>>();
            var user = new TrellisUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = p.DisplayName, ParticipantId = pid, CreatedAt = s.Context.Now };
            Assert.True((await users.CreateAsync(user, DemoSeeder.Password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, Roles.Participant)).Succeeded);
        }
        await PortalArrange.MakePhq9DueAsync(app, pid);
        var portal = app.Anonymous();
        portal.DefaultRequestHeaders.Authorization = new("Bearer", await TrellisFactory.LoginAsync(portal, email, DemoSeeder.Password));
        return (pid, email, portal, evening);
    }

    private async Task<List<OutboxMessage>> KindAsync(string kind, Guid pid)
    {
        var prefix = $"reminder:{kind}:{pid}:";
        await using var s = app.Db();
        return await s.Context.Set<OutboxMessage>().Where(m => m.Key != null && m.Key.StartsWith(prefix)).ToListAsync();
    }

    [Fact]
    public async Task Due_measures_and_unsigned_documents_are_reminded_once_without_naming_them_and_each_kind_turns_off()
    {
        var (pid, email, portal, evening) = await FreshAccountAsync();
        async Task<HttpResponseMessage> ChooseAsync(bool measures, bool documents)
        {
            var get = await portal.GetAsync("/api/me/reminder-preferences");
            var put = await portal.PutJsonAsync("/api/me/reminder-preferences",
                new { channel = "email", sessions = true, appointments = true, missedSessions = true, measures, documents }, get.Headers.ETag!.Tag);
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
            return put;
        }

        // Both turned off: a questionnaire is due and the intake documents are unsigned, and neither is reminded.
        await ChooseAsync(measures: false, documents: false);
        await SweepAsync(evening);
        Assert.Empty(await KindAsync("measures", pid));
        Assert.Empty(await KindAsync("documents", pid));

        // Each kind on in turn: only that kind goes.
        await ChooseAsync(measures: true, documents: false);
        await SweepAsync(evening.AddMinutes(15));
        Assert.Single(await KindAsync("measures", pid));
        Assert.Empty(await KindAsync("documents", pid));

        await ChooseAsync(measures: true, documents: true);
        await SweepAsync(evening.AddMinutes(30));
        await SweepAsync(evening.AddMinutes(45));
        var measures = Assert.Single(await KindAsync("measures", pid));
        var documents = Assert.Single(await KindAsync("documents", pid));
        Assert.Equal(email, measures.To);
        Assert.Equal(email, documents.To);

        // What the SMTP server received: the two sentences and a link, never the questionnaire or the documents by name.
        var all = (await OutboxAsync(to: email)).Count;
        var mail = await app.Mail.WaitForAsync(email, all);
        var measuresMail = Assert.Single(mail, m => m.Body.Contains("You have a short questionnaire to fill in."));
        Assert.Contains("http://trellis.test/my/measures", measuresMail.Body);
        var documentsMail = Assert.Single(mail, m => m.Body.Contains("You have documents to read and sign."));
        Assert.Contains("http://trellis.test/my/documents", documentsMail.Body);
        foreach (var m in mail)
            NoClinicalContent.Assert(m, "Patient Health", "consent", "financial", "privacy", "release of information", "Part 2", "42 CFR", "telehealth");
    }
}
