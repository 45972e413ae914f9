using Trellis.Web.Infrastructure;
using static Trellis.Web.Features.Instruments.Choices;

namespace Trellis.Web.Features.Instruments;

/// <summary>
/// Columbia Suicide Severity Rating Scale, screener (recent): six Yes/No questions and a follow-up on
/// when any suicidal behaviour happened. It gives a risk level, not a total.
/// </summary>
public static class CssrsScreener
{
    public const string Code = "c-ssrs-screener";

    private static readonly IReadOnlyList<AnswerOption> Answers = YesNo(null, null, "LA33-6", "LA32-8");

    public static InstrumentDefinition Definition { get; } = new(
        Code, "C-SSRS", "Columbia Suicide Severity Rating Scale – Screener (recent)", "Suicidal ideation in the past month and suicidal behaviour",
        "Questions 1–5 ask about the past month. If the answer to question 2 is No, go straight to question 6.",
        PanelLoinc: "93373-9", TotalLoinc: null, MaxTotal: null,
        Items:
        [
            new(1, "93246-7", "Have you wished you were dead or wished you could go to sleep and not wake up?", AnswerKind.YesNo, Answers),
            new(2, "93247-5", "Have you actually had any thoughts of killing yourself?", AnswerKind.YesNo, Answers),
            new(3, "93248-3", "Have you been thinking about how you might do this?", AnswerKind.YesNo, Answers, EnableWhen: new(2, true)),
            new(4, "93249-1", "Have you had these thoughts and had some intention of acting on them?", AnswerKind.YesNo, Answers, EnableWhen: new(2, true)),
            new(5, "93250-9", "Have you started to work out or worked out the details of how to kill yourself? Do you intend to carry out this plan?", AnswerKind.YesNo, Answers, EnableWhen: new(2, true)),
            new(6, "93267-3", "Have you ever done anything, started to do anything, or prepared to do anything to end your life? "
                + "(For example: collected pills, obtained a gun, gave away valuables, wrote a will or suicide note, took out pills but didn't swallow any, "
                + "held a gun but changed your mind or it was grabbed from your hand, went to the roof but didn't jump; or actually took pills, "
                + "tried to shoot yourself, cut yourself, tried to hang yourself, etc.)", AnswerKind.YesNo, Answers),
            new(7, "93269-9", "Was this within the past 3 months?", AnswerKind.YesNo, Answers, EnableWhen: new(6, true)),
        ],
        Bands: [],
        Scoring: "No total. Items 3–5 are asked only when item 2 is Yes, and item 7 only when item 6 is Yes (null otherwise). "
            + "High: item 4 or 5 Yes, or item 6 Yes within the past 3 months. Moderate: item 3 Yes, or item 6 Yes more than 3 months ago. "
            + "Low: item 1 or 2 Yes only. None otherwise. Moderate and high are signs of suicide risk, for a clinician to assess the same day.",
        Source: "Columbia Lighthouse Project (cssrs.columbia.edu, triage); risk levels per the Blueprint C-SSRS screener scoring guide; skip logic per docest.com 610945. LOINC codes: an LHC-Forms-derived questionnaire.");

    /// <summary>The risk level and the answers that set it, highest level first.</summary>
    public static (SuicideRisk Risk, IReadOnlyList<string> Reasons) Assess(IReadOnlyList<AnswerOption?> chosen)
    {
        bool Yes(int item) => chosen[item - 1]?.IsYes == true;
        bool No(int item) => chosen[item - 1] is { IsYes: false };

        List<string> high = [], moderate = [], low = [];
        if (Yes(4)) high.Add("item 4 Yes (suicidal thoughts with some intent to act, past month)");
        if (Yes(5)) high.Add("item 5 Yes (worked-out plan with intent, past month)");
        if (Yes(6) && Yes(7)) high.Add("suicidal behaviour within the past 3 months (items 6 and 7 Yes)");
        if (Yes(3)) moderate.Add("item 3 Yes (thinking about a method, past month)");
        if (Yes(6) && No(7)) moderate.Add("suicidal behaviour more than 3 months ago (item 6 Yes, item 7 No)");
        if (Yes(1)) low.Add("item 1 Yes (wish to be dead, past month)");
        if (Yes(2)) low.Add("item 2 Yes (thoughts of killing yourself, past month)");

        if (high.Count > 0) return (SuicideRisk.High, high);
        if (moderate.Count > 0) return (SuicideRisk.Moderate, moderate);
        if (low.Count > 0) return (SuicideRisk.Low, low);
        return (SuicideRisk.None, []);
    }

    internal static InstrumentResult Score(IReadOnlyList<AnswerOption?> chosen)
    {
        var (risk, reasons) = Assess(chosen);
        var flagged = risk is SuicideRisk.Moderate or SuicideRisk.High;
        return new InstrumentResult
        {
            Instrument = Code, Risk = EnumText.ToApi(risk),
            Flags = flagged ? [InstrumentFlags.SuicideRisk] : [],
            PanelLoinc = Definition.PanelLoinc, TotalLoinc = null,
            Explanation = Explain(risk),
            ClinicianInterpretation = $"C-SSRS screener (recent): {EnumText.ToApi(risk)} risk"
                + (reasons.Count > 0 ? $": {string.Join("; ", reasons)}. " : ": no ideation in the past month and no suicidal behaviour reported. ")
                + "Columbia's fixed high-risk anchors are a past-month Yes to item 4 or 5 and any behaviour in the past 3 months; "
                + "the low and moderate anchors follow the screener scoring guide and depend on the setting.",
        };
    }

    private static string Explain(SuicideRisk risk) => risk switch
    {
        SuicideRisk.High => "Your answers show a high risk of suicide right now. Please get help now: call or text 988 (Suicide & Crisis Lifeline, US), "
            + "call your local emergency number, or go to the nearest emergency department. If you can, tell someone near you and stay with them. "
            + "This is a screening, not a diagnosis, but it is a reason to act today.",
        SuicideRisk.Moderate => "Your answers show a moderate risk of suicide. Please talk with a doctor or counsellor today, or as soon as you can, "
            + $"and tell someone you trust how you are feeling. {Wording.CrisisLine} This is a screening, not a diagnosis.",
        SuicideRisk.Low => "You said that in the past month you have had thoughts of being dead or of killing yourself. Please talk with a doctor "
            + $"or counsellor about these thoughts soon. {Wording.CrisisLine} This is a screening, not a diagnosis.",
        _ => "Your answers do not show thoughts of suicide in the past month or suicidal behaviour. This is a screening, not a diagnosis. "
            + "If that changes, tell someone you trust, or call or text 988 (Suicide & Crisis Lifeline, US).",
    };
}
