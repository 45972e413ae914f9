using System.Text.Json;
using Trellis.Web.Features.Admissions;
using Trellis.Web.Features.Admissions.SelfCheck;
using Trellis.Web.Features.Organization;
using Trellis.Web.Features.Participants;

namespace Trellis.Tests.Admissions;

/// <summary>The pipeline's pure parts: figures from dated steps, stage rules, and the self-check's evaluation and carried answers.</summary>
[Trait("Category", "Unit")]
public class PipelineLogicTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static CaseTimeline Case(params (AdmissionStage Stage, double Day)[] steps) =>
        new(Guid.NewGuid(), Start.AddDays(steps[0].Day), steps[^1].Stage, steps.Select(s => (s.Stage, Start.AddDays(s.Day))).ToList());

    [Fact]
    public void Figures_count_conversion_funnel_time_to_admission_and_time_in_stage()
    {
        var cases = new[]
        {
            Case((AdmissionStage.Inquiry, 0), (AdmissionStage.Screening, 1), (AdmissionStage.Assessment, 3), (AdmissionStage.Admitted, 10)),
            Case((AdmissionStage.Inquiry, 2), (AdmissionStage.Screening, 3), (AdmissionStage.Admitted, 22)),
            Case((AdmissionStage.Inquiry, 4), (AdmissionStage.Referred, 5)),
            Case((AdmissionStage.Inquiry, 5), (AdmissionStage.Inquiry, 6)), // an owner change: one stay, not two
            Case((AdmissionStage.Inquiry, 40)), // outside the period
        };
        var f = PipelineFigures.Compute(cases, Start, Start.AddDays(30), Start.AddDays(30));

        Assert.Equal(4, f.Inquiries);
        Assert.Equal((2, 1, 0, 1), (f.Admitted, f.Referred, f.Closed, f.StillOpen));
        Assert.Equal(0.5, f.Conversion);
        Assert.Equal(2 / 3.0, f.DecidedConversion!.Value, 6);
        // Reaching a later stage counts as having passed the earlier ones (the second lead skipped assessment).
        Assert.Equal([4, 2, 2, 2, 2, 2], f.Funnel.Select(s => s.Reached));
        Assert.Equal(2, f.AdmittedInPeriod);
        Assert.Equal(15, f.MedianDaysToAdmission); // 10 and 20 days
        var inquiry = f.TimeInStage.Single(t => t.Stage == AdmissionStage.Inquiry);
        Assert.Equal(4, inquiry.Leads); // 1, 1, 1 and the open one, 5 → now = 25
        Assert.Equal(1, inquiry.MedianDays);
        Assert.Equal(7, inquiry.AverageDays);
        var screening = f.TimeInStage.Single(t => t.Stage == AdmissionStage.Screening);
        Assert.Equal((2, 10.5), (screening.Leads, screening.AverageDays));
        Assert.Equal(7, f.TimeInStage.Single(t => t.Stage == AdmissionStage.Assessment).MedianDays);
    }

    [Fact]
    public void An_empty_period_has_no_rates_rather_than_zero()
    {
        var f = PipelineFigures.Compute([], Start, Start.AddDays(30), Start.AddDays(30));
        Assert.Null(f.Conversion);
        Assert.Null(f.MedianDaysToAdmission);
        Assert.All(f.Funnel, s => Assert.Equal(0, s.Reached));
    }

    [Theory]
    [InlineData(AdmissionStage.Inquiry, ParticipantStatus.Inquiry)]
    [InlineData(AdmissionStage.Assessment, ParticipantStatus.Screening)]
    [InlineData(AdmissionStage.Authorization, ParticipantStatus.Screening)]
    [InlineData(AdmissionStage.Waitlisted, ParticipantStatus.Waitlisted)]
    [InlineData(AdmissionStage.Referred, ParticipantStatus.NotAdmitted)]
    [InlineData(AdmissionStage.Closed, ParticipantStatus.NotAdmitted)]
    public void Each_stage_gives_the_chart_a_status(AdmissionStage stage, ParticipantStatus status) =>
        Assert.Equal(status, AdmissionStages.StatusFor(stage));

    [Fact]
    public void Stages_have_targets_and_time_reads_at_a_glance()
    {
        Assert.True(AdmissionStages.IsOverdue(AdmissionStage.Inquiry, TimeSpan.FromHours(25)));
        Assert.False(AdmissionStages.IsOverdue(AdmissionStage.Inquiry, TimeSpan.FromHours(23)));
        Assert.False(AdmissionStages.IsOverdue(AdmissionStage.Admitted, TimeSpan.FromDays(400)));
        Assert.Equal("3 h", AdmissionStages.Duration(TimeSpan.FromHours(3.5)));
        Assert.Equal("1 day", AdmissionStages.Duration(TimeSpan.FromHours(30)));
        Assert.Equal("3 weeks", AdmissionStages.Duration(TimeSpan.FromDays(22)));
    }

    private static IReadOnlyDictionary<string, IReadOnlyList<JsonElement>> Screens(SelfCheckInput input, Dictionary<string, string?[]> raw, out Dictionary<string, string[]> errors)
    {
        errors = [];
        return SelfCheckEvaluation.ReadScreens(input, raw, errors);
    }

    [Fact]
    public void Item_9_shows_crisis_help_and_counts_as_moderate_risk()
    {
        var input = new SelfCheckInput { ThoughtsOfEndingLife = YesNoUnsure.No, Care = CurrentCare.WeeklyTherapy };
        var screens = Screens(input, new() { ["phq-9"] = ["1", "1", "1", "1", "1", "1", "1", "0", "1"] }, out var errors);
        Assert.Empty(errors);
        var result = SelfCheckEvaluation.Evaluate(input, screens);
        Assert.True(result.ShowCrisisHelp);
        Assert.False(result.DangerNow);
        Assert.Contains("moderate-risk", result.Suggestion.Applied.Select(r => r.Id));
        // Self-reported and not yet assessed: urgent help first, and not IOP as the first suggestion (issue 13, point 8).
        Assert.Contains(SelfCheckEvaluation.UnassessedRiskRule, result.Suggestion.Applied.Select(r => r.Id));
        Assert.Equal(LevelOfCare.PartialHospitalization, result.Suggestion.Level);
    }

    [Fact]
    public void A_blank_screen_is_skipped_and_a_half_answered_one_names_the_missing_questions()
    {
        var input = new SelfCheckInput { ThoughtsOfEndingLife = YesNoUnsure.No };
        var screens = Screens(input, new() { ["gad-7"] = ["", null, "", "", "", "", ""], ["dast-10"] = ["true", "false"] }, out var errors);
        Assert.Empty(screens);
        Assert.Equal(["dast-10"], errors.Keys);
        Assert.Contains("questions 3, 4, 5, 6, 7, 8, 9, 10", errors["dast-10"][0]);
        Screens(input, new() { ["audit-c"] = ["1", "1", "1"] }, out errors);
        Assert.Contains("women or for men", errors["audit-c"][0]);
        Screens(input, new() { ["gad-7"] = ["1", "1", "1", "1", "1", "1", "9"] }, out errors);
        Assert.Contains("GAD-7 item 7 must be between 0 and 3", errors["gad-7"][0]);
    }

    [Fact]
    public void Carried_answers_round_trip_and_a_tampered_token_is_ignored()
    {
        var input = new SelfCheckInput { ThoughtsOfEndingLife = YesNoUnsure.NotSure, LedAlcohol = true, Hours = HoursAvailable.SixToEight, LedInOwnWords = "Since spring" };
        var token = new SelfCheckCarry(input, new() { ["phq-9"] = ["1", "2"], ["bdi-2"] = ["3"] }).Encode();
        var back = SelfCheckCarry.Decode(token)!;
        Assert.Equal((YesNoUnsure.NotSure, true, HoursAvailable.SixToEight, "Since spring"), (back.Input.ThoughtsOfEndingLife, back.Input.LedAlcohol, back.Input.Hours, back.Input.LedInOwnWords));
        Assert.Equal(["phq-9"], back.Answers.Keys);
        Assert.Null(SelfCheckCarry.Decode("not base64 !!"));
        Assert.Null(SelfCheckCarry.Decode(new string('a', SelfCheckCarry.MaxLength + 1)));
        var huge = new SelfCheckCarry(new SelfCheckInput { LedInOwnWords = new string('x', 600) }, []).Encode();
        Assert.Null(SelfCheckCarry.Decode(huge));
    }

    [Fact]
    public void The_summary_sent_with_an_inquiry_says_what_was_answered()
    {
        var input = new SelfCheckInput { ThoughtsOfEndingLife = YesNoUnsure.No, LedMood = true, GoalKeepWorking = true, Evenings = true, Hours = HoursAvailable.NineToTwelve };
        var screens = Screens(input, new() { ["phq-9"] = ["2", "2", "2", "2", "1", "1", "1", "1", "0"] }, out _);
        var result = SelfCheckEvaluation.Evaluate(input, screens);
        var summary = SelfCheckEvaluation.Summary(input, result);
        Assert.Contains("PHQ-9: 12/27 (moderate).", summary);
        Assert.Contains("low mood", summary);
        Assert.Contains("times: evenings", summary);
        Assert.Contains("Suggested level of care: Intensive outpatient", summary);
    }
}
