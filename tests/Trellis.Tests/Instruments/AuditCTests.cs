using Trellis.Web.Features.Instruments;
using static Trellis.Tests.Instruments.Answers;

namespace Trellis.Tests.Instruments;

[Trait("Category", "Unit")]
public class AuditCTests
{
    [Theory]
    [InlineData("female", 0, false)]
    [InlineData("female", 2, false)]
    [InlineData("female", 3, true)]
    [InlineData("female", 12, true)]
    [InlineData("male", 0, false)]
    [InlineData("male", 3, false)]
    [InlineData("male", 4, true)]
    [InlineData("male", 12, true)]
    public void Positive_at_3_for_women_and_4_for_men(string sex, int total, bool positive)
    {
        var result = Score("audit-c", Numbers(Spread(total, 3, 4)), sex);

        Assert.Equal(total, result.Total);
        Assert.Equal(12, result.MaxTotal);
        Assert.Equal(positive, result.Positive);
        Assert.Null(result.Band);
        Assert.Empty(result.Flags);
        Assert.Contains($"{total} out of 12", result.Explanation);
        Assert.Contains(positive ? "positive" : "negative", result.ClinicianInterpretation);
    }

    [Fact]
    public void Same_total_of_3_is_positive_for_a_woman_and_negative_for_a_man()
    {
        var answers = Numbers([1, 1, 1]);

        Assert.True(Score("audit-c", answers, "female").Positive);
        Assert.False(Score("audit-c", answers, "male").Positive);
    }

    [Theory]
    [InlineData("Female")]
    [InlineData("MALE")]
    [InlineData(" male ")]
    public void Sex_is_read_without_regard_to_case(string sex) =>
        Assert.NotNull(Score("audit-c", Numbers([0, 0, 0]), sex).Positive);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Missing_sex_is_an_error_that_says_what_to_send(string? sex)
    {
        var (key, message) = SingleError("audit-c", Numbers([1, 1, 1]), sex);

        Assert.Equal("sex", key);
        Assert.Contains("\"female\" or \"male\"", message);
    }

    [Theory]
    [InlineData("other")]
    [InlineData("f")]
    [InlineData("1")]
    [InlineData("true")]
    public void Sex_other_than_female_or_male_is_an_error_naming_what_was_sent(string sex)
    {
        var (key, message) = SingleError("audit-c", Numbers([1, 1, 1]), sex);

        Assert.Equal("sex", key);
        Assert.Contains($"got \"{sex}\"", message);
    }

    [Fact]
    public void Sex_and_answer_errors_are_reported_together()
    {
        var outcome = InstrumentScorer.Score("audit-c", Numbers([5, 1, 1]));

        Assert.Equal(["answers[0]", "sex"], outcome.Errors.Keys.Order());
    }

    [Fact]
    public void Other_instruments_ignore_sex()
    {
        Assert.Equal(0, Score("phq-9", Numbers(new int[9]), "not a sex").Total);
        Assert.Equal(0, Score("gad-7", Numbers(new int[7])).Total);
    }

    [Fact]
    public void Positive_from_frequency_alone_is_noted_for_the_clinician()
    {
        var result = Score("audit-c", Numbers([4, 0, 0]), "male");

        Assert.True(result.Positive);
        Assert.Contains("question 1", result.ClinicianInterpretation);
        Assert.DoesNotContain("question 1", Score("audit-c", Numbers([2, 1, 1]), "male").ClinicianInterpretation);
    }

    [Fact]
    public void Definition_carries_the_LOINC_codes_and_answer_points()
    {
        var definition = InstrumentCatalog.Get("audit-c")!;

        Assert.Equal(("72109-2", "75626-2"), (definition.PanelLoinc, definition.TotalLoinc));
        Assert.Equal(["68518-0", "68519-8", "68520-6"], definition.Items.Select(i => i.Loinc));
        Assert.Equal(["1 or 2:0", "3 or 4:1", "5 or 6:2", "7 to 9:3", "10 or more:4"], definition.Items[1].Options.Select(o => $"{o.Label}:{o.Points}"));
        Assert.All(definition.Items, i => Assert.All(i.Options, o => Assert.StartsWith("LA", o.Loinc)));
    }
}
