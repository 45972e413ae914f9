using System.Text.Json;
using System.Text.Json.Serialization;

namespace Trellis.Web.Features.Instruments;

/// <summary>How an item is answered: a whole number that is one of the option values, or true (Yes) / false (No).</summary>
public enum AnswerKind { Number, YesNo }

/// <summary>
/// One published screening instrument as a form shows it and as the scorer reads it.
/// Items with <see cref="InstrumentItem.Scored"/> false are shown but never sent to scoring.
/// <see cref="ReliableChange"/> is the smallest change in the total that is larger than measurement
/// error, where one is published (<see cref="ReliableChanges"/> reads changes against it).
/// </summary>
public sealed record InstrumentDefinition(
    string Code,
    string Name,
    string Title,
    string Measures,
    string Instructions,
    string? PanelLoinc,
    string? TotalLoinc,
    int? MaxTotal,
    IReadOnlyList<InstrumentItem> Items,
    IReadOnlyList<ScoreBand> Bands,
    string Scoring,
    string Source,
    ReliableChange? ReliableChange = null)
{
    /// <summary>The items the answers array lists, in order: every item except PHQ-9's unscored difficulty item.</summary>
    [JsonIgnore] public IReadOnlyList<InstrumentItem> ScoredItems { get; } = Items.Where(i => i.Scored).ToList();

    /// <summary>The one unscored item a form asks after the scored ones (PHQ-9's difficulty item); null for the others.</summary>
    [JsonIgnore] public InstrumentItem? UnscoredItem { get; } = Items.FirstOrDefault(i => !i.Scored);

    public ScoreBand? BandFor(int total) => Bands.FirstOrDefault(b => total >= b.Min && total <= b.Max);
}

/// <param name="Number">1-based position on the published form (and in the answers array).</param>
/// <param name="Loinc">LOINC code of the question; null where it was not researched rather than guessed.</param>
/// <param name="Required">Whether a scored answer may be null; items with <paramref name="EnableWhen"/> are required only when asked.</param>
/// <param name="EnableWhen">Skip logic: the item is asked only when another item has a given Yes/No answer, and must be null otherwise.</param>
/// <param name="Cluster">PCL-5 only: the DSM-5 symptom cluster (B, C, D or E).</param>
public sealed record InstrumentItem(
    int Number,
    string? Loinc,
    string Text,
    AnswerKind Kind,
    IReadOnlyList<AnswerOption> Options,
    bool Scored = true,
    bool Required = true,
    EnableWhen? EnableWhen = null,
    string? Cluster = null)
{
    /// <summary>Lowest and highest value a Number item accepts; null for Yes/No items.</summary>
    public int? MinValue => Kind == AnswerKind.Number ? Options.Min(o => o.Value.GetInt32()) : null;
    public int? MaxValue => Kind == AnswerKind.Number ? Options.Max(o => o.Value.GetInt32()) : null;

    /// <summary>The option a parsed answer picked: the number itself, or Yes/No.</summary>
    public AnswerOption? OptionFor(int value) => Options.FirstOrDefault(o => o.Value.ValueKind == JsonValueKind.Number && o.Value.GetInt32() == value);
    public AnswerOption? OptionFor(bool yes) => Options.FirstOrDefault(o => o.IsYes == yes && o.Value.ValueKind is JsonValueKind.True or JsonValueKind.False);
}

/// <summary>The item is asked only when item <paramref name="Item"/> was answered <paramref name="Answer"/> (true = Yes).</summary>
public sealed record EnableWhen(int Item, bool Answer);

/// <param name="Value">What a client sends for this choice: a number, or true/false for Yes/No items.</param>
/// <param name="Points">What the choice adds to the total; null where the item is not summed (C-SSRS, PHQ-9 difficulty).</param>
/// <param name="Loinc">LOINC answer code (LA…); null where not known.</param>
public sealed record AnswerOption(string Label, JsonElement Value, int? Points, string? Loinc)
{
    [JsonIgnore] public bool IsYes => Value.ValueKind == JsonValueKind.True;
}

/// <summary>A published severity range, inclusive at both ends. Code is the snake_case band the API answers.</summary>
public sealed record ScoreBand(string Code, int Min, int Max)
{
    /// <summary>"moderately_severe" → "moderately severe", for sentences.</summary>
    [JsonIgnore] public string Words => WordsOf(Code);

    /// <summary>A band's code (as stored with a score) in words; codes are for programs, never shown.</summary>
    public static string WordsOf(string code) => code.Replace('_', ' ');
}
