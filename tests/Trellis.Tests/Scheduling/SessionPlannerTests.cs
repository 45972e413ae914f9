using Trellis.Web.Features.Organization;
using Trellis.Web.Features.Scheduling;

namespace Trellis.Tests.Scheduling;

[Trait("Category", "Unit")]
public class SessionPlannerTests
{
    private static readonly TimeZoneInfo NewYork = ProgramClock.Zone("America/New_York");
    private static readonly TimeZoneInfo LosAngeles = ProgramClock.Zone("America/Los_Angeles");

    private static (Track, SessionTemplate) MorningTrack()
    {
        var track = new Track { Name = "Morning", Weekdays = Weekdays.Monday | Weekdays.Wednesday | Weekdays.Thursday, StartTime = new(9, 0), EndTime = new(12, 0), Capacity = 12 };
        var skills = new SessionTemplate { TrackId = track.Id, Title = "Skills group", Weekdays = track.Weekdays, StartTime = new(10, 0), EndTime = new(10, 50) };
        return (track, skills);
    }

    [Fact]
    public void A_template_makes_one_session_per_meeting_day_at_the_same_wall_clock_time_across_the_March_change()
    {
        var (track, skills) = MorningTrack();
        // 2026: clocks go forward on Sunday March 8 in the US.
        var sessions = SessionPlanner.Plan(skills, track, new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 15), NewYork).ToList();
        Assert.Equal(6, sessions.Count);
        Assert.Equal([2, 4, 5, 9, 11, 12], sessions.Select(s => s.LocalDate.Day));
        var before = sessions.Single(s => s.LocalDate == new DateOnly(2026, 3, 5));
        var after = sessions.Single(s => s.LocalDate == new DateOnly(2026, 3, 9));
        Assert.Equal(new DateTimeOffset(2026, 3, 5, 15, 0, 0, TimeSpan.Zero), before.StartsAt); // EST, UTC-5
        Assert.Equal(new DateTimeOffset(2026, 3, 9, 14, 0, 0, TimeSpan.Zero), after.StartsAt);  // EDT, UTC-4
        Assert.All(sessions, s => Assert.Equal(new TimeOnly(10, 0), ProgramClock.LocalTime(s.StartsAt, NewYork)));
        Assert.All(sessions, s => Assert.Equal(TimeSpan.FromMinutes(50), s.EndsAt - s.StartsAt));
    }

    [Fact]
    public void And_across_the_November_change()
    {
        var (track, skills) = MorningTrack();
        // 2026: clocks go back on Sunday November 1.
        var sessions = SessionPlanner.Plan(skills, track, new DateOnly(2026, 10, 26), new DateOnly(2026, 11, 4), LosAngeles).ToList();
        Assert.Equal([26, 28, 29, 2, 4], sessions.Select(s => s.LocalDate.Day));
        Assert.Equal(new DateTimeOffset(2026, 10, 29, 17, 0, 0, TimeSpan.Zero), sessions[2].StartsAt); // PDT, UTC-7
        Assert.Equal(new DateTimeOffset(2026, 11, 2, 18, 0, 0, TimeSpan.Zero), sessions[3].StartsAt);  // PST, UTC-8
        Assert.All(sessions, s => Assert.Equal(new TimeOnly(10, 0), ProgramClock.LocalTime(s.StartsAt, LosAngeles)));
    }

    [Fact]
    public void A_time_the_spring_change_skips_moves_forward_and_a_time_that_happens_twice_is_taken_the_first_time()
    {
        // 2:30 on March 8 2026 does not exist in New York: clocks jump from 2:00 to 3:00.
        var skipped = ProgramClock.ToInstant(new DateOnly(2026, 3, 8), new TimeOnly(2, 30), NewYork);
        Assert.Equal(new DateTimeOffset(2026, 3, 8, 7, 30, 0, TimeSpan.Zero), skipped);
        Assert.Equal(new TimeOnly(3, 30), ProgramClock.LocalTime(skipped, NewYork));
        // 1:30 on November 1 2026 happens twice; the first is still daylight time (UTC-4).
        var twice = ProgramClock.ToInstant(new DateOnly(2026, 11, 1), new TimeOnly(1, 30), NewYork);
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 5, 30, 0, TimeSpan.Zero), twice);
    }

    [Fact]
    public void A_template_meets_only_on_days_its_track_meets()
    {
        var (track, skills) = MorningTrack();
        skills.Weekdays = Weekdays.Monday | Weekdays.Tuesday;
        var sessions = SessionPlanner.Plan(skills, track, new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 8), NewYork).ToList();
        Assert.Equal(DayOfWeek.Monday, Assert.Single(sessions).LocalDate.DayOfWeek);
    }

    [Fact]
    public void Check_names_inverted_times_groups_outside_the_track_and_overlapping_groups()
    {
        var (track, skills) = MorningTrack();
        var process = new SessionTemplate { Title = "Process group", Weekdays = track.Weekdays, StartTime = new(9, 0), EndTime = new(10, 0), IsActive = true };
        Assert.Empty(SessionPlanner.Check(skills, track, [process]));

        var inverted = new SessionTemplate { Title = "X", Weekdays = track.Weekdays, StartTime = new(11, 0), EndTime = new(10, 0) };
        var (field, message) = Assert.Single(SessionPlanner.Check(inverted, track, []));
        Assert.Equal("EndTime", field);
        Assert.Contains("not after it starts at 11:00", message);

        var late = new SessionTemplate { Title = "Late", Weekdays = track.Weekdays, StartTime = new(11, 30), EndTime = new(12, 20) };
        Assert.Contains(SessionPlanner.Check(late, track, []), e => e.Message.Contains("must fit inside those hours"));

        var clash = new SessionTemplate { Title = "Clash", Weekdays = Weekdays.Wednesday, StartTime = new(9, 30), EndTime = new(10, 20) };
        Assert.Contains(SessionPlanner.Check(clash, track, [process]), e => e.Message == "It overlaps Process group (9:00–10:00 on Wed).");

        var friday = new SessionTemplate { Title = "Friday", Weekdays = Weekdays.Wednesday | Weekdays.Friday, StartTime = new(9, 0), EndTime = new(9, 50) };
        Assert.Contains(SessionPlanner.Check(friday, track, []), e => e.Field == "Weekdays" && e.Message.Contains("does not meet on Fri"));
    }
}
