using static Trellis.Web.Features.Instruments.Choices;

namespace Trellis.Web.Features.Instruments;

/// <summary>Patient Health Questionnaire-9: depression symptoms over the last two weeks.</summary>
public static class Phq9
{
    public const string Code = "phq-9";
    private const int SuicideItem = 9;

    public static InstrumentDefinition Definition { get; } = new(
        Code, "PHQ-9", "Patient Health Questionnaire-9", "Depression symptoms over the last 2 weeks",
        "Over the last 2 weeks, how often have you been bothered by any of the following problems?",
        PanelLoinc: "44249-1", TotalLoinc: "44261-6", MaxTotal: 27,
        Items:
        [
            new(1, "44250-9", "Little interest or pleasure in doing things", AnswerKind.Number, Frequency),
            new(2, "44255-8", "Feeling down, depressed, or hopeless", AnswerKind.Number, Frequency),
            new(3, "44259-0", "Trouble falling or staying asleep, or sleeping too much", AnswerKind.Number, Frequency),
            new(4, "44254-1", "Feeling tired or having little energy", AnswerKind.Number, Frequency),
            new(5, "44251-7", "Poor appetite or overeating", AnswerKind.Number, Frequency),
            new(6, "44258-2", "Feeling bad about yourself – or that you are a failure or have let yourself or your family down", AnswerKind.Number, Frequency),
            new(7, "44252-5", "Trouble concentrating on things, such as reading the newspaper or watching television", AnswerKind.Number, Frequency),
            new(8, "44253-3", "Moving or speaking so slowly that other people could have noticed. Or the opposite – being so fidgety or restless that you have been moving around a lot more than usual", AnswerKind.Number, Frequency),
            new(9, "44260-8", "Thoughts that you would be better off dead, or of hurting yourself in some way", AnswerKind.Number, Frequency),
            // Asked after the nine, never summed. The answers array for scoring holds only the nine
            // scored items, so a page that asks this keeps its answer beside the result, by LOINC code.
            new(10, "69722-7", "How difficult have these problems made it for you to do your work, take care of things at home, or get along with other people?",
                AnswerKind.Number,
                [
                    Number("Not difficult at all", 0, "LA6572-7", scored: false),
                    Number("Somewhat difficult", 1, "LA6573-5", scored: false),
                    Number("Very difficult", 2, "LA6575-0", scored: false),
                    Number("Extremely difficult", 3, "LA6574-3", scored: false),
                ],
                Scored: false, Required: false),
        ],
        Bands: [new("minimal", 0, 4), new("mild", 5, 9), new("moderate", 10, 14), new("moderately_severe", 15, 19), new("severe", 20, 27)],
        Scoring: "Sum of items 1–9 (0–3 each), 0–27. Bands: minimal 0–4, mild 5–9, moderate 10–14, moderately severe 15–19, severe 20–27. "
            + "Any answer above 0 on item 9 is a sign of suicide risk whatever the total, for a clinician to assess the same day. The difficulty item is not scored.",
        Source: "Kroenke, Spitzer & Williams, J Gen Intern Med 2001;16:606-613. Items and LOINC codes: NLM LHC-Forms PHQ-9 (LHNCBC/lforms-fhir-app).",
        ReliableChange: new(6, "NHS Talking Therapies (IAPT) manual: reliable improvement on PHQ-9 is a drop of 6 points or more."));

    internal static InstrumentResult Score(IReadOnlyList<AnswerOption?> chosen)
    {
        var total = InstrumentScorer.Total(chosen);
        var band = Definition.BandFor(total)!;
        var item9 = chosen[SuicideItem - 1]!;
        var suicideRisk = item9.Points > 0;
        return new InstrumentResult
        {
            Instrument = Code, Total = total, MaxTotal = Definition.MaxTotal, Band = band.Code,
            Flags = suicideRisk ? [InstrumentFlags.SuicideRisk] : [],
            PanelLoinc = Definition.PanelLoinc, TotalLoinc = Definition.TotalLoinc,
            Explanation = $"Your answers add up to {total} out of 27, which suggests {LayWords(band)} symptoms of depression over the last two weeks. "
                + $"{Wording.NotADiagnosis} {Advice(band)}"
                + (suicideRisk ? " You said you have had thoughts that you would be better off dead or of hurting yourself. Please tell a doctor, counsellor or someone you trust today. " + Wording.CrisisLine : ""),
            ClinicianInterpretation = $"PHQ-9 total {total}/27: {band.Words} ({band.Min}–{band.Max}). Cut-points 5/10/15/20 (Kroenke 2001); "
                + "a total of 10 or more had 88% sensitivity and 88% specificity for major depression. "
                + (suicideRisk
                    ? $"Item 9 (thoughts of death or self-harm) answered \"{item9.Label}\": assess suicide risk today, whatever the total (attempt risk rises with each step of item 9; Simon 2013, Louzon 2016)."
                    : "Item 9 answered \"Not at all\"; this does not rule out suicide risk (71.6% of suicides in Louzon 2016 had answered \"not at all\")."),
        };
    }

    private static string LayWords(ScoreBand band) => band.Code == "minimal" ? "few or no" : band.Words;

    private static string Advice(ScoreBand band) => band.Code switch
    {
        "minimal" => "If you are still worried about your mood, it is fine to talk with a doctor or counsellor.",
        "mild" => "If these feelings go on or get worse, talk with a doctor or counsellor; taking this check again in a few weeks can show how things are going.",
        "severe" => "Please talk with a doctor or counsellor soon about how you have been feeling; help works.",
        _ => "It would be a good idea to talk with a doctor or counsellor about how you have been feeling.",
    };
}
