using Trellis.Web.Features.Instruments;
using Trellis.Web.Features.Discharge;
using Trellis.Web.Features.Medications;
using Trellis.Web.Features.Notes;
using Trellis.Web.Features.TreatmentPlans;

namespace Trellis.Tests.Clinical;

[Trait("Category", "Unit")]
public class PlanScheduleTests
{
    [Theory]
    [InlineData(0, 3, false, DueState.NotYet)]
    [InlineData(1, 3, false, DueState.NotYet)]
    [InlineData(2, 3, false, DueState.DueSoon)]
    [InlineData(3, 3, false, DueState.Overdue)]
    [InlineData(9, 3, false, DueState.Overdue)]
    [InlineData(9, 3, true, DueState.Done)]
    [InlineData(3, 4, false, DueState.DueSoon)]
    public void The_first_plan_is_due_by_the_nth_attended_session(int attended, int within, bool complete, DueState expected) =>
        Assert.Equal(expected, PlanSchedule.FirstPlan(attended, within, complete).State);

    [Fact]
    public void Reviews_fall_due_every_interval_from_the_later_of_the_last_review_and_the_plan()
    {
        var today = new DateOnly(2026, 11, 30);
        Assert.Null(PlanSchedule.Review(null, null, 30, today));
        var r = PlanSchedule.Review(new DateOnly(2026, 11, 1), null, 30, today)!;
        Assert.Equal(new DateOnly(2026, 12, 1), r.DueOn);
        Assert.Equal(DueState.DueSoon, r.State);
        Assert.Equal(1, r.DaysLeft);
        var overdue = PlanSchedule.Review(new DateOnly(2026, 9, 1), new DateOnly(2026, 10, 1), 30, today)!;
        Assert.Equal(new DateOnly(2026, 10, 31), overdue.DueOn);
        Assert.Equal(DueState.Overdue, overdue.State);
        // A plan signed after the last review restarts the clock: the new version was itself a review.
        var resigned = PlanSchedule.Review(new DateOnly(2026, 11, 20), new DateOnly(2026, 10, 1), 30, today)!;
        Assert.Equal(DueState.NotYet, resigned.State);
        Assert.Equal(new DateOnly(2026, 12, 20), resigned.DueOn);
        Assert.Equal(new DateOnly(2026, 12, 30), PlanSchedule.Review(new DateOnly(2026, 11, 30), null, 30, today)!.DueOn);
    }

    [Theory]
    [InlineData(TargetComparison.Below, 10, 9, true)]
    [InlineData(TargetComparison.Below, 10, 10, false)]
    [InlineData(TargetComparison.AtOrBelow, 10, 10, true)]
    [InlineData(TargetComparison.AtOrAbove, 5, 5, true)]
    [InlineData(TargetComparison.Above, 5, 5, false)]
    public void A_score_target_is_met_as_the_comparison_says(TargetComparison c, int target, int score, bool met) =>
        Assert.Equal(met, new PlanGoal { Comparison = c, TargetScore = target }.IsMetBy(score));

    [Fact]
    public void A_score_target_needs_a_known_instrument_a_comparison_and_a_score_in_range()
    {
        static List<string> Errors(PlanGoal g) => g.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(g)).SelectMany(r => r.MemberNames).ToList();
        var ok = new PlanGoal { OwnWords = "x", Target = "y", InstrumentCode = "phq-9", Comparison = TargetComparison.Below, TargetScore = 10, Objectives = [new()], Interventions = [new()] };
        Assert.Empty(Errors(ok));
        Assert.Contains(nameof(PlanGoal.InstrumentCode), Errors(new PlanGoal { InstrumentCode = "phq-10", Comparison = TargetComparison.Below, TargetScore = 5, Objectives = [new()], Interventions = [new()] }));
        Assert.Contains(nameof(PlanGoal.Comparison), Errors(new PlanGoal { InstrumentCode = "gad-7", TargetScore = 5, Objectives = [new()], Interventions = [new()] }));
        Assert.Contains(nameof(PlanGoal.TargetScore), Errors(new PlanGoal { InstrumentCode = "gad-7", Comparison = TargetComparison.Below, TargetScore = 30, Objectives = [new()], Interventions = [new()] }));
        Assert.Contains(nameof(PlanGoal.Objectives), Errors(new PlanGoal { Interventions = [new()] }));
        Assert.Equal("PHQ-9 below 10", ok.ScoreTargetText);
    }

    [Fact]
    public void Late_entries_are_those_signed_more_than_three_days_after_the_service()
    {
        var service = new DateOnly(2026, 11, 20);
        Assert.False(NoteSigning.IsLate(service, service));
        Assert.False(NoteSigning.IsLate(service, service.AddDays(3)));
        Assert.True(NoteSigning.IsLate(service, service.AddDays(4)));
    }
}

[Trait("Category", "Unit")]
public class DischargeScoresTests
{
    private static readonly DateOnly Admitted = new(2026, 9, 1);

