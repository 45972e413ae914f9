using System.Text.Json.Serialization;

namespace Trellis.Web.Features.Instruments;

/// <summary>
/// A scored instrument, exactly as POST /api/instruments/{code}/score answers it. The wire names are
/// snake_case by contract (pages and other programs read them), so each is pinned here rather than
/// left to the app's camelCase default. Fields that do not apply to an instrument are null.
/// </summary>
public sealed record InstrumentResult
{
    [JsonPropertyName("instrument")] public required string Instrument { get; init; }

    /// <summary>Sum of item points; null for the C-SSRS screener, which has no total.</summary>
    [JsonPropertyName("total")] public int? Total { get; init; }

    [JsonPropertyName("max_total")] public int? MaxTotal { get; init; }

    /// <summary>Published severity band (PHQ-9, GAD-7, DAST-10); null where the instrument has none.</summary>
    [JsonPropertyName("band")] public string? Band { get; init; }

    /// <summary>AUDIT-C only: at or above the sex-specific cut-off.</summary>
    [JsonPropertyName("positive")] public bool? Positive { get; init; }

    /// <summary>C-SSRS only: none, low, moderate or high.</summary>
    [JsonPropertyName("risk")] public string? Risk { get; init; }

    /// <summary>PCL-5 only: the DSM-5 symptom-cluster rule is met.</summary>
    [JsonPropertyName("provisional_ptsd")] public bool? ProvisionalPtsd { get; init; }

    /// <summary>PCL-5 only: total at or above 33, the upper end of the published 31–33 provisional cut-point.</summary>
    [JsonPropertyName("above_cutoff")] public bool? AboveCutoff { get; init; }

    /// <summary>Things a clinician must act on whatever the total, e.g. <c>suicide_risk</c>.</summary>
    [JsonPropertyName("flags")] public IReadOnlyList<string> Flags { get; init; } = [];

    [JsonPropertyName("panel_loinc")] public string? PanelLoinc { get; init; }

    [JsonPropertyName("total_loinc")] public string? TotalLoinc { get; init; }

    /// <summary>Plain words for the person who answered; the public self-check page shows this.</summary>
    [JsonPropertyName("explanation")] public required string Explanation { get; init; }

    /// <summary>A short interpretation for clinicians, with the cut-off and source it rests on.</summary>
    [JsonPropertyName("clinician_interpretation")] public required string ClinicianInterpretation { get; init; }
}

public static class InstrumentFlags
{
    /// <summary>Needs a same-day suicide-risk follow-up (PHQ-9 item 9 above 0; C-SSRS moderate or high).</summary>
    public const string SuicideRisk = "suicide_risk";
}

public enum SuicideRisk { None, Low, Moderate, High }

/// <summary>Sex as AUDIT-C's cut-offs are published (women ≥3, men ≥4).</summary>
public enum Sex { Female, Male }

/// <summary>Sentences more than one instrument's explanation uses.</summary>
internal static class Wording
{
    public const string NotADiagnosis = "This is not a diagnosis: only a clinician who talks with you can say what is going on.";

    public const string CrisisLine = "If you might act on these thoughts, or you are in danger now, call or text 988 (Suicide & Crisis Lifeline, US) or call your local emergency number.";
}
