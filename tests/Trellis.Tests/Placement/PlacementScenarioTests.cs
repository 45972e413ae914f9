using Trellis.Web.Features.Organization;
using Trellis.Web.Features.Scheduling.Placement;
using static Trellis.Tests.Placement.PlacementWeeks;

namespace Trellis.Tests.Placement;

/// <summary>Weeks of people the program meets, with what a clinician should see for each.</summary>
[Trait("Category", "Unit")]
public sealed class PlacementScenarioTests
{
    private static readonly TrackOption[] UsualTracks = [Morning(), Afternoon(), Evening()];

    [Fact]
    public void Day_worker_Monday_to_Friday_8_to_4_30_fits_only_the_evening_track()
    {
        var request = Week(Every(Weekdays5, "8:00", "16:30", "Work", after: 30), UsualTracks);

        var result = PlacementSolver.Place(request);

        Assert.True(result.IsPlaced);
        Assert.Equal("Evening", result.Plan!.Track.Name);
        Assert.Empty(result.Plan.Slots);
        Assert.Equal(9 * 60, result.Plan.CountedMinutes);
        Assert.Equal("The Evening group (Mon/Tue/Thu 18:00–21:00): 9 hours a week over 3 days.", result.Plan.Summary);
        Assert.Equal([DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Thursday], result.Plan.Week.Select(i => i.Day));
        Assert.Equal(["Evening"], PlacementSolver.TracksThatFit(request).Where(f => f.Fits).Select(f => f.Track.Name));
    }

    [Fact]
    public void The_admission_screen_names_each_clash_by_obligation_and_day()
    {
        var fits = PlacementSolver.TracksThatFit(Week(Every(Weekdays5, "8:00", "16:30", "Work"), UsualTracks));

        var morning = fits.Single(f => f.Track.Name == "Morning");
        Assert.False(morning.Fits);
        Assert.Equal([DayOfWeek.Monday, DayOfWeek.Wednesday, DayOfWeek.Thursday], morning.Problems.Select(p => p.Day!.Value));
        Assert.All(morning.Problems, p => Assert.Equal(TrackProblemKind.Clash, p.Kind));
        Assert.Equal("It overlaps your Work on Monday (8:00–16:30).", morning.Problems[0].Text);
    }

    [Fact]
    public void Night_shift_worker_fits_the_evening_and_overnight_shifts_reach_into_the_next_morning()
    {
        var nights = new[] { DayOfWeek.Sunday, DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday };
        var obligations = Every(nights, "22:00", "6:30", "Night shift", before: 30, after: 30)
            .Concat(Every(Weekdays5, "7:30", "14:00", "Sleep"));
        var early = Track("Early", Weekdays.Monday, "6:00", "8:00");
        var request = Week(obligations, [early, .. UsualTracks]);

        var result = PlacementSolver.Place(request);

        Assert.Equal("Evening", result.Plan!.Track.Name);
        // Sunday's shift ends on Monday morning: the week wraps around.
        var earlyFit = result.Tracks.Single(f => f.Track.Name == "Early");
        var wrap = earlyFit.Problems.First(p => p.Obligation!.Label == "Night shift");
        Assert.Equal(DayOfWeek.Sunday, wrap.Obligation!.Day);
        Assert.Equal(DayOfWeek.Monday, wrap.Day);
        Assert.Equal("Its Monday session overlaps your Night shift on Sunday (22:00–6:30, overnight).", wrap.Text);
    }

    [Fact]
    public void Parent_with_school_pickup_at_3_fits_the_morning_track()
    {
        var obligations = Every(Weekdays5, "8:00", "8:30", "School drop-off", after: 20)
            .Concat(Every(Weekdays5, "15:00", "15:30", "School pickup", before: 20, after: 20))
            .Concat(Every(Weekdays5, "18:30", "20:00", "Bedtime"));

        var result = PlacementSolver.Place(Week(obligations, UsualTracks));

        Assert.Equal("Morning", result.Plan!.Track.Name);
        Assert.Equal(["Morning"], result.Tracks.Where(f => f.Fits).Select(f => f.Track.Name));
        Assert.Contains(result.Tracks.Single(f => f.Track.Name == "Afternoon").Problems, p => p.Obligation!.Label == "School pickup");
    }

    [Fact]
    public void When_only_the_travel_time_is_in_the_way_joining_by_video_is_suggested()
    {
        var midday = Track("Midday", Weekdays.Tuesday | Weekdays.Wednesday | Weekdays.Thursday, "12:00", "14:50", telehealthAvailable: true);
        var request = Week(Every(Weekdays5, "15:00", "15:30", "School pickup", before: 20), [midday],
            [Slot(DayOfWeek.Wednesday, "11:00", "12:00")]);

        var result = PlacementSolver.Place(request);

        Assert.False(result.IsPlaced);
        Assert.All(result.Tracks[0].Problems, p => Assert.True(p.TravelOnly));
        var video = Assert.Single(result.Suggestions);
        Assert.Equal(SuggestionKind.Telehealth, video.Kind);
        Assert.True(video.Plan.TrackByVideo);
        Assert.Equal(
            "If you join the Midday group (Tue/Wed/Thu 12:00–14:50) by video, you no longer need travel time around "
            + "your School pickup on Tuesday (15:00–15:30), your School pickup on Wednesday (15:00–15:30) and "
            + "your School pickup on Thursday (15:00–15:30), and it would fit your week with 1 individual session a week.",
            video.Text);

        var accepted = PlacementSolver.Place(request with { UseTelehealthWhereAvailable = true });
        Assert.True(accepted.Plan!.TrackByVideo);
        Assert.All(accepted.Plan.Week.Where(i => i.Kind == PlannedItemKind.Group), i => Assert.True(i.ByVideo));
        Assert.Equal(video.Plan.Week, accepted.Plan.Week);
    }

