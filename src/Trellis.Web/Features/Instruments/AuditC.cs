using Trellis.Web.Infrastructure;
using static Trellis.Web.Features.Instruments.Choices;

namespace Trellis.Web.Features.Instruments;

/// <summary>AUDIT-C: the three consumption questions of the Alcohol Use Disorders Identification Test (US standard drinks).</summary>
public static class AuditC
{
    public const string Code = "audit-c";

    /// <summary>Positive at or above these totals (Bush 1998; Bradley 2003). The UK "units" version uses 5 and is not this one.</summary>
    public static int CutOff(Sex sex) => sex == Sex.Female ? 3 : 4;

    public static InstrumentDefinition Definition { get; } = new(
        Code, "AUDIT-C", "Alcohol Use Disorders Identification Test – Consumption", "Hazardous drinking or an active alcohol use disorder",
        "These questions are about your drinking. One standard drink is, for example, a 12 oz beer, a 5 oz glass of wine or a 1.5 oz shot of spirits.",
        PanelLoinc: "72109-2", TotalLoinc: "75626-2", MaxTotal: 12,
        Items:
        [
            new(1, "68518-0", "How often do you have a drink containing alcohol?", AnswerKind.Number,
            [
                Number("Never", 0, "LA6270-8"),
                Number("Monthly or less", 1, "LA18926-8"),
                Number("2-4 times a month", 2, "LA18927-6"),
                Number("2-3 times a week", 3, "LA18928-4"),
                Number("4 or more times a week", 4, "LA18929-2"),
            ]),
            new(2, "68519-8", "How many standard drinks containing alcohol do you have on a typical day?", AnswerKind.Number,
            [
                Number("1 or 2", 0, "LA15694-5"),
                Number("3 or 4", 1, "LA15695-2"),
                Number("5 or 6", 2, "LA18930-0"),
                Number("7 to 9", 3, "LA18931-8"),
                Number("10 or more", 4, "LA18932-6"),
            ]),
            new(3, "68520-6", "How often do you have six or more drinks on one occasion?", AnswerKind.Number,
            [
                Number("Never", 0, "LA6270-8"),
                Number("Less than monthly", 1, "LA18933-4"),
                Number("Monthly", 2, "LA18876-5"),
                Number("Weekly", 3, "LA18891-4"),
                Number("Daily or almost daily", 4, "LA18934-2"),
            ]),
        ],
        Bands: [],
        Scoring: "Sum of items 1–3 (0–4 each), 0–12. Positive at 3 or more for women and 4 or more for men, so sex (female or male) is required.",
        Source: "Bush et al., Arch Intern Med 1998; Bradley et al., Arch Intern Med 2003. Panel LOINC: HL7 fhir-us-mcc; total 75626-2: HL7 ig-lt-lifestyle.");

    /// <summary>Sex decides the cut-off, so scoring without it would be a guess; the error says what to send.</summary>
    internal static Sex? ReadSex(string? sex, IDictionary<string, string[]> errors)
    {
        if (EnumText.TryParse<Sex>(sex, out var parsed)) return parsed;
        errors["sex"] = [string.IsNullOrWhiteSpace(sex)
            ? "AUDIT-C needs sex to choose its cut-off (3 or more for female, 4 or more for male): send \"sex\": \"female\" or \"male\"."
            : $"sex must be \"female\" or \"male\" (AUDIT-C's cut-offs are published for these two); got \"{Echo.Short(sex)}\"."];
        return null;
    }

    internal static InstrumentResult Score(IReadOnlyList<AnswerOption?> chosen, Sex sex)
    {
        var total = InstrumentScorer.Total(chosen);
        var cutOff = CutOff(sex);
        var positive = total >= cutOff;
        var people = sex == Sex.Female ? "women" : "men";
        // Bradley 2003 (as HL7's AUDIT-C questionnaire notes): points from question 1 alone usually mean drinking within limits.
        var frequencyOnly = positive && chosen[1]!.Points == 0 && chosen[2]!.Points == 0;
        return new InstrumentResult
        {
            Instrument = Code, Total = total, MaxTotal = Definition.MaxTotal, Positive = positive,
            PanelLoinc = Definition.PanelLoinc, TotalLoinc = Definition.TotalLoinc,
            Explanation = positive
                ? $"Your answers add up to {total} out of 12. For {people}, {cutOff} or more suggests drinking at a level that can harm your health, so this check is positive. "
                    + $"{Wording.NotADiagnosis} Talking with a doctor or counsellor about your drinking can help you decide what, if anything, to change."
                : $"Your answers add up to {total} out of 12, below the level ({cutOff} or more for {people}) that suggests risky drinking. "
                    + $"{Wording.NotADiagnosis} If you are worried about your drinking, it is fine to talk with a doctor or counsellor.",
            ClinicianInterpretation = $"AUDIT-C total {total}/12, {(positive ? "positive" : "negative")} for hazardous drinking or active alcohol use disorder "
                + $"(cut-off {cutOff} or more for {people}; Bush 1998, Bradley 2003). Higher totals mean more likely hazardous drinking."
                + (frequencyOnly ? " All points come from question 1 (frequency): drinking may be within recommended limits; review intake over the past few months." : ""),
        };
    }

}
