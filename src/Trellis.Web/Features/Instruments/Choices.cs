using System.Text.Json;

namespace Trellis.Web.Features.Instruments;

/// <summary>Answer options that several instruments share, with their LOINC answer codes.</summary>
internal static class Choices
{
    public static readonly JsonElement True = JsonSerializer.SerializeToElement(true);
    public static readonly JsonElement False = JsonSerializer.SerializeToElement(false);

    /// <summary>A choice sent as its number; <paramref name="scored"/> false keeps it out of any total.</summary>
    public static AnswerOption Number(string label, int value, string? loinc = null, bool scored = true) =>
        new(label, JsonSerializer.SerializeToElement(value), scored ? value : null, loinc);

    /// <summary>PHQ-9 and GAD-7 "over the last 2 weeks" frequency, 0–3 (LOINC answers as in the LHC-Forms PHQ-9).</summary>
    public static IReadOnlyList<AnswerOption> Frequency { get; } =
    [
        Number("Not at all", 0, "LA6568-5"),
        Number("Several days", 1, "LA6569-3"),
        Number("More than half the days", 2, "LA6570-1"),
        Number("Nearly every day", 3, "LA6571-9"),
    ];

    /// <summary>Yes/No sent as true/false. Points are what each answer adds to a total (null where nothing is summed).</summary>
    public static IReadOnlyList<AnswerOption> YesNo(int? yesPoints, int? noPoints, string? yesLoinc, string? noLoinc) =>
    [
        new("Yes", True, yesPoints, yesLoinc),
        new("No", False, noPoints, noLoinc),
    ];
}
