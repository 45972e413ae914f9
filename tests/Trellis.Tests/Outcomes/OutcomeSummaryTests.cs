using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Trellis.Tests.Clinical;
using Trellis.Tests.Support;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Outcomes;
using Trellis.Web.Features.Outcomes.Summaries;
using Trellis.Web.Features.Participants;
using Trellis.Web.Features.Scheduling;
using Trellis.Web.Infrastructure;

namespace Trellis.Tests.Outcomes;

/// <summary>
/// The dashboard's summary tables (issue 10 point 7) stay right when a record is corrected, and the dashboard's numbers,
/// read from them, agree with a count made here from the raw records of the demo data; on both databases.
/// </summary>
public class OutcomeSummaryTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    [Fact]
    public async Task Summaries_follow_corrections_of_attendance_scores_and_discharges()
    {
        await using (var s = app.Db()) Assert.Empty(await OutcomeSummaries.VerifyAsync(s.Context)); // the seeded demo, kept by the hook

        var p = await Clinic.FreshParticipantAsync(app);
        var session = await Clinic.HeldSessionAsync(app, [p.Id], daysAgo: 3);
        DateOnly day;
        await using (var s = app.Db())
        {
            day = (await s.Context.GroupSessions.SingleAsync(x => x.Id == session)).LocalDate;
            Assert.Equal<(int, int, int)?>((1, 1, 50), await DayAsync(s.Context, p.Id, day));
            var record = await s.Context.Attendance.SingleAsync(a => a.ParticipantId == p.Id && a.GroupSessionId == session);
            record.Status = AttendanceStatus.AbsentUnexcused; // corrected: was not there after all
            record.MinutesAttended = 0;
            await s.Context.SaveChangesAsync();
        }
        await using (var s = app.Db())
        {
            Assert.Equal<(int, int, int)?>((1, 0, 0), await DayAsync(s.Context, p.Id, day));
            s.Context.Remove(await s.Context.Attendance.SingleAsync(a => a.ParticipantId == p.Id && a.GroupSessionId == session));
            await s.Context.SaveChangesAsync();
            Assert.Null(await DayAsync(s.Context, p.Id, day));
        }

        // Two PHQ-9 scores through the API (16, then 4), the first moved to the admission week.
        var api = await app.ApiAsync(Roles.Clinician);
        foreach (var answers in new[] { new[] { 2, 2, 2, 2, 2, 2, 2, 2, 0 }, new[] { 1, 1, 1, 1, 0, 0, 0, 0, 0 } })
            Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync($"/api/participants/{p.Id}/instruments", new { instrument = "phq-9", answers })).StatusCode);
        var today = Clinic.Today;
        await using (var s = app.Db())
        {
            var scores = await s.Context.InstrumentAdministrations.Where(a => a.ParticipantId == p.Id).OrderBy(a => a.Total).ToListAsync();
            scores[1].AdministeredAt = DateTimeOffset.UtcNow.AddDays(-18); // the 16
            await s.Context.SaveChangesAsync();
            Assert.Empty(await s.Context.Set<StayScore>().Where(x => x.ParticipantId == p.Id).ToListAsync()); // in care: no stay has ended
            await DischargeAsync(s.Context, p.Id, today);
        }
        await using (var s = app.Db())
        {
            var row = await s.Context.Set<StayScore>().SingleAsync(x => x.ParticipantId == p.Id);
            Assert.Equal((16, 4, 2, today), (row.Baseline, row.Latest, row.Scores, row.StayEndedOn));
            var latest = await s.Context.InstrumentAdministrations.SingleAsync(a => a.ParticipantId == p.Id && a.Total == 4);
            latest.Total = 12; // a score corrected
            await s.Context.SaveChangesAsync();
            Assert.Equal(12, (await s.Context.Set<StayScore>().AsNoTracking().SingleAsync(x => x.ParticipantId == p.Id)).Latest);

            // The discharge undone: the stay is open again, no outcome at discharge yet.
            var enrollment = await s.Context.Enrollments.SingleAsync(e => e.ParticipantId == p.Id);
            enrollment.EndedOn = null;
            await s.Context.SaveChangesAsync();
            Assert.Empty(await s.Context.Set<StayScore>().Where(x => x.ParticipantId == p.Id).ToListAsync());

            // Discharged again, earlier: the later score is no longer in the stay.
            enrollment.EndedOn = today.AddDays(-5);
            await s.Context.SaveChangesAsync();
            var again = await s.Context.Set<StayScore>().AsNoTracking().SingleAsync(x => x.ParticipantId == p.Id);
            Assert.Equal((16, 16, 1, today.AddDays(-5)), (again.Baseline, again.Latest, again.Scores, again.StayEndedOn));
        }
        await using (var s = app.Db()) Assert.Empty(await OutcomeSummaries.VerifyAsync(s.Context));
    }

    [Fact]
    public async Task Dashboard_agrees_with_an_independent_count_of_the_demo_data()
    {
        await using var s = app.Db();
        var db = s.Context;
        var today = await ProgramClock.ClinicTodayAsync(db);
        var filter = new DashboardFilter(today.AddDays(-364), today.AddDays(1), null, null);
        var result = DashboardFigures.Compute(await DashboardQueries.LoadAsync(db, filter));

        // Stays counted here from the enrollments: one participant's enrollments in one program joined where one starts by the day after the last ends.
        var enrollments = await db.Enrollments.IgnoreQueryFilters().Where(e => e.Participant!.DeletedAt == null).AsNoTracking().ToListAsync();
        var stays = new List<(Guid Person, DateOnly Start, DateOnly? End)>();
        foreach (var g in enrollments.GroupBy(e => (e.ParticipantId, e.ProgramId)))
        {
            (Guid, DateOnly, DateOnly?)? open = null;
            foreach (var e in g.OrderBy(e => e.StartedOn))
            {
                if (open is { } o && o.Item3 is { } end && e.StartedOn <= end.AddDays(1)) { open = (o.Item1, o.Item2, e.EndedOn is null || e.EndedOn > end ? e.EndedOn : end); continue; }
                if (open is { } o2 && o2.Item3 is null) continue;
                if (open is { } o3) stays.Add(o3);
                open = (e.ParticipantId, e.StartedOn, e.EndedOn);
            }
            if (open is { } last) stays.Add(last);
        }
        var (from, to) = (filter.From, filter.To);
        var ended = stays.Where(x => x.End is { } e && e >= from && e < to).ToList();
        Assert.NotEmpty(ended);
        var los = ended.Average(x => x.End!.Value.DayNumber - x.Start.DayNumber + 1.0);
        Assert.Equal(los, result["los-average"].Value!.Value, 6);

        // Why the stays ended: each ended stay's final discharge that day, counted here from the discharges themselves. Drop-out is
        // both kinds of leaving early, each also shown on its own (issue 10 point 4).
        var finals = await db.Set<Trellis.Web.Features.Discharge.ParticipantDischarge>().IgnoreQueryFilters().AsNoTracking().Where(d => d.IsFinal)
            .Select(d => new { d.ParticipantId, d.DischargedOn, d.Reason }).ToListAsync();
        int EndedFor(params Trellis.Web.Features.Discharge.DischargeReason[] reasons) =>
            ended.Count(x => finals.FirstOrDefault(d => d.ParticipantId == x.Person && d.DischargedOn == x.End) is { } d && reasons.Contains(d.Reason));
        Assert.Equal((EndedFor(Trellis.Web.Features.Discharge.DischargeReason.Completed), ended.Count), (result["completion"].Numerator, result["completion"].Denominator));
        var against = EndedFor(Trellis.Web.Features.Discharge.DischargeReason.LeftAgainstAdvice);
        var lost = EndedFor(Trellis.Web.Features.Discharge.DischargeReason.LostToContact);
        Assert.True(against > 0 && lost > 0, $"the demo has both kinds of drop-out in the year ({against} against advice, {lost} lost to contact)");
        Assert.Equal((against, ended.Count), (result["left-against-advice"].Numerator, result["left-against-advice"].Denominator));
        Assert.Equal((lost, ended.Count), (result["lost-to-contact"].Numerator, result["lost-to-contact"].Denominator));
        Assert.Equal((against + lost, ended.Count), (result["dropout"].Numerator, result["dropout"].Denominator));
        var byReason = result.Table("discharges-by-reason").Rows.ToDictionary(r => r.Label, r => r.Counts[0]);
        Assert.Equal((against, lost), (byReason["Left against advice"], byReason["Lost to contact"]));

        var due30 = ended.Where(x => x.End!.Value.AddDays(30) <= today).ToList();
        var back30 = due30.Count(x => stays.Any(n => n.Person == x.Person && n.Start > x.End && n.Start <= x.End!.Value.AddDays(30)));
        Assert.Equal((back30, due30.Count), (result["readmit-30"].Numerator, result["readmit-30"].Denominator));

        // Attendance: every record of the people with a stay in either period, marked for a session or appointment in the period.
        var window = (From: filter.Previous.From, To: to);
        var people = stays.Where(x => x.Start < window.To && (x.End is null || x.End >= window.From)).Select(x => x.Person).ToHashSet();
        var marks = (await db.Attendance.IgnoreQueryFilters().AsNoTracking()
                .Select(a => new { a.ParticipantId, Day = a.GroupSession != null ? a.GroupSession.LocalDate : a.Appointment!.LocalDate, a.Status, a.MinutesAttended }).ToListAsync())
            .Where(a => people.Contains(a.ParticipantId)).ToList();
        var inPeriod = marks.Where(a => a.Day >= from && a.Day < to).ToList();
        Assert.NotEmpty(inPeriod);
        Assert.Equal((inPeriod.Count(a => a.Status is AttendanceStatus.Present or AttendanceStatus.Late or AttendanceStatus.LeftEarly or AttendanceStatus.Telehealth), inPeriod.Count),
            (result["attendance"].Numerator, result["attendance"].Denominator));

        // Hours: each whole week (Mon–Sun) of a stay inside the period and past, the minutes attended that week.
        var weekHours = new List<double>();
        foreach (var x in stays.Where(x => x.Start < to && (x.End is null || x.End >= from)))
            for (var monday = from.AddDays((8 - (int)from.DayOfWeek) % 7); monday.AddDays(6) < to && monday.AddDays(6) <= today; monday = monday.AddDays(7))
                if (monday >= x.Start && (x.End is null || monday.AddDays(6) <= x.End))
                    weekHours.Add(marks.Where(a => a.ParticipantId == x.Person && a.Day >= monday && a.Day <= monday.AddDays(6)).Sum(a => a.MinutesAttended) / 60.0);
        Assert.NotEmpty(weekHours);
        Assert.Equal(weekHours.Average(), result["hours"].Value!.Value, 6);
    }

    private static async Task<(int, int, int)?> DayAsync(Trellis.Web.Data.TrellisDbContext db, Guid participant, DateOnly on) =>
        await db.Set<AttendanceDay>().AsNoTracking().SingleOrDefaultAsync(d => d.ParticipantId == participant && d.On == on) is { } d ? (d.Marked, d.Attended, d.Minutes) : null;

    private static async Task DischargeAsync(Trellis.Web.Data.TrellisDbContext db, Guid participant, DateOnly on)
    {
        var person = await db.Participants.SingleAsync(x => x.Id == participant);
        person.Status = ParticipantStatus.Discharged;
        person.DischargedOn = on;
        (await db.Enrollments.SingleAsync(e => e.ParticipantId == participant)).EndedOn = on;
        await db.SaveChangesAsync();
    }
}
