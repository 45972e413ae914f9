using static Trellis.Web.Features.Instruments.Choices;

namespace Trellis.Web.Features.Instruments;

/// <summary>Generalized Anxiety Disorder-7: anxiety symptoms over the last two weeks.</summary>
public static class Gad7
{
    public const string Code = "gad-7";

    // LOINC's answer list for 68509-9 names value 2 "More days than not" (LA18938-3) where the
    // other six items use "More than half the days" (LA6570-1); the points are the same.
    private static readonly IReadOnlyList<AnswerOption> Item2Frequency =
    [
        Number("Not at all", 0, "LA6568-5"),
        Number("Several days", 1, "LA6569-3"),
        Number("More days than not", 2, "LA18938-3"),
        Number("Nearly every day", 3, "LA6571-9"),
    ];

    public static InstrumentDefinition Definition { get; } = new(
        Code, "GAD-7", "Generalized Anxiety Disorder-7", "Anxiety symptoms over the last 2 weeks",
        "Over the last 2 weeks, how often have you been bothered by the following problems?",
        PanelLoinc: "69737-5", TotalLoinc: "70274-6", MaxTotal: 21,
        Items:
        [
            new(1, "69725-0", "Feeling nervous, anxious, or on edge", AnswerKind.Number, Frequency),
            new(2, "68509-9", "Not being able to stop or control worrying", AnswerKind.Number, Item2Frequency),
            new(3, "69733-4", "Worrying too much about different things", AnswerKind.Number, Frequency),
            new(4, "69734-2", "Trouble relaxing", AnswerKind.Number, Frequency),
            new(5, "69735-9", "Being so restless that it is hard to sit still", AnswerKind.Number, Frequency),
            new(6, "69689-8", "Becoming easily annoyed or irritable", AnswerKind.Number, Frequency),
            new(7, "69736-7", "Feeling afraid as if something awful might happen", AnswerKind.Number, Frequency),
        ],
        Bands: [new("minimal", 0, 4), new("mild", 5, 9), new("moderate", 10, 14), new("severe", 15, 21)],
        Scoring: "Sum of items 1–7 (0–3 each), 0–21. Bands: minimal 0–4, mild 5–9, moderate 10–14, severe 15–21; 10 or more warrants further evaluation.",
        Source: "Spitzer, Kroenke, Williams & Löwe, Arch Intern Med 2006;166:1092-1097. Items and LOINC codes: uwcirg/fhir-questionnaires GAD-7 (PACIO).",
        ReliableChange: new(4, "NHS Talking Therapies (IAPT) manual: reliable improvement on GAD-7 is a drop of 4 points or more."));

    internal static InstrumentResult Score(IReadOnlyList<AnswerOption?> chosen)
    {
        var total = InstrumentScorer.Total(chosen);
        var band = Definition.BandFor(total)!;
        return new InstrumentResult
        {
            Instrument = Code, Total = total, MaxTotal = Definition.MaxTotal, Band = band.Code,
            PanelLoinc = Definition.PanelLoinc, TotalLoinc = Definition.TotalLoinc,
            Explanation = $"Your answers add up to {total} out of 21, which suggests {(band.Code == "minimal" ? "few or no" : band.Words)} symptoms of anxiety over the last two weeks. "
                + $"{Wording.NotADiagnosis} {Advice(band)}",
            ClinicianInterpretation = $"GAD-7 total {total}/21: {band.Words} ({band.Min}–{band.Max}). Cut-points 5/10/15 (Spitzer 2006); "
                + "a total of 10 or more warrants further evaluation (89% sensitivity, 82% specificity for generalized anxiety disorder).",
        };
    }

    private static string Advice(ScoreBand band) => band.Code switch
    {
        "minimal" => "If worry still gets in the way of your life, it is fine to talk with a doctor or counsellor.",
        "mild" => "If the worry goes on or gets worse, talk with a doctor or counsellor; taking this check again in a few weeks can show how things are going.",
        _ => "It would be a good idea to talk with a doctor or counsellor about how you have been feeling.",
    };
}
