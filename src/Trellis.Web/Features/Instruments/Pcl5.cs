using static Trellis.Web.Features.Instruments.Choices;

namespace Trellis.Web.Features.Instruments;

/// <summary>PTSD Checklist for DSM-5: how much each of the 20 DSM-5 PTSD symptoms bothered the person in the past month.</summary>
public static class Pcl5
{
    public const string Code = "pcl-5";

    /// <summary>Upper end of the published 31–33 provisional cut-point, so a result above it is not borderline.</summary>
    public const int CutPoint = 33;

    /// <summary>An item rated Moderately (2) or higher counts as a symptom under the DSM-5 rule.</summary>
    public const int SymptomRating = 2;

    /// <summary>How many symptoms each DSM-5 cluster needs for a provisional PTSD result.</summary>
    public static IReadOnlyDictionary<string, int> ClusterMinimum { get; } = new Dictionary<string, int> { ["B"] = 1, ["C"] = 1, ["D"] = 2, ["E"] = 2 };

    // LOINC answer codes for this scale were not researched: left null, not guessed.
    private static readonly IReadOnlyList<AnswerOption> Bother =
    [
        Number("Not at all", 0), Number("A little bit", 1), Number("Moderately", 2), Number("Quite a bit", 3), Number("Extremely", 4),
    ];

    private static InstrumentItem Item(int number, string cluster, string text) => new(number, null, text, AnswerKind.Number, Bother, Cluster: cluster);

    public static InstrumentDefinition Definition { get; } = new(
        Code, "PCL-5", "PTSD Checklist for DSM-5", "Post-traumatic stress symptoms in the past month",
        "Below is a list of problems that people sometimes have in response to a very stressful experience. "
            + "Choose how much you have been bothered by each problem in the past month. In the past month, how much were you bothered by:",
        PanelLoinc: null, TotalLoinc: null, MaxTotal: 80,
        Items:
        [
            Item(1, "B", "Repeated, disturbing, and unwanted memories of the stressful experience?"),
            Item(2, "B", "Repeated, disturbing dreams of the stressful experience?"),
            Item(3, "B", "Suddenly feeling or acting as if the stressful experience were actually happening again (as if you were actually back there reliving it)?"),
            Item(4, "B", "Feeling very upset when something reminded you of the stressful experience?"),
            Item(5, "B", "Having strong physical reactions when something reminded you of the stressful experience (for example, heart pounding, trouble breathing, sweating)?"),
            Item(6, "C", "Avoiding memories, thoughts, or feelings related to the stressful experience?"),
            Item(7, "C", "Avoiding external reminders of the stressful experience (for example, people, places, conversations, activities, objects, or situations)?"),
            Item(8, "D", "Trouble remembering important parts of the stressful experience?"),
            Item(9, "D", "Having strong negative beliefs about yourself, other people, or the world (for example, having thoughts such as: I am bad, there is something seriously wrong with me, no one can be trusted, the world is completely dangerous)?"),
            Item(10, "D", "Blaming yourself or someone else for the stressful experience or what happened after it?"),
            Item(11, "D", "Having strong negative feelings such as fear, horror, anger, guilt, or shame?"),
            Item(12, "D", "Loss of interest in activities that you used to enjoy?"),
            Item(13, "D", "Feeling distant or cut off from other people?"),
            Item(14, "D", "Trouble experiencing positive feelings (for example, being unable to feel happiness or have loving feelings for people close to you)?"),
            Item(15, "E", "Irritable behavior, angry outbursts, or acting aggressively?"),
            Item(16, "E", "Taking too many risks or doing things that could cause you harm?"),
            Item(17, "E", "Being \"superalert\" or watchful or on guard?"),
            Item(18, "E", "Feeling jumpy or easily startled?"),
            Item(19, "E", "Having difficulty concentrating?"),
            Item(20, "E", "Trouble falling or staying asleep?"),
        ],
        Bands: [],
        Scoring: "Sum of items 1–20 (0–4 each), 0–80; above_cutoff at 33 or more (published provisional cut-point 31–33). "
            + "provisional_ptsd by the DSM-5 rule: items rated 2 or more count as symptoms, needing at least 1 in B (items 1–5), 1 in C (6–7), 2 in D (8–14) and 2 in E (15–20). "
            + "There are no official severity bands.",
        Source: "National Center for PTSD (Weathers et al., 2013). Scoring: comorbidityguidelines.org.au, PCL-5 scoring and interpretation. LOINC not researched.",
        ReliableChange: new(10, "US National Center for PTSD, Using the PCL-5: a 5–10 point change is reliable and 10 points is the minimum for clinically meaningful change; the conservative end is used."));

    /// <summary>Symptoms (items rated 2 or more) per cluster, in B, C, D, E order.</summary>
    public static IReadOnlyDictionary<string, int> SymptomsByCluster(IReadOnlyList<AnswerOption?> chosen) =>
        ClusterMinimum.Keys.ToDictionary(c => c, c => Definition.ScoredItems
            .Where(i => i.Cluster == c)
            .Count(i => chosen[i.Number - 1]?.Points >= SymptomRating));

    internal static InstrumentResult Score(IReadOnlyList<AnswerOption?> chosen)
    {
        var total = InstrumentScorer.Total(chosen);
        var symptoms = SymptomsByCluster(chosen);
        var provisional = ClusterMinimum.All(c => symptoms[c.Key] >= c.Value);
        var aboveCutoff = total >= CutPoint;
        var clusters = string.Join(", ", ClusterMinimum.Select(c =>
            $"{c.Key} {symptoms[c.Key]} of {Definition.ScoredItems.Count(i => i.Cluster == c.Key)} (needs {c.Value})"));
        return new InstrumentResult
        {
            Instrument = Code, Total = total, MaxTotal = Definition.MaxTotal,
            ProvisionalPtsd = provisional, AboveCutoff = aboveCutoff,
            PanelLoinc = null, TotalLoinc = null,
            Explanation = provisional || aboveCutoff
                ? $"Your answers add up to {total} out of 80 and show a pattern of stress reactions that often goes with post-traumatic stress disorder (PTSD). "
                    + $"{Wording.NotADiagnosis} Talking with a clinician who knows about trauma can help; PTSD is treatable."
                : $"Your answers add up to {total} out of 80 and do not show the pattern most often seen with post-traumatic stress disorder (PTSD). "
                    + $"{Wording.NotADiagnosis} If the experience still troubles you, talking with someone can help.",
            ClinicianInterpretation = $"PCL-5 total {total}/80, {(aboveCutoff ? "at or above" : "below")} the provisional cut-point of {CutPoint} "
                + "(published range 31–33; an older NCPTSD text suggested 38). "
                + $"DSM-5 cluster rule {(provisional ? "met" : "not met")}; items rated 2 (Moderately) or higher: {clusters}. "
                + "No official severity bands; a provisional result needs a structured clinical interview to confirm.",
        };
    }
}
