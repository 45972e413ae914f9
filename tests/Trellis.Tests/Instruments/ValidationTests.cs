using Trellis.Web.Features.Instruments;
using static Trellis.Tests.Instruments.Answers;

namespace Trellis.Tests.Instruments;

/// <summary>Every kind of wrong answer, for every instrument: each error names the item and says what is wrong.</summary>
[Trait("Category", "Unit")]
public class ValidationTests
{
    public static TheoryData<string> Codes => new(InstrumentCatalog.All.Select(d => d.Code));

    public static TheoryData<string> NumberInstruments => new(InstrumentCatalog.All.Where(d => d.ScoredItems[0].Kind == AnswerKind.Number).Select(d => d.Code));

    public static TheoryData<string> YesNoInstruments => new(InstrumentCatalog.All.Where(d => d.ScoredItems[0].Kind == AnswerKind.YesNo).Select(d => d.Code));

    private static InstrumentDefinition Definition(string code) => InstrumentCatalog.Get(code)!;

    private static string? SexFor(string code) => code == "audit-c" ? "female" : null;

    /// <summary>The lowest valid answers with one replaced by raw JSON.</summary>
    private static (string Key, string Message) ErrorWhen(string code, int index, string json)
    {
        var answers = Lowest(Definition(code)).Select(v => System.Text.Json.JsonSerializer.Serialize(v)).ToArray();
        answers[index] = json;
        return SingleError(code, Json($"[{string.Join(",", answers)}]"), SexFor(code));
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public void Lowest_valid_answers_score(string code) =>
        Assert.Equal(code, Score(code, Of(Lowest(Definition(code))), SexFor(code)).Instrument);

    [Theory]
    [MemberData(nameof(Codes))]
    public void One_answer_too_few_or_too_many_or_none_names_the_count(string code)
    {
        var lowest = Lowest(Definition(code));
        var count = lowest.Length;

        Assert.Equal(("answers", $"{code} takes {count} answers; got {count - 1}."), Trim(SingleError(code, Of(lowest[..^1]), SexFor(code))));
        Assert.Equal(("answers", $"{code} takes {count} answers; got {count + 1}."), Trim(SingleError(code, Of([.. lowest, lowest[0]]), SexFor(code))));
        Assert.Equal(("answers", $"{code} takes {count} answers; got 0."), Trim(SingleError(code, [], SexFor(code))));
    }

    /// <summary>The count sentence, without the advice that follows it.</summary>
    private static (string, string) Trim((string Key, string Message) error) => (error.Key, error.Message[..(error.Message.IndexOf('.') + 1)]);

    [Theory]
    [MemberData(nameof(Codes))]
    public void A_required_answer_left_null_names_the_item(string code)
    {
        var (key, message) = ErrorWhen(code, 0, "null");

        Assert.Equal("answers[0]", key);
        Assert.Equal($"{Definition(code).Name} item 1 is required; answer {Expected(code, 0)}.", message);
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public void A_string_is_not_an_answer_even_when_it_looks_like_one(string code)
    {
        var json = Definition(code).ScoredItems[0].Kind == AnswerKind.Number ? "\"1\"" : "\"true\"";

        var (key, message) = ErrorWhen(code, 0, json);

        Assert.Equal("answers[0]", key);
        Assert.Equal($"{Definition(code).Name} item 1 must be {Expected(code, 0)}, not a string; got {json}.", message);
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public void An_object_or_array_is_not_an_answer(string code)
    {
        Assert.Contains("not an object; got {\"value\":1}.", ErrorWhen(code, 0, "{\"value\":1}").Message);
        Assert.Contains("not an array; got [1].", ErrorWhen(code, 0, "[1]").Message);
    }

    [Theory]
    [MemberData(nameof(NumberInstruments))]
    public void A_boolean_where_a_number_is_expected_names_the_item(string code)
    {
        var last = Definition(code).ScoredItems.Count - 1;

        var (key, message) = ErrorWhen(code, last, "true");

        Assert.Equal($"answers[{last}]", key);
        Assert.Equal($"{Definition(code).Name} item {last + 1} must be {Expected(code, last)}, not true or false; got true.", message);
    }

    [Theory]
    [MemberData(nameof(NumberInstruments))]
    public void Out_of_range_on_either_side_names_the_item_and_the_range(string code)
    {
        var item = Definition(code).ScoredItems[3 % Definition(code).ScoredItems.Count];
        var index = item.Number - 1;

        foreach (var value in new[] { item.MinValue - 1, item.MaxValue + 1, 1000000 })
        {
            var (key, message) = ErrorWhen(code, index, $"{value}");
            Assert.Equal($"answers[{index}]", key);
            Assert.Equal($"{Definition(code).Name} item {item.Number} must be between {item.MinValue} and {item.MaxValue}; got {value}.", message);
        }
        Assert.Contains("must be between", ErrorWhen(code, index, "1e400").Message);
    }

    [Theory]
    [MemberData(nameof(NumberInstruments))]
    public void A_fraction_is_refused_but_a_whole_number_written_as_2_0_is_read_as_2(string code)
    {
        var (key, message) = ErrorWhen(code, 0, "1.5");

        Assert.Equal("answers[0]", key);
        Assert.Equal($"{Definition(code).Name} item 1 must be {Expected(code, 0)}, not a fraction; got 1.5.", message);
        var lowest = Lowest(Definition(code)).Select(v => System.Text.Json.JsonSerializer.Serialize(v)).ToArray();
        lowest[0] = "1.0";
        Assert.Equal(1, InstrumentScorer.Score(code, Json($"[{string.Join(",", lowest)}]"), SexFor(code)).Result?.Total);
    }

    [Fact]
    public void Phq9_item_4_out_of_range_reads_as_the_brief_says()
    {
        var (key, message) = SingleError("phq-9", Numbers([0, 0, 0, 4, 0, 0, 0, 0, 0]));

        Assert.Equal("answers[3]", key);
        Assert.Equal("PHQ-9 item 4 must be between 0 and 3; got 4.", message);
    }

    [Theory]
    [MemberData(nameof(YesNoInstruments))]
    public void A_number_where_Yes_or_No_is_expected_names_the_item(string code)
    {
        foreach (var number in new[] { "1", "0" })
        {
            var (key, message) = ErrorWhen(code, 0, number);
            Assert.Equal("answers[0]", key);
            Assert.Equal($"{Definition(code).Name} item 1 must be true (Yes) or false (No), not a number; got {number}.", message);
        }
    }

    [Fact]
    public void Every_wrong_answer_is_reported_at_once()
    {
        var outcome = InstrumentScorer.Score("gad-7", Json("[0, \"1\", 2, 1.5, null, 4, true]"));

        Assert.Equal(["answers[1]", "answers[3]", "answers[4]", "answers[5]", "answers[6]"], outcome.Errors.Keys.Order());
    }

    [Fact]
    public void Unknown_instrument_is_an_error_naming_the_known_codes()
    {
        var outcome = InstrumentScorer.Score("phq-10", Numbers([0]));

        Assert.False(outcome.IsValid);
        Assert.Equal("There is no instrument 'phq-10'; use one of phq-9, gad-7, audit-c, dast-10, c-ssrs-screener, pcl-5.", outcome.Errors["code"].Single());
    }

    private static string Expected(string code, int index) => Definition(code).ScoredItems[index] is { Kind: AnswerKind.Number } item
        ? $"a whole number between {item.MinValue} and {item.MaxValue}"
        : "true (Yes) or false (No)";
}
