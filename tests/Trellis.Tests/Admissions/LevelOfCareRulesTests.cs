using Trellis.Web.Features.Admissions.Decisions;
using Trellis.Web.Features.Instruments;
using Trellis.Web.Features.Organization;

namespace Trellis.Tests.Admissions;

/// <summary>The level-of-care decision support: safety first, then hours, then where the person comes from and how severe the screens are.</summary>
[Trait("Category", "Unit")]
public class LevelOfCareRulesTests
{
    private static LevelOfCareSuggestion Suggest(LevelOfCareInputs inputs) => LevelOfCareRules.Suggest(inputs);

    private static string[] Applied(LevelOfCareSuggestion s) => s.Applied.Select(r => r.Id).ToArray();

    [Theory]
    [InlineData(8.5, LevelOfCare.Outpatient, "hours-outpatient")]
    [InlineData(9, LevelOfCare.IntensiveOutpatient, "hours-iop")]
    [InlineData(19.5, LevelOfCare.IntensiveOutpatient, "hours-iop")]
    [InlineData(20, LevelOfCare.PartialHospitalization, "hours-php")]
    [InlineData(0, LevelOfCare.Outpatient, "hours-outpatient")]
    public void Hours_needed_set_the_level_for_adults_at_the_asam_boundaries(double hours, LevelOfCare level, string rule)
    {
        var s = Suggest(new(WeeklyHoursNeeded: (decimal)hours));
        Assert.Equal(level, s.Level);
        Assert.Contains(rule, Applied(s));
    }

    [Theory]
    [InlineData(5.5, LevelOfCare.Outpatient)]
    [InlineData(6, LevelOfCare.IntensiveOutpatient)]
    public void Adolescents_reach_iop_at_6_hours(double hours, LevelOfCare level) =>
        Assert.Equal(level, Suggest(new(Population.Adolescent, (decimal)hours)).Level);

    [Fact]
    public void High_suicide_risk_calls_for_inpatient_whatever_else_is_true()
    {
        var s = Suggest(new(WeeklyHoursNeeded: 9, Risk: SuicideRisk.High, Phq9: 3));
        Assert.Equal(LevelOfCare.Inpatient, s.Level);
        Assert.Contains("high-risk", Applied(s));
    }

    [Fact]
    public void Withdrawal_risk_calls_for_medically_monitored_care_first()
    {
        var s = Suggest(new(WeeklyHoursNeeded: 9, WithdrawalRisk: true));
        Assert.Equal(LevelOfCare.Residential, s.Level);
        Assert.Contains("withdrawal", Applied(s));
    }

    [Fact]
    public void Moderate_risk_and_severe_symptoms_are_floors_that_raise_a_low_hours_estimate()
    {
        Assert.Equal(LevelOfCare.IntensiveOutpatient, Suggest(new(WeeklyHoursNeeded: 3, Risk: SuicideRisk.Moderate)).Level);
        Assert.Equal(LevelOfCare.IntensiveOutpatient, Suggest(new(WeeklyHoursNeeded: 3, Phq9: 20)).Level);
        Assert.Equal(LevelOfCare.IntensiveOutpatient, Suggest(new(WeeklyHoursNeeded: 3, Gad7: 15)).Level);
        Assert.Equal(LevelOfCare.IntensiveOutpatient, Suggest(new(WeeklyHoursNeeded: 3, Dast10: 6)).Level);
        Assert.Equal(LevelOfCare.Outpatient, Suggest(new(WeeklyHoursNeeded: 3, Phq9: 19, Gad7: 14, Dast10: 5)).Level);
    }

    [Fact]
    public void Floors_never_lower_a_higher_base()
    {
        var s = Suggest(new(WeeklyHoursNeeded: 25, Phq9: 22));
        Assert.Equal(LevelOfCare.PartialHospitalization, s.Level);
        Assert.Contains("severe-symptoms", Applied(s));
    }

    [Theory]
    [InlineData(LevelOfCare.Inpatient)]
    [InlineData(LevelOfCare.Residential)]
    [InlineData(LevelOfCare.PartialHospitalization)]
    public void Stepping_down_from_a_higher_level_suggests_iop(LevelOfCare from)
    {
        var s = Suggest(new(CurrentLevel: from, Phq9: 6));
        Assert.Equal(LevelOfCare.IntensiveOutpatient, s.Level);
        Assert.Contains("step-down", Applied(s));
        Assert.DoesNotContain("mild", Applied(s));
    }

    [Fact]
    public void Stepping_up_from_weekly_therapy_with_moderate_screens_suggests_iop()
    {
        var s = Suggest(new(CurrentLevel: LevelOfCare.Outpatient, Phq9: 10));
        Assert.Equal(LevelOfCare.IntensiveOutpatient, s.Level);
        Assert.Contains("step-up", Applied(s));
        Assert.Contains("Stepping up", s.Rules.Single(r => r.Id == "step-up").Clinical);
    }

    [Theory]
    [InlineData(9, 9, false, 2)]
    [InlineData(4, null, null, null)]
    public void Screens_below_moderate_without_risk_suggest_outpatient(int phq, int? gad, bool? audit, int? dast)
    {
        var s = Suggest(new(CurrentLevel: LevelOfCare.Outpatient, Phq9: phq, Gad7: gad, AuditCPositive: audit, Dast10: dast));
        Assert.Equal(LevelOfCare.Outpatient, s.Level);
        Assert.Equal(["mild"], Applied(s));
    }

    [Fact]
    public void A_positive_alcohol_or_drug_screen_counts_as_moderate()
    {
        Assert.Equal(LevelOfCare.IntensiveOutpatient, Suggest(new(Phq9: 4, AuditCPositive: true)).Level);
        Assert.Equal(LevelOfCare.IntensiveOutpatient, Suggest(new(Phq9: 4, Dast10: 3)).Level);
        Assert.Equal(LevelOfCare.IntensiveOutpatient, Suggest(new(Pcl5Provisional: true)).Level);
    }

    [Fact]
    public void With_nothing_to_go_on_it_starts_from_iop_and_says_so()
    {
        var s = Suggest(new());
        Assert.Equal(LevelOfCare.IntensiveOutpatient, s.Level);
        Assert.Equal(["no-information"], Applied(s));
    }

    [Fact]
    public void Every_rule_is_listed_with_clinical_and_plain_words_whether_or_not_it_applied()
    {
        var s = Suggest(new(WeeklyHoursNeeded: 12, Phq9: 14));
        Assert.Equal(12, s.Rules.Count);
        Assert.Equal(s.Rules.Count, s.Rules.Select(r => r.Id).Distinct().Count());
        Assert.All(s.Rules, r => Assert.False(string.IsNullOrWhiteSpace(r.Clinical) || string.IsNullOrWhiteSpace(r.Plain)));
        Assert.Contains("12 hours", s.Rules.Single(r => r.Id == "hours-iop").Clinical);
        Assert.Equal("PHQ-9 14, GAD-7 3", LevelOfCareRules.ScreenText(new(Phq9: 14, Gad7: 3)));
    }
}
