using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Trellis.Tests.Support;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Participants;
using Trellis.Web.Features.Scheduling;

namespace Trellis.Tests.Scheduling;

/// <summary>"Held to the weekly minimum" is one rule (WeeklyHours.NotHeldBecause), worked out by hand.</summary>
[Trait("Category", "Unit")]
public class HeldToMinimumRuleTests
{
    private static readonly DateOnly Monday = new(2026, 3, 2);

    [Fact]
    public void A_whole_week_enrolled_is_held_and_a_track_move_in_the_middle_of_it_does_not_change_that()
    {
        Assert.Null(WeeklyHours.NotHeldBecause(false, [new(Monday.AddDays(-30), null)], Monday));
        // A move on Wednesday: the old enrollment ends that day, the new one starts Thursday.
        Assert.Null(WeeklyHours.NotHeldBecause(false, [new(Monday.AddDays(-30), Monday.AddDays(2)), new(Monday.AddDays(3), null)], Monday));
    }

    [Fact]
    public void Joining_or_leaving_during_the_week_or_being_on_hold_is_not_held_and_says_why()
    {
        Assert.Equal("joined Wed Mar 4", WeeklyHours.NotHeldBecause(false, [new(Monday.AddDays(2), null)], Monday));
        Assert.Equal("left Thu Mar 5", WeeklyHours.NotHeldBecause(false, [new(Monday.AddDays(-30), Monday.AddDays(3))], Monday));
        Assert.Equal("on hold", WeeklyHours.NotHeldBecause(true, [new(Monday.AddDays(-30), null)], Monday));
        Assert.Equal("not enrolled", WeeklyHours.NotHeldBecause(false, [new(Monday.AddDays(8), null)], Monday));
        Assert.Equal("not enrolled every day", WeeklyHours.NotHeldBecause(false, [new(Monday.AddDays(-3), Monday.AddDays(1)), new(Monday.AddDays(4), null)], Monday));
    }

    [Fact]
    public void A_week_not_held_is_never_below_the_minimum_whatever_its_hours()
    {
        var weeks = WeeklyHours.Compute([], ScheduleSettings.DefaultCounted.ToHashSet(), 9m, Monday, Monday.AddDays(13), Monday.AddDays(30),
            week => week == Monday ? "joined Mon Mar 2" : null);
        Assert.False(weeks[0].BelowMinimum);
        Assert.Equal("joined Mon Mar 2", weeks[0].NotHeldBecause);
        Assert.True(weeks[1].BelowMinimum);
        Assert.Null(weeks[1].NotHeldBecause);
    }
}

/// <summary>The chart, its flag, the program list, the home card and the API apply the one rule alike, on a real database.</summary>
public class HeldToMinimumTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    [Fact]
    public async Task On_hold_moved_and_discharged_participants_are_judged_the_same_in_the_api_the_chart_and_the_program_list()
    {
        // Four people, none of whom came last week: one on hold, one moved track midweek, one discharged midweek, one plain.
        var world = await SchedulingWorld.CreateAsync(app, participants: 4);
        var lastWeek = ProgramClock.WeekStart(world.Today).AddDays(-7);
        await world.GenerateAsync(app, lastWeek, lastWeek.AddDays(6));
        var other = await SchedulingWorld.CreateAsync(app, participants: 0);
        var (paused, moved, left, plain) = (world.Participants[0], world.Participants[1], world.Participants[2], world.Participants[3]);
        await using (var s = app.Db())
        {
            (await s.Context.Participants.SingleAsync(p => p.Id == paused.Id)).Status = ParticipantStatus.OnHold;
            var move = await s.Context.Enrollments.SingleAsync(e => e.ParticipantId == moved.Id);
            move.EndedOn = lastWeek.AddDays(2);
            s.Context.Enrollments.Add(new Enrollment { ParticipantId = moved.Id, ProgramId = world.ProgramId, TrackId = other.Track.Id, StartedOn = lastWeek.AddDays(3) });
            (await s.Context.Participants.SingleAsync(p => p.Id == moved.Id)).TrackId = other.Track.Id;
            var discharged = await s.Context.Participants.Include(p => p.Enrollments).SingleAsync(p => p.Id == left.Id);
            discharged.Status = ParticipantStatus.Discharged;
            discharged.DischargedOn = lastWeek.AddDays(3);
            discharged.Enrollments.Single().EndedOn = lastWeek.AddDays(3);
            await s.Context.SaveChangesAsync();
        }

        var api = await app.ApiAsync(Roles.CaseManager);
        async Task<System.Text.Json.Nodes.JsonNode> ApiWeek(Guid id) =>
            (await Json.ReadAsync(await api.GetAsync($"/api/participants/{id}/weekly-hours?from={lastWeek:yyyy-MM-dd}&to={lastWeek.AddDays(6):yyyy-MM-dd}"))).AsArray().Single()!;
        using var pages = await app.PagesAsync(Roles.CaseManager);
        var (_, list) = await pages.GetAsync($"/schedule/hours?program={world.ProgramId}&date={lastWeek:yyyy-MM-dd}");
        string Row(Participant p) => list.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains(p.LegalLastName)).TextContent;

        // On hold: the API agrees with the list now (it used to hold them to the minimum).
        Assert.False((bool)(await ApiWeek(paused.Id))["belowMinimum"]!);
        Assert.Equal("on hold", (string?)(await ApiWeek(paused.Id))["notHeldBecause"]);
        Assert.Contains("on hold", Row(paused));
        // A track move midweek keeps the week whole, in both.
        Assert.True((bool)(await ApiWeek(moved.Id))["belowMinimum"]!);
        Assert.Contains("below minimum", Row(moved));
        // Discharged midweek: not held, in both (the list used to hold them).
        Assert.Equal($"left {lastWeek.AddDays(3):ddd MMM d}", (string?)(await ApiWeek(left.Id))["notHeldBecause"]);
        Assert.Contains($"left {lastWeek.AddDays(3):ddd MMM d}", Row(left));
        Assert.DoesNotContain("below minimum", Row(left));
        Assert.True((bool)(await ApiWeek(plain.Id))["belowMinimum"]!);

        // The chart flag: only those held to last week's minimum.
        var (_, pausedChart) = await pages.GetAsync($"/participants/{paused.Id}/schedule");
        Assert.DoesNotContain("Below minimum", pausedChart.QuerySelector(".flags")?.TextContent ?? "");
        var (_, plainChart) = await pages.GetAsync($"/participants/{plain.Id}/schedule");
        Assert.Contains("Below minimum hours last week: 0 h of 9 h", plainChart.QuerySelector(".flags")?.TextContent);
        Assert.Contains("on hold", pausedChart.QuerySelector("#hours")!.TextContent);
    }
}
