using System.Text.Json;
using Trellis.Web.Features.Instruments;

namespace Trellis.Web.Features.Fhir.Resources;

/// <summary>The answers stored with an administration, item by item: the option chosen (or the yes/no), null where skipped.</summary>
public static class InstrumentAnswers
{
    public sealed record Answer(InstrumentItem Item, AnswerOption? Option, int? Number, bool? YesNo);

    public static IReadOnlyList<Answer> Read(InstrumentDefinition definition, InstrumentAdministration a)
    {
        var answers = new List<Answer>();
        using var json = JsonDocument.Parse(string.IsNullOrWhiteSpace(a.AnswersJson) ? "[]" : a.AnswersJson);
        var values = json.RootElement.ValueKind == JsonValueKind.Array ? json.RootElement.EnumerateArray().ToList() : [];
        for (var i = 0; i < definition.ScoredItems.Count && i < values.Count; i++)
        {
            var item = definition.ScoredItems[i];
            var value = values[i];
            if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n)) answers.Add(new(item, item.OptionFor(n), n, null));
            else if (value.ValueKind is JsonValueKind.True or JsonValueKind.False) answers.Add(new(item, item.OptionFor(value.GetBoolean()), null, value.GetBoolean()));
        }
        if (definition.UnscoredItem is { } unscored && a.Difficulty is { } d) answers.Add(new(unscored, unscored.OptionFor(d), d, null));
        return answers;
    }

    /// <summary>The canonical URL of an instrument's Questionnaire on this server.</summary>
    public static string QuestionnaireUrl(string baseUrl, string instrumentCode) => $"{baseUrl}/Questionnaire/{instrumentCode}";
}
