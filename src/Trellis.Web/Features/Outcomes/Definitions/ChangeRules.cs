using Trellis.Web.Features.Instruments;

namespace Trellis.Web.Features.Outcomes;

/// <summary>
/// The rules beyond reliable change that an instrument has, each with where it comes from. Reliable change itself is
/// the Instruments feature's one definition (<see cref="ReliableChanges"/>, on each <see cref="InstrumentDefinition"/>).
/// </summary>
/// <param name="RemissionBelow">A total below this is remission; null where no remission rule is published.</param>
/// <param name="CaseAtOrAbove">A total at or above this is a "case"; null where no caseness rule applies.</param>
public sealed record InstrumentOutcomeRule(string Code, int? RemissionBelow, int? CaseAtOrAbove, string Source);

/// <summary>What one instrument's change from baseline to latest means, by every definition at once.</summary>
/// <param name="Change">Latest minus baseline; negative is better on every instrument Trellis totals.</param>
/// <param name="Response">A reduction of half the baseline or more; false when the baseline is 0 (nothing to reduce).</param>
/// <param name="Remission">Latest below the remission cut-off; null without a remission rule.</param>
/// <param name="CaseAtStart">Baseline at or above the caseness cut-off; null without a caseness rule.</param>
/// <param name="Recovery">A case at the start and not a case at the end; null without a caseness rule.</param>
/// <param name="ReliableRecovery">Recovery and reliable improvement both; null without a caseness rule.</param>
public sealed record ChangeOutcome(
    string Instrument, int Baseline, int Latest, int Change, int? ReliableThreshold,
    bool ReliableImprovement, bool ReliableDeterioration, bool Response, bool? Remission,
    bool? CaseAtStart, bool? CaseAtEnd, bool? Recovery, bool? ReliableRecovery)
{
    /// <summary>The change in the words every screen uses: "Reliable improvement", "Reliable deterioration" or "No reliable change".</summary>
    public string Verdict => ScoreChange.LabelOf(ReliableImprovement ? ChangeVerdict.ReliableImprovement
        : ReliableDeterioration ? ChangeVerdict.ReliableDeterioration : ChangeVerdict.NoReliableChange);
}

/// <summary>
/// The one definition of what a change in scores means (issue 10 point 3): reliable improvement and deterioration
/// (<see cref="ReliableChanges"/>), response, remission, caseness, recovery and reliable recovery. The participant's
/// outcomes, the trend charts, the dashboards, the exports and the discharge summary all read through <c>Evaluate</c>, with
/// the clinic's <see cref="ReliableChangeThresholds"/>.
/// Sources are in docs/instruments.md ("Change that means something"). Pure.
/// </summary>
public static class ChangeRules
{
    /// <summary>Response is a reduction of at least this share of the baseline total.</summary>
    public const double ResponseShare = 0.5;
    public const string ResponseSource = "A 50% or greater reduction from baseline: the usual definition of treatment response for PHQ-9 and GAD-7 (Kroenke, Spitzer & Williams 2001; NHS Talking Therapies manual).";

    public static IReadOnlyList<InstrumentOutcomeRule> Rules { get; } =
    [
        new(Phq9.Code, RemissionBelow: 5, CaseAtOrAbove: 10,
            "PHQ-9: remission below 5 (the minimal band, Kroenke 2001); caseness 10 or more (the clinical cut-off, sensitivity and specificity 88%, Kroenke 2001; NHS Talking Therapies)."),
        new(Gad7.Code, RemissionBelow: 5, CaseAtOrAbove: 8,
            "GAD-7: remission below 5 (the minimal band, Spitzer 2006); caseness 8 or more (NHS Talking Therapies manual's GAD-7 case threshold)."),
    ];

    public static InstrumentOutcomeRule? RuleFor(string code) =>
        Rules.FirstOrDefault(r => string.Equals(r.Code, code, StringComparison.OrdinalIgnoreCase));

    /// <summary>True when the total counts as a case; null without a caseness rule.</summary>
    public static bool? IsCase(string code, int total) => RuleFor(code)?.CaseAtOrAbove is { } c ? total >= c : null;

    public static bool Responded(int baseline, int latest) => baseline > 0 && baseline - latest >= ResponseShare * baseline;

    /// <summary>Every definition applied to a baseline and a latest total of one instrument; null for an unknown instrument.</summary>
    public static ChangeOutcome? Evaluate(string code, int baseline, int latest, ReliableChangeThresholds thresholds) =>
        InstrumentCatalog.Get(code) is { } d ? Evaluate(d, baseline, latest, thresholds.For(d)) : null;

    public static ChangeOutcome Evaluate(InstrumentDefinition definition, int baseline, int latest, ReliableChangeThresholds thresholds) =>
        Evaluate(definition, baseline, latest, thresholds.For(definition));

    /// <summary>Against a given reliable-change threshold: the one a finalised discharge summary recorded when it was signed.</summary>
    public static ChangeOutcome Evaluate(InstrumentDefinition definition, int baseline, int latest, int? threshold)
    {
        var change = ReliableChanges.Compare(definition, baseline, latest, threshold);
        var rule = RuleFor(definition.Code);
        bool? caseAtStart = rule?.CaseAtOrAbove is { } c ? baseline >= c : null;
        bool? caseAtEnd = rule?.CaseAtOrAbove is { } c2 ? latest >= c2 : null;
        bool? remission = rule?.RemissionBelow is { } r ? latest < r : null;
        var improved = change.Verdict == ChangeVerdict.ReliableImprovement;
        bool? recovery = caseAtStart is { } s ? s && caseAtEnd == false : null;
        return new ChangeOutcome(definition.Code, baseline, latest, change.Change, change.Threshold,
            improved, change.Verdict == ChangeVerdict.ReliableDeterioration, Responded(baseline, latest), remission,
            caseAtStart, caseAtEnd, recovery, recovery is { } rec ? rec && improved : null);
    }
}

/// <summary>The line a chart draws as the instrument's clinical cut-off: caseness where defined, PCL-5's provisional PTSD cut-point.</summary>
public static class ClinicalCutOffs
{
    public static (int Score, string Label)? For(string code) =>
        ChangeRules.RuleFor(code)?.CaseAtOrAbove is { } c ? (c, $"case at {c}+")
        : string.Equals(code, Pcl5.Code, StringComparison.OrdinalIgnoreCase) ? (33, "provisional PTSD at 33+")
        : null;
}
