using Trellis.Web.Features.Organization;
using Trellis.Web.Features.Scheduling.Placement;
using static Trellis.Tests.Placement.PlacementWeeks;

namespace Trellis.Tests.Placement;

/// <summary>What "best" means, one priority at a time, and the promises around it.</summary>
[Trait("Category", "Unit")]
public sealed class PlacementObjectiveTests
{
    private static readonly TrackOption MonWed = Track("Mon/Wed", Weekdays.Monday | Weekdays.Wednesday, "9:00", "12:00");

    [Fact]
    public void Uses_the_fewest_individual_sessions_that_make_up_the_hours()
    {
        var slots = new[]
        {
            Slot(DayOfWeek.Tuesday, "9:00", "10:00"), Slot(DayOfWeek.Tuesday, "10:00", "11:00"), Slot(DayOfWeek.Tuesday, "11:00", "12:00"),
            Slot(DayOfWeek.Thursday, "9:00", "10:30"), Slot(DayOfWeek.Friday, "9:00", "10:30"),
            Slot(DayOfWeek.Monday, "11:00", "12:30"), // overlaps the group
            Slot(DayOfWeek.Tuesday, "13:00", "15:00", counts: false, kind: SlotKind.MedicationManagement),
        };

        var plan = PlacementSolver.Place(Week([], [MonWed], slots)).Plan!;

        Assert.Equal([DayOfWeek.Thursday, DayOfWeek.Friday], plan.Slots.Select(s => s.Day));
        Assert.Equal(new PlanScore(2, 0, 4), plan.Score);
        Assert.Equal(9 * 60, plan.CountedMinutes);
        Assert.Equal(["Mon/Wed group", "Mon/Wed group", "Individual therapy", "Individual therapy"], plan.Week.Select(i => i.Title));
    }

    [Fact]
    public void A_preferred_day_off_breaks_the_tie_between_equally_short_plans()
    {
        var slots = new[] { Slot(DayOfWeek.Tuesday, "9:00", "10:30"), Slot(DayOfWeek.Thursday, "9:00", "10:30"), Slot(DayOfWeek.Friday, "9:00", "10:30") };

        var plan = PlacementSolver.Place(Week([], [MonWed], slots, preferences: new(PreferredDaysOff: Weekdays.Friday))).Plan!;

        Assert.DoesNotContain(plan.Week, i => i.Day == DayOfWeek.Friday);
        Assert.Equal(0, plan.Score.PreferenceViolations);
    }

    [Theory]
    [InlineData(TimeOfDay.Morning, "Morning")]
    [InlineData(TimeOfDay.Afternoon, "Afternoon")]
    [InlineData(TimeOfDay.Evening, "Evening")]
    public void The_preferred_time_of_day_chooses_between_tracks_that_all_fit(TimeOfDay preferred, string expected)
    {
        var request = Week([], [Morning(), Afternoon(), Evening()], preferences: new(PreferredTimeOfDay: preferred));

        Assert.Equal(expected, PlacementSolver.Place(request).Plan!.Track.Name);
    }

    [Fact]
    public void Preferred_days_off_steer_away_from_those_days()
    {
        var request = Week([], [Morning(), Afternoon(), Evening()], preferences: new(PreferredDaysOff: Weekdays.Monday));

        Assert.Equal("Afternoon", PlacementSolver.Place(request).Plan!.Track.Name);
    }

    [Fact]
    public void An_individual_session_is_added_only_when_the_hours_need_it_even_against_a_wish()
    {
        var shortEvening = Track("Short evening", Weekdays.Tuesday | Weekdays.Thursday, "18:00", "21:00");
        var request = Week([], [Morning(), shortEvening], [Slot(DayOfWeek.Wednesday, "18:00", "21:00")],
            preferences: new(PreferredTimeOfDay: TimeOfDay.Evening));

        var plan = PlacementSolver.Place(request).Plan!;

        Assert.Equal("Morning", plan.Track.Name);
        Assert.Equal(new PlanScore(0, 3, 3), plan.Score);
    }

    [Fact]
    public void Fewer_days_win_when_nothing_else_differs()
    {
        var twoLongDays = Track("Two long days", Weekdays.Tuesday | Weekdays.Thursday, "9:00", "13:30");

        var plan = PlacementSolver.Place(Week([], [Morning(), twoLongDays])).Plan!;

        Assert.Equal("Two long days", plan.Track.Name);
        Assert.Equal(2, plan.Score.DaysAttended);
    }