    [Fact]
    public void A_full_track_that_would_otherwise_fit_is_offered_as_a_waitlist()
    {
        var request = Week(Every(Weekdays5, "8:00", "16:30", "Work"), [Morning(), Afternoon(), Evening(enrolled: 12)]);

        var result = PlacementSolver.Place(request);

        Assert.False(result.IsPlaced);
        var full = Assert.Single(result.Tracks.Single(f => f.Track.Name == "Evening").Problems);
        Assert.Equal(TrackProblemKind.Full, full.Kind);
        var waitlist = Assert.Single(result.Suggestions);
        Assert.Equal(SuggestionKind.Waitlist, waitlist.Kind);
        Assert.Equal("The Evening group (Mon/Tue/Thu 18:00–21:00) would fit your week, but it is full right now "
            + "(12 of 12 places taken). You could join its waitlist.", waitlist.Text);
        Assert.Same(request.Tracks[2], waitlist.Plan.Track);
        Assert.Equal("No track fits your week as it stands. One change would make it work.", result.Summary);
    }

    [Fact]
    public void Moving_one_shift_is_suggested_when_that_alone_frees_a_track()
    {
        var alternate = Track("Alternate", Weekdays.Tuesday | Weekdays.Wednesday | Weekdays.Friday, "9:00", "12:00");
        var work = Every([DayOfWeek.Monday, DayOfWeek.Wednesday], "8:00", "16:30", "Work");

        var result = PlacementSolver.Place(Week(work, [Morning(), alternate]));

        var move = Assert.Single(result.Suggestions);
        Assert.Equal(SuggestionKind.MoveObligation, move.Kind);
        Assert.Equal(DayOfWeek.Wednesday, move.Obligation!.Day);
        Assert.Equal("If your Work on Wednesday (8:00–16:30) could move to another day or time, or be dropped, "
            + "the Alternate group (Tue/Wed/Fri 9:00–12:00) would fit your week.", move.Text);
    }

    [Fact]
    public void With_no_single_change_that_helps_the_summary_says_so()
    {
        var result = PlacementSolver.Place(Week(Every(Weekdays5, "6:00", "22:00", "Work"), UsualTracks));

        Assert.Empty(result.Suggestions);
        Assert.StartsWith("No track fits your week as it stands. None of the single changes", result.Summary);
        Assert.All(result.Tracks, f => Assert.NotEmpty(f.Problems));
    }

    [Fact]
    public void Too_few_hours_even_with_every_free_session_is_explained_with_the_numbers()
    {
        var twice = Track("Twice", Weekdays.Tuesday | Weekdays.Thursday, "9:00", "12:00");
        var result = PlacementSolver.Place(Week([], [twice], [Slot(DayOfWeek.Monday, "10:00", "11:00"), Slot(DayOfWeek.Monday, "10:30", "11:30")]));

        var problem = Assert.Single(result.Tracks[0].Problems);
        Assert.Equal(TrackProblemKind.TooFewHours, problem.Kind);
        Assert.Equal("Its groups give 6 hours a week; with every free individual session that fits beside them it reaches 7 hours, "
            + "short of the 9 hours required.", problem.Text);
    }

    [Fact]
    public void A_video_only_track_needs_no_travel_time()
    {
        var online = Track("Online", Weekdays.Monday | Weekdays.Tuesday | Weekdays.Thursday, "17:00", "20:00", isTelehealth: true);
        var result = PlacementSolver.Place(Week(Every(Weekdays5, "8:00", "16:30", "Work", after: 60), [online]));

        Assert.True(result.Plan!.TrackByVideo);
        Assert.Equal("The Online group (Mon/Tue/Thu 17:00–20:00, by video): 9 hours a week over 3 days.", result.Plan.Summary);
    }

    [Fact]
    public void A_program_without_tracks_says_so()
    {
        var result = PlacementSolver.Place(Week([], []));

        Assert.False(result.IsPlaced);
        Assert.Equal("The program has no tracks to place anyone in.", result.Summary);
    }

    [Fact]
    public void A_configured_track_becomes_a_track_option_with_its_enrollment()
    {
        var track = new Track { Name = "Evening", Weekdays = Weekdays.Monday | Weekdays.Tuesday | Weekdays.Thursday,
            StartTime = At("18:00"), EndTime = At("21:00"), Capacity = 12 };

        var option = TrackOption.From(track, enrolled: 12, telehealthAvailable: true);

        Assert.Equal((track.Id, "Evening", track.Weekdays, 12, 12), (option.Id, option.Name, option.Days, option.Capacity, option.Enrolled));
        Assert.True(option.IsFull);
        Assert.True(option.TelehealthAvailable);
        Assert.Equal(track.HoursPerWeek * 60, PlacementSolver.TracksThatFit(Week([], [option]))[0].GroupMinutes);
    }
}
