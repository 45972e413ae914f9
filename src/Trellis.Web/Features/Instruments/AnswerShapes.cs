using System.Text.Json;

namespace Trellis.Web.Features.Instruments;

/// <summary>
/// The JSON shapes of a questionnaire's answers as both doors receive them (staff give one in the chart, a
/// participant answers one in the portal): answers a list, sex a text, difficulty a whole number. Shapes are read
/// here; the scorer checks the values.
/// </summary>
public sealed record AnswerShapes(IReadOnlyList<JsonElement>? Answers, string? Sex, int? Difficulty)
{
    public static Result<AnswerShapes> Read(JsonElement? answers, JsonElement? sex, JsonElement? difficulty)
    {
        int? level = null;
        if (difficulty is { ValueKind: not JsonValueKind.Null } d)
        {
            if (d.ValueKind != JsonValueKind.Number || !d.TryGetInt32(out var value))
                return Refusal.Invalid(Administrations.Difficulty, "difficulty must be a whole number (0 not difficult at all … 3 extremely difficult), or left out.");
            level = value;
        }
        return new AnswerShapes(
            answers is { ValueKind: JsonValueKind.Array } list ? list.EnumerateArray().ToList() : null,
            sex is { ValueKind: JsonValueKind.String } s ? s.GetString() : sex is { ValueKind: not JsonValueKind.Null } other ? other.GetRawText() : null,
            level);
    }
}