    [Fact]
    public void Prefer_fewer_days_outweighs_a_time_of_day_wish()
    {
        var twoLongDays = Track("Two long days", Weekdays.Tuesday | Weekdays.Thursday, "13:00", "17:30");
        var request = Week([], [Morning(), twoLongDays], preferences: new(PreferFewerDays: true, PreferredTimeOfDay: TimeOfDay.Morning));

        // Morning: 0 off-hours + 3 days = 3 violations; two long afternoons: 2 off-hours + 2 days = 4.
        Assert.Equal("Morning", PlacementSolver.Place(request).Plan!.Track.Name);
        Assert.Equal("Two long days", PlacementSolver.Place(request with { Preferences = new(PreferFewerDays: true) }).Plan!.Track.Name);
    }

    [Fact]
    public void Adolescents_need_six_hours_so_a_two_evening_track_after_school_is_enough()
    {
        var afterSchool = Track("After school", Weekdays.Tuesday | Weekdays.Thursday, "16:00", "19:00");
        var school = Every(Weekdays5, "8:00", "15:00", "School", after: 30);
        var adolescent = TreatmentProgram.DefaultMinimumHours(Population.Adolescent);

        Assert.True(PlacementSolver.Place(Week(school, [afterSchool], hours: adolescent)).IsPlaced);
        Assert.Equal(TrackProblemKind.TooFewHours, PlacementSolver.Place(Week(school, [afterSchool], hours: 9m)).Tracks[0].Problems.Single().Kind);
    }

    [Fact]
    public void Slots_that_do_not_count_toward_hours_are_never_chosen()
    {
        var slots = new[] { Slot(DayOfWeek.Friday, "10:00", "11:00", counts: false, kind: SlotKind.CaseManagement) };

        Assert.Empty(PlacementSolver.Place(Week([], [Morning()], slots)).Plan!.Slots);
    }

    [Fact]
    public void The_same_request_gives_the_same_plan_every_time_even_among_equal_choices()
    {
        // Identical twins of tracks and slots make many equally good plans; the answer must not wander.
        var twins = Enumerable.Range(0, 6).Select(i =>
            Slot(i % 2 == 0 ? DayOfWeek.Tuesday : DayOfWeek.Thursday, "9:00", "10:30") with { Id = new Guid(i + 1, 0, 0, new byte[8]) });
        var request = Week([], [MonWed, MonWed with { Id = new Guid(99, 0, 0, new byte[8]), Name = "Twin" }], twins);

        var first = PlacementSolver.Place(request);
        for (var i = 0; i < 5; i++)
        {
            var again = PlacementSolver.Place(request);
            Assert.Equal(first.Plan!.Track.Id, again.Plan!.Track.Id);
            Assert.Equal(first.Plan.Week, again.Plan.Week);
        }
    }

    [Fact]
    public void Times_are_wall_clock_per_weekday_so_daylight_saving_cannot_move_a_session()
    {
        // 2:30 on a spring-forward Sunday does not exist on the calendar, but placement has no
        // calendar: it is 2:30 on the clinic's wall clock every Sunday, and clashes like any other time.
        var sundayEarly = Track("Sunday early", Weekdays.Sunday, "2:00", "11:00");
        var fits = PlacementSolver.TracksThatFit(Week([new Obligation(DayOfWeek.Sunday, At("2:30"), At("3:00"), "Shift")], [sundayEarly]));

        Assert.Contains(fits[0].Problems, p => p.Kind == TrackProblemKind.Clash && p.Day == DayOfWeek.Sunday);
        Assert.Equal(9 * 60, fits[0].GroupMinutes);
    }

    [Fact]
    public void Impossible_input_is_refused_with_a_reason()
    {
        var backwards = Track("Backwards", Weekdays.Monday, "12:00", "9:00");
        Assert.Throws<ArgumentException>(() => PlacementSolver.Place(Week([], [backwards])));
        Assert.Throws<ArgumentException>(() => PlacementSolver.Place(Week([new Obligation(DayOfWeek.Monday, At("9:00"), At("9:00"), "Nothing")], [Morning()])));
        Assert.Throws<ArgumentException>(() => PlacementSolver.Place(Week([new Obligation(DayOfWeek.Monday, At("9:00"), At("10:00"), "Far", 0, 13 * 60)], [Morning()])));
        Assert.Throws<ArgumentException>(() => PlacementSolver.Place(Week([], [Track("Never", Weekdays.None, "9:00", "12:00")])));
    }
}