    [Fact]
    public void Admission_is_the_first_score_from_two_weeks_before_admission_and_discharge_the_last_before_discharge()
    {
        var points = new[]
        {
            new ScorePoint("phq-9", 22, Admitted.AddDays(-30)), // too early: an old screen
            new ScorePoint("phq-9", 18, Admitted.AddDays(-3)),
            new ScorePoint("phq-9", 14, Admitted.AddDays(14)),
            new ScorePoint("phq-9", 8, Admitted.AddDays(40)),
            new ScorePoint("phq-9", 3, Admitted.AddDays(60)), // after discharge
            new ScorePoint("gad-7", 12, Admitted.AddDays(1)),
            new ScorePoint("gad-7", 10, Admitted.AddDays(40)),
            new ScorePoint("audit-c", 8, Admitted),
            new ScorePoint("audit-c", 2, Admitted.AddDays(40)),
            new ScorePoint("dast-10", 6, Admitted),
        };
        var result = DischargeScores.Compare(points, Admitted, Admitted.AddDays(45), ReliableChangeThresholds.Published).ToDictionary(s => s.Code);

        var phq = result["phq-9"];
        Assert.Equal((18, 8, -10), (phq.AdmissionScore, phq.DischargeScore!.Value, phq.Change!.Value));
        Assert.Equal(Admitted.AddDays(-3), phq.AdmissionOn);
        Assert.Equal("moderately severe", phq.AdmissionBand);
        Assert.Equal("mild", phq.DischargeBand);
        Assert.Equal("Reliable improvement", phq.Outcome);
        // Issue 13 point 7: only a reliable change is an improvement; 2 points is less than the 4 that is reliable on GAD-7.
        Assert.Equal("No reliable change", result["gad-7"].Outcome);
        Assert.Null(result["audit-c"].ReliableChange);
        Assert.Equal("No reliable change (no threshold is published for this measure)", result["audit-c"].Outcome);
        Assert.Null(result["dast-10"].DischargeScore);
        Assert.StartsWith("Only one score", result["dast-10"].Outcome);
    }

    // Issue 13 point 7: a change smaller than the reliable change (or on a measure without one) is "no reliable change", never "improved" or "worse".
    [Theory]
    [InlineData("phq-9", 12, 12, "No reliable change")]
    [InlineData("phq-9", 18, 12, "Reliable improvement")]
    [InlineData("phq-9", 18, 13, "No reliable change")]
    [InlineData("phq-9", 12, 18, "Reliable deterioration")]
    [InlineData("audit-c", 4, 6, "No reliable change (no threshold is published for this measure)")]
    public void Outcomes_use_the_published_reliable_change(string code, int before, int after, string expected) =>
        Assert.Equal(expected, DischargeScores.Compare([new ScorePoint(code, before, Admitted), new ScorePoint(code, after, Admitted.AddDays(30))],
            Admitted, Admitted.AddDays(40), ReliableChangeThresholds.Published).Single().Outcome);

    [Fact]
    public void A_one_point_drop_is_no_reliable_change_and_says_what_would_be()
    {
        var result = DischargeScores.Compare([new ScorePoint("phq-9", 15, Admitted), new ScorePoint("phq-9", 14, Admitted.AddDays(30))], Admitted, Admitted.AddDays(40), ReliableChangeThresholds.Published).Single();
        Assert.Equal("No reliable change", result.Outcome);
        Assert.Equal(6, result.ReliableChange);
        Assert.DoesNotContain("mprov", result.Outcome);
    }
}

[Trait("Category", "Unit")]
public class DrugPanelsTests
{
    [Fact]
    public void A_prescription_explains_a_positive_for_its_class()
    {
        string[] meds = ["Buprenorphine/naloxone", "Clonazepam", "Sertraline"];
        Assert.Equal("Buprenorphine/naloxone", DrugPanels.PrescribedAs("bup", meds));
        Assert.Equal("Clonazepam", DrugPanels.PrescribedAs("bzo", meds));
        Assert.Null(DrugPanels.PrescribedAs("coc", meds));
        Assert.Null(DrugPanels.PrescribedAs("opi", meds));
        Assert.Equal("Adderall XR", DrugPanels.PrescribedAs("AMP", ["Adderall XR"]));
        Assert.Null(DrugPanels.PrescribedAs("nope", meds));
    }

    [Theory]
    [InlineData(DrugResult.Positive, false, true)]
    [InlineData(DrugResult.Positive, true, false)]
    [InlineData(DrugResult.Negative, true, true)]
    [InlineData(DrugResult.Negative, false, false)]
    [InlineData(DrugResult.Pending, true, false)]
    [InlineData(DrugResult.Invalid, false, false)]
    public void Unexpected_means_positive_without_a_prescription_or_negative_for_a_prescribed_medication(DrugResult result, bool prescribed, bool unexpected) =>
        Assert.Equal(unexpected, new SubstanceResult { Substance = "bup", Result = result, Prescribed = prescribed }.IsUnexpected);

    [Fact]
    public void Every_panel_lists_known_substances()
    {
        Assert.All(DrugPanels.Panels.SelectMany(p => p.Codes), c => Assert.NotNull(DrugPanels.Substance(c)));
        Assert.Equal(DrugPanels.Substances.Count, DrugPanels.Substances.Select(s => s.Code).Distinct().Count());
    }
}
