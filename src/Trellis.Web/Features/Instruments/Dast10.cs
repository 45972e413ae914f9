using static Trellis.Web.Features.Instruments.Choices;

namespace Trellis.Web.Features.Instruments;

/// <summary>Drug Abuse Screening Test-10: problems related to drug use (not alcohol) in the past 12 months.</summary>
public static class Dast10
{
    public const string Code = "dast-10";

    // The item LOINC codes and the answer codes of the DAST-10 panel were not researched: left null, not guessed.
    private static readonly IReadOnlyList<AnswerOption> YesScoresOne = YesNo(yesPoints: 1, noPoints: 0, null, null);

    // "Are you always able to stop…": here No is the answer that points to a problem.
    private static readonly IReadOnlyList<AnswerOption> NoScoresOne = YesNo(yesPoints: 0, noPoints: 1, null, null);

    public static InstrumentDefinition Definition { get; } = new(
        Code, "DAST-10", "Drug Abuse Screening Test-10", "Problems related to drug use in the past 12 months",
        "These questions are about your use of drugs, not including alcohol, during the past 12 months: any non-medical use of drugs, "
            + "and use of prescribed or over-the-counter medicines beyond the directions. Answer Yes or No.",
        PanelLoinc: "82666-9", TotalLoinc: "82667-7", MaxTotal: 10,
        Items:
        [
            new(1, null, "Have you used drugs other than those required for medical reasons?", AnswerKind.YesNo, YesScoresOne),
            new(2, null, "Do you abuse more than one drug at a time?", AnswerKind.YesNo, YesScoresOne),
            new(3, null, "Are you always able to stop using drugs when you want to?", AnswerKind.YesNo, NoScoresOne),
            new(4, null, "Have you had \"blackouts\" or \"flashbacks\" as a result of drug use?", AnswerKind.YesNo, YesScoresOne),
            new(5, null, "Do you ever feel bad or guilty about your drug use?", AnswerKind.YesNo, YesScoresOne),
            new(6, null, "Does your spouse (or parents) ever complain about your involvement with drugs?", AnswerKind.YesNo, YesScoresOne),
            new(7, null, "Have you neglected your family because of your use of drugs?", AnswerKind.YesNo, YesScoresOne),
            new(8, null, "Have you engaged in illegal activities in order to obtain drugs?", AnswerKind.YesNo, YesScoresOne),
            new(9, null, "Have you ever experienced withdrawal symptoms (felt sick) when you stopped taking drugs?", AnswerKind.YesNo, YesScoresOne),
            new(10, null, "Have you had medical problems as a result of your drug use (e.g., memory loss, hepatitis, convulsions, bleeding, etc.)?", AnswerKind.YesNo, YesScoresOne),
        ],
        Bands: [new("none", 0, 0), new("low", 1, 2), new("moderate", 3, 5), new("substantial", 6, 8), new("severe", 9, 10)],
        Scoring: "One point for each Yes, except item 3 where No scores 1 (so answering No to everything scores 1), 0–10. "
            + "Bands: none 0, low 1–2, moderate 3–5, substantial 6–8, severe 9–10.",
        Source: "Skinner, Addict Behav 1982 (items: nova.edu drug-risk); scoring and bands: comorbidityguidelines.org.au, DAST-10 scoring and interpretation.");

    internal static InstrumentResult Score(IReadOnlyList<AnswerOption?> chosen)
    {
        var total = InstrumentScorer.Total(chosen);
        var band = Definition.BandFor(total)!;
        return new InstrumentResult
        {
            Instrument = Code, Total = total, MaxTotal = Definition.MaxTotal, Band = band.Code,
            PanelLoinc = Definition.PanelLoinc, TotalLoinc = Definition.TotalLoinc,
            Explanation = (band.Code == "none"
                    ? "Your answers score 0 out of 10: you reported no problems related to drug use in the past 12 months. "
                    : $"Your answers score {total} out of 10, in the {band.Words} range for problems related to drug use in the past 12 months. ")
                + $"{Wording.NotADiagnosis} {Advice(band)}",
            ClinicianInterpretation = $"DAST-10 total {total}/10: {band.Words} ({Range(band)}). Item 3 is reverse-scored (No = 1), so answering No to every item scores 1. "
                + "Bands per the Australian comorbidity guidelines (none 0, low 1–2, moderate 3–5, substantial 6–8, severe 9–10).",
        };
    }

    private static string Range(ScoreBand band) => band.Min == band.Max ? $"{band.Min}" : $"{band.Min}–{band.Max}";

    private static string Advice(ScoreBand band) => band.Code switch
    {
        "none" => "If you have questions about drugs or medicines, a doctor or pharmacist can help.",
        "low" => "If your drug use worries you or the people close to you, it is fine to talk with a doctor or counsellor.",
        _ => "It would be a good idea to talk with a doctor or counsellor about your drug use; support is available and it works.",
    };
}
