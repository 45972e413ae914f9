using System.Text.Json;

namespace Trellis.Web.Features.Instruments;

/// <summary>
/// Turns raw JSON answers into the options they pick, or into errors that name the item.
/// Answers stay <see cref="JsonElement"/> until here so that a string, a boolean or a fraction
/// where a whole number belongs is reported as such instead of being coerced.
/// </summary>
internal static class AnswerReader
{
    /// <summary>The chosen option per scored item (null where skipped), or an empty list when any answer is wrong.</summary>
    public static IReadOnlyList<AnswerOption?> Read(InstrumentDefinition definition, IReadOnlyList<JsonElement> answers, IDictionary<string, string[]> errors)
    {
        var items = definition.ScoredItems;
        if (answers.Count != items.Count)
        {
            var unscored = definition.Items.Where(i => !i.Scored).Select(i => $"item {i.Number} ({i.Loinc})").ToList();
            errors["answers"] = [$"{definition.Code} takes {items.Count} answers; got {answers.Count}. Send one answer per item, in order"
                + (unscored.Count > 0 ? $", leaving out the unscored {string.Join(", ", unscored)}." : ".")];
            return [];
        }

        var chosen = new AnswerOption?[items.Count];
        var readable = new bool[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            var problem = ReadOne(definition.Name, items[i], answers[i], out chosen[i]);
            if (problem is null) readable[i] = true;
            else errors[Key(i)] = [problem];
        }

        // Required and skip rules need the answers they depend on, so they run once every answer is read.
        for (var i = 0; i < items.Count; i++)
        {
            if (!readable[i]) continue;
            var item = items[i];
            if (item.EnableWhen is { } when)
            {
                var at = IndexOf(items, when.Item);
                if (!readable[at] || chosen[at] is null) continue; // the controlling item's own error says what is wrong
                var asked = chosen[at]!.IsYes == when.Answer;
                if (asked && chosen[i] is null)
                    errors[Key(i)] = [$"{definition.Name} item {item.Number} is required when item {when.Item} is {YesNo(when.Answer)}; answer {Expected(item)}."];
                else if (!asked && chosen[i] is not null)
                    errors[Key(i)] = [$"{definition.Name} item {item.Number} must be null when item {when.Item} is {YesNo(!when.Answer)}: the form skips it."];
            }
            else if (item.Required && chosen[i] is null)
                errors[Key(i)] = [$"{definition.Name} item {item.Number} is required; answer {Expected(item)}."];
        }
        return errors.Count > 0 ? [] : chosen;
    }

    private static string? ReadOne(string name, InstrumentItem item, JsonElement answer, out AnswerOption? option)
    {
        option = null;
        if (answer.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined) return null;
        var prefix = $"{name} item {item.Number}";
        if (item.Kind == AnswerKind.YesNo)
        {
            if (answer.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                option = item.OptionFor(answer.ValueKind == JsonValueKind.True);
                return null;
            }
            return $"{prefix} must be {Expected(item)}, not {Kind(answer)}; got {Shown(answer)}.";
        }

        if (answer.ValueKind != JsonValueKind.Number)
            return $"{prefix} must be {Expected(item)}, not {Kind(answer)}; got {Shown(answer)}.";
        // Decimal reads 2, 2.0 and 2e0 alike and keeps 1.5 a fraction; a number too large for it is simply out of range.
        if (!answer.TryGetDecimal(out var value))
            return $"{prefix} must be between {item.MinValue} and {item.MaxValue}; got {Shown(answer)}.";
        if (value != decimal.Truncate(value))
            return $"{prefix} must be {Expected(item)}, not a fraction; got {Shown(answer)}.";
        if (value < item.MinValue || value > item.MaxValue || item.OptionFor((int)value) is not { } picked)
            return $"{prefix} must be between {item.MinValue} and {item.MaxValue}; got {Shown(answer)}.";
        option = picked;
        return null;
    }

    private static string Key(int index) => $"answers[{index}]";

    private static int IndexOf(IReadOnlyList<InstrumentItem> items, int number)
    {
        for (var i = 0; i < items.Count; i++)
            if (items[i].Number == number) return i;
        throw new InvalidOperationException($"Skip logic names item {number}, which is not a scored item.");
    }

    private static string YesNo(bool yes) => yes ? "Yes" : "No";

    private static string Expected(InstrumentItem item) => item.Kind == AnswerKind.YesNo
        ? "true (Yes) or false (No)"
        : $"a whole number between {item.MinValue} and {item.MaxValue}";

    private static string Kind(JsonElement answer) => answer.ValueKind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.True or JsonValueKind.False => "true or false",
        JsonValueKind.Number => "a number",
        JsonValueKind.Array => "an array",
        _ => "an object",
    };

    /// <summary>The answer as sent, cut short so a huge value cannot flood the error.</summary>
    private static string Shown(JsonElement answer)
    {
        return Echo.Short(answer.GetRawText());
    }
}
