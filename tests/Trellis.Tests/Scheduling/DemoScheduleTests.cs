using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Trellis.Tests.Support;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Demo;
using Trellis.Web.Features.Organization;
using Trellis.Web.Features.Participants;
using Trellis.Web.Features.Scheduling;

namespace Trellis.Tests.Scheduling;

/// <summary>Issue 13, point 12: whatever day the demo is tried, the demo clinician has groups today, with rosters to take.</summary>
public class DemoScheduleTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    [Fact]
    public async Task The_demo_clinician_leads_a_group_with_people_enrolled_on_every_day_of_the_week()
    {
        await using var s = app.Db();
        var db = s.Context;
        var clinician = await db.Staff.SingleAsync(x => x.Email == DemoSeeder.EmailFor(Roles.Clinician));
        var led = await db.Set<SessionTemplate>().Where(t => t.IsActive && t.Track!.IsActive && t.Facilitators.Any(f => f.StaffMemberId == clinician.Id))
            .Select(t => new { t.TrackId, Days = t.Weekdays & t.Track!.Weekdays }).ToListAsync();
        var enrolled = await db.Participants.Where(p => p.Status == ParticipantStatus.Active && p.TrackId != null).Select(p => p.TrackId!.Value).Distinct().ToListAsync();
        foreach (var day in Enum.GetValues<DayOfWeek>())
            Assert.True(led.Any(t => t.Days.HasFlag(day.ToFlag()) && enrolled.Contains(t.TrackId)), $"No group with a roster led by the demo clinician on {day}.");
        var weekend = await db.Tracks.SingleAsync(t => t.Name == Demo.WeekendTrack && t.Program!.Name == Demo.MentalHealth);
        Assert.Equal(Weekdays.Friday | Weekdays.Saturday | Weekdays.Sunday, weekend.Weekdays);
    }
}

/// <summary>The app, demo and all, as it is on the coming Saturday or Sunday at 12:30 in the clinic: the weekend track's morning groups have been held.</summary>
public abstract class DemoDayFactory(DayOfWeek day) : TrellisFactory
{
    public DateTimeOffset Now { get; } = Next(day);
    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(new FakeTimeProvider(Now));

    private static DateTimeOffset Next(DayOfWeek day)
    {
        var zone = ProgramClock.Zone("America/Los_Angeles");
        var date = ProgramClock.LocalDate(DateTimeOffset.UtcNow, zone).AddDays(1);
        while (date.DayOfWeek != day) date = date.AddDays(1);
        return ProgramClock.ToInstant(date, new TimeOnly(12, 30), zone);
    }

    /// <summary>As the demo clinician: today's schedule has a group whose attendance can be taken and whose note can be written.</summary>
    public async Task TryTodayAsync()
    {
        using var pages = await PagesAsync(Roles.Clinician);
        var (today, doc) = await pages.GetAsync("/schedule/today");
        Assert.Equal(HttpStatusCode.OK, today.StatusCode);
        var take = doc.QuerySelectorAll("a.button").Where(a => a.TextContent.Contains("Take attendance")).ToList();
        Assert.NotEmpty(take);
        var session = take[0].GetAttribute("href")!;
        var (_, page) = await pages.GetAsync(session);
        Assert.NotEmpty(page.QuerySelectorAll("input[type=radio]:not([disabled])"));
        var (saved, _) = await pages.SubmitAsync(session, "attendance", new Dictionary<string, string?> { ["Form.AllPresent"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var (note, noteDoc) = await pages.GetAsync(session.Replace("/sessions/", "/group-sessions/") + "/note");
        Assert.Equal(HttpStatusCode.OK, note.StatusCode);
        Assert.Contains("Group note", noteDoc.QuerySelector("h1")!.TextContent);
        Assert.DoesNotContain("after it has been held", noteDoc.Body!.TextContent);
        Assert.NotEmpty(noteDoc.QuerySelectorAll("form textarea"));
        using var director = await PagesAsync(Roles.ProgramDirector);
        var (_, all) = await director.GetAsync("/schedule/today?all=1");
        Assert.NotEmpty(all.QuerySelectorAll("section.card h2 a"));
    }
}

public sealed class SaturdayFactory() : DemoDayFactory(DayOfWeek.Saturday);
public sealed class SundayFactory() : DemoDayFactory(DayOfWeek.Sunday);

public class DemoOnSaturdayTests(SaturdayFactory app) : IClassFixture<SaturdayFactory>
{
    [Fact]
    public Task On_a_Saturday_the_demo_has_groups_today_to_take_attendance_and_write_notes_for() => app.TryTodayAsync();
}

public class DemoOnSundayTests(SundayFactory app) : IClassFixture<SundayFactory>
{
    [Fact]
    public Task On_a_Sunday_the_demo_has_groups_today_to_take_attendance_and_write_notes_for() => app.TryTodayAsync();
}
