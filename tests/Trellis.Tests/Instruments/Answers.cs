using System.Text.Json;
using Trellis.Web.Features.Instruments;

namespace Trellis.Tests.Instruments;

/// <summary>Builds answer arrays the way a client sends them, and scores them.</summary>
internal static class Answers
{
    /// <summary>Each value as its JSON: 2 → 2, true → true, null → null, "2" → "2".</summary>
    public static JsonElement[] Of(params object?[] values) => values.Select(v => JsonSerializer.SerializeToElement(v)).ToArray();

    /// <summary>A JSON array exactly as written, for values C# cannot box the same way (1.5, 2.0, 1e400).</summary>
    public static JsonElement[] Json(string array)
    {
        using var doc = JsonDocument.Parse(array);
        return doc.RootElement.EnumerateArray().Select(e => e.Clone()).ToArray();
    }

    /// <summary><paramref name="count"/> values of at most <paramref name="max"/> that add up to <paramref name="total"/>, filled from the first.</summary>
    public static int[] Spread(int total, int count, int max)
    {
        Assert.InRange(total, 0, count * max);
        var values = new int[count];
        for (var i = 0; i < count && total > 0; i++)
        {
            values[i] = Math.Min(max, total);
            total -= values[i];
        }
        return values;
    }

    public static JsonElement[] Numbers(IEnumerable<int> values) => Of(values.Cast<object?>().ToArray());

    public static InstrumentResult Score(string code, JsonElement[] answers, string? sex = null)
    {
        var outcome = InstrumentScorer.Score(code, answers, sex);
        Assert.True(outcome.IsValid, string.Join(" | ", outcome.Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
        return outcome.Result;
    }

    /// <summary>Scoring must fail with exactly one error; returns its key and message.</summary>
    public static (string Key, string Message) SingleError(string code, JsonElement[] answers, string? sex = null)
    {
        var outcome = InstrumentScorer.Score(code, answers, sex);
        Assert.False(outcome.IsValid);
        var error = Assert.Single(outcome.Errors);
        return (error.Key, Assert.Single(error.Value));
    }

    /// <summary>A valid, lowest-scoring answer set for any instrument: the first option, No, and null where the form skips.</summary>
    public static object?[] Lowest(InstrumentDefinition definition) => definition.ScoredItems
        .Select(item => item.Kind == AnswerKind.Number ? (object?)item.MinValue
            : item.EnableWhen is { Answer: true } ? null : false)
        .ToArray();
}
