using Trellis.Web.Features.Outcomes;

namespace Trellis.Tests.Outcomes;

[Trait("Category", "Unit")]
public class MeasureOccasionsTests
{
    private static readonly DateOnly Admitted = new(2026, 3, 2);
    private static readonly MeasureRule Every14 = new() { Instrument = "phq-9", AtAdmission = true, EveryDays = 14, AtDischarge = true };

    [Fact]
    public void Admission_then_every_14_days_with_a_window_that_opens_3_days_early()
    {
        var today = Admitted.AddDays(20);
        var given = new[] { ("phq-9", Admitted.AddDays(-5)), ("phq-9", Admitted.AddDays(11)) }; // pre-admission screen; day 11 = 3 days early
        var o = MeasureOccasions.For([Every14], new ScheduledStay(Admitted, null), given, today);
        Assert.Equal(OccasionState.Given, o[0].State);                 // admission, satisfied by the screening 5 days before
        Assert.Equal((Admitted.AddDays(14), OccasionState.Given), (o[1].DueOn, o[1].State));
        Assert.Equal((Admitted.AddDays(28), OccasionState.Upcoming), (o[2].DueOn, o[2].State));
        Assert.Equal(3, o.Count);
    }

    [Fact]
    public void A_date_passed_without_the_measure_is_overdue_until_the_next_window_opens_then_missed()
    {
        var stay = new ScheduledStay(Admitted, null);
        var due = Admitted.AddDays(14);
        Assert.Equal(OccasionState.Due, MeasureOccasions.For([Every14], stay, [("phq-9", Admitted)], due)[1].State);
        Assert.Equal(OccasionState.Overdue, MeasureOccasions.For([Every14], stay, [("phq-9", Admitted)], due.AddDays(1))[1].State);
        Assert.Equal(OccasionState.Overdue, MeasureOccasions.For([Every14], stay, [("phq-9", Admitted)], due.AddDays(10))[1].State); // next opens day 25
        Assert.Equal(OccasionState.Missed, MeasureOccasions.For([Every14], stay, [("phq-9", Admitted)], due.AddDays(11))[1].State);
    }

    [Fact]
    public void Discharge_measure_replaces_a_repeat_in_its_week_and_completion_counts_only_passed_dates()
    {
        var discharge = Admitted.AddDays(30); // repeat at 28 falls in the discharge week
        var o = MeasureOccasions.For([Every14], new ScheduledStay(Admitted, discharge), [("phq-9", Admitted), ("phq-9", discharge.AddDays(-2))], discharge.AddDays(5));
        Assert.Equal([OccasionKind.Admission, OccasionKind.Repeat, OccasionKind.Discharge], o.Select(x => x.Kind));
        Assert.Equal([OccasionState.Given, OccasionState.Missed, OccasionState.Given], o.Select(x => x.State));
        Assert.Equal(2 / 3.0, MeasureOccasions.Completion(o)!.Value, 3);
    }
}
