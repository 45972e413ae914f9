using System.Text;
using System.Text.Json;
using Trellis.Web.Features.Admissions.Decisions;
using Trellis.Web.Features.Instruments;
using Trellis.Web.Features.Organization;

namespace Trellis.Web.Features.Admissions.SelfCheck;

public sealed record ScreenResult(InstrumentDefinition Definition, InstrumentResult Result);

/// <summary>What the self-check found: whether to show crisis help first and why, the screens scored, and the level of care it points to.</summary>
/// <param name="ShowCrisisHelp">Crisis help (988, 911) leads the result: any sign of suicide risk, an unsure answer, or severe symptoms.</param>
/// <param name="DangerNow">The person said they are thinking of ending their life right now.</param>
/// <param name="SuicideSign">A sign of suicide risk (yes, not sure, or PHQ-9 item 9 above 0): intake calls back the same day.</param>
/// <param name="CrisisReasons">What the person told us that puts crisis help first, in their terms, one sentence each.</param>
public sealed record SelfCheckResult(
    bool ShowCrisisHelp,
    bool DangerNow,
    IReadOnlyList<ScreenResult> Screens,
    LevelOfCareSuggestion Suggestion,
    IReadOnlyList<string> ScheduleNotes,
    bool SuicideSign = false,
    IReadOnlyList<string>? CrisisReasons = null);

/// <summary>
/// Scores the optional screens and applies the same level-of-care rules the clinicians use, in
/// plain words. Pure: the page hands in what was posted and shows what comes back.
/// </summary>
public static class SelfCheckEvaluation
{
    /// <summary>The screens the public self-check offers, in the order it shows them.</summary>
    public static readonly string[] Offered = [Phq9.Code, Gad7.Code, AuditC.Code, Dast10.Code];

    /// <summary>
    /// Reads the posted answers of each offered screen. A screen left wholly blank is skipped; one
    /// answered in part is an error naming the questions still open, keyed by the screen's code.
    /// </summary>
    public static Dictionary<string, IReadOnlyList<JsonElement>> ReadScreens(SelfCheckInput input, IReadOnlyDictionary<string, string?[]> raw,
        IDictionary<string, string[]> errors)
    {
        var answered = new Dictionary<string, IReadOnlyList<JsonElement>>();
        foreach (var code in Offered)
        {
            var definition = InstrumentCatalog.Get(code)!;
            var values = raw.TryGetValue(code, out var v) ? v : [];
            var items = definition.ScoredItems;
            var given = Enumerable.Range(0, items.Count).Select(i => i < values.Length ? values[i] : null).ToArray();
            if (given.All(string.IsNullOrWhiteSpace)) continue;
            var missing = items.Where((item, i) => string.IsNullOrWhiteSpace(given[i]) && item.EnableWhen is null).Select(i => i.Number).ToList();
            if (missing.Count > 0)
            {
                errors[code] = [$"{definition.Name}: please answer question{(missing.Count == 1 ? "" : "s")} {string.Join(", ", missing)}, or clear your answers to skip this questionnaire."];
                continue;
            }
            var answers = given.Select(Administrations.FormValue).ToList();
            var outcome = InstrumentScorer.Score(definition, answers, input.Sex);
            if (outcome.IsValid) answered[code] = answers;
            else errors[code] = [.. outcome.Errors.Select(e => e.Key == "sex"
                ? "AUDIT-C: please say whether to use the cut-off for women or for men."
                : $"{definition.Name}: {string.Join(" ", e.Value)}")];
        }
        return answered;
    }

    /// <summary>
    /// The rule the public self-check adds to the clinicians' rules: what a person reports on their own
    /// has not been assessed by anyone, so a sign of suicide risk or severe symptoms calls for a
    /// conversation with a clinician today and starts above IOP; IOP may still be right afterwards.
    /// </summary>
    public const string UnassessedRiskRule = "self-check-unassessed";

    public static SelfCheckResult Evaluate(SelfCheckInput input, IReadOnlyDictionary<string, IReadOnlyList<JsonElement>> screens)
    {
        var results = new List<ScreenResult>();
        foreach (var code in Offered)
            if (screens.TryGetValue(code, out var answers) && InstrumentScorer.Score(code, answers, input.Sex) is { IsValid: true } o)
                results.Add(new ScreenResult(InstrumentCatalog.Get(code)!, o.Result));
        InstrumentResult? Find(string code) => results.FirstOrDefault(r => r.Definition.Code == code)?.Result;

        var itemNine = ItemNine(screens);
        var dangerNow = input.ThoughtsOfEndingLife == YesNoUnsure.Yes;
        var notSure = input.ThoughtsOfEndingLife == YesNoUnsure.NotSure;
        var risk = dangerNow ? SuicideRisk.High : itemNine > 0 || notSure ? SuicideRisk.Moderate : SuicideRisk.None;
        var phq9 = Find(Phq9.Code)?.Total;
        var gad7 = Find(Gad7.Code)?.Total;
        var severe = phq9 >= LevelOfCareRules.SeverePhq9 || gad7 >= LevelOfCareRules.SevereGad7;
        var inputs = new LevelOfCareInputs(
            Population.Adult, null, CurrentLevel(input.Care), risk, input.WithdrawalSymptoms == YesNoUnsure.Yes,
            phq9, gad7, Find(AuditC.Code)?.Positive, Find(Dast10.Code)?.Total);
        var suggestion = LevelOfCareRules.Suggest(inputs);
        var unassessed = itemNine > 0 || severe;
        if (!dangerNow)
        {
            // Shown first: it is the reason the suggestion starts above IOP.
            var rule = new LevelOfCareRule(UnassessedRiskRule, unassessed, RuleEffect.Floor, LevelOfCare.PartialHospitalization,
                "Self-reported suicidal thoughts (PHQ-9 item 9 above 0) or severe symptoms, not yet assessed by a clinician: assess today; start above IOP until then.",
                "What you told us needs a conversation with a clinician today, not in a few days. Until someone has talked with you, a day program or more "
                + "support is the safer first step; an intensive outpatient program may be right after that.");
            suggestion = new LevelOfCareSuggestion(unassessed ? (LevelOfCare)Math.Max((int)suggestion.Level, (int)LevelOfCare.PartialHospitalization) : suggestion.Level,
                [rule, .. suggestion.Rules]);
        }
        var reasons = CrisisReasons(input, itemNine, phq9, gad7);
        return new SelfCheckResult(reasons.Count > 0, dangerNow, results, suggestion, ScheduleNotes(input, suggestion.Level),
            dangerNow || notSure || itemNine > 0, reasons);
    }

    /// <summary>PHQ-9 item 9 as answered (0 not at all … 3 nearly every day); 0 when the screen was not taken.</summary>
    private static int ItemNine(IReadOnlyDictionary<string, IReadOnlyList<JsonElement>> screens) =>
        screens.TryGetValue(Phq9.Code, out var a) && a.Count >= 9 && a[8].ValueKind == JsonValueKind.Number && a[8].TryGetInt32(out var v) ? v : 0;

    /// <summary>What the person said that puts crisis help first, said back in their own terms (never more than they said).</summary>
    public static List<string> CrisisReasons(SelfCheckInput input, int itemNine, int? phq9, int? gad7)
    {
        var reasons = new List<string>();
        if (input.ThoughtsOfEndingLife == YesNoUnsure.Yes) reasons.Add("You told us you are having thoughts of ending your life right now.");
        if (input.ThoughtsOfEndingLife == YesNoUnsure.NotSure) reasons.Add("You told us you are not sure whether you are having thoughts of ending your life right now.");
        if (itemNine > 0 && Phq9.Definition.Items[8].OptionFor(itemNine) is { } often)
            reasons.Add($"You answered that in the last two weeks you have had thoughts that you would be better off dead, or of hurting yourself, {often.Label.ToLowerInvariant()}.");
        if (phq9 >= LevelOfCareRules.SeverePhq9) reasons.Add($"Your answers about low mood add up to {phq9} out of 27, in the severe range.");
        if (gad7 >= LevelOfCareRules.SevereGad7) reasons.Add($"Your answers about worry and anxiety add up to {gad7} out of 21, in the severe range.");
        return reasons;
    }

    /// <summary>
    /// What the person reported, to offer only the programs that treat it: substance use (they ticked
    /// drinking or drugs, a positive AUDIT-C or DAST-10 of 3 or more, withdrawal) and mental health (mood,
    /// anxiety, trauma, a recent crisis, the screens, thoughts of ending their life). Nothing reported: every program.
    /// </summary>
    public static (bool SubstanceUse, bool MentalHealth) Reported(SelfCheckInput input, SelfCheckResult result)
    {
        InstrumentResult? Find(string code) => result.Screens.FirstOrDefault(r => r.Definition.Code == code)?.Result;
        var substance = input.MentionsSubstances || input.WithdrawalSymptoms == YesNoUnsure.Yes
            || Find(AuditC.Code)?.Positive == true || Find(Dast10.Code)?.Total >= 3;
        var mental = input.LedMood || input.LedAnxiety || input.LedTrauma || input.LedHospital || input.GoalFeelBetter || input.GoalCope
            || Find(Phq9.Code)?.Total >= 5 || Find(Gad7.Code)?.Total >= 5 || result.SuicideSign;
        return (substance, mental);
    }

    /// <summary>Whether a program treats what the person reported; a 42 CFR Part 2 program is a substance use program.</summary>
    public static bool Treats(Public.PublicProgram program, (bool SubstanceUse, bool MentalHealth) reported) =>
        !reported.SubstanceUse && !reported.MentalHealth || (program.IsPart2 ? reported.SubstanceUse : reported.MentalHealth);

    public static LevelOfCare? CurrentLevel(CurrentCare? care) => care switch
    {
        CurrentCare.HospitalRecently => LevelOfCare.Inpatient,
        CurrentCare.DayProgram => LevelOfCare.PartialHospitalization,
        CurrentCare.WeeklyTherapy => LevelOfCare.Outpatient,
        _ => null,
    };

    private static List<string> ScheduleNotes(SelfCheckInput input, LevelOfCare level)
    {
        var notes = new List<string>();
        if (level != LevelOfCare.IntensiveOutpatient) return notes;
        if (input.Hours is HoursAvailable.UnderSix or HoursAvailable.SixToEight)
            notes.Add("IOP for adults usually means about 9 hours a week, for example three sessions of three hours. That is more than you said you could set aside now; talk with us: evening tracks and joining by video make it easier for many people with jobs or children.");
        if (input.FixedCommitments)
            notes.Add("You have fixed commitments. When you talk with us, bring your work or school hours: we record them and show which of our tracks fit around them.");
        if (input.Join == JoinBy.Video)
            notes.Add("You said video would work better. Ask us which groups you can join by video.");
        if (input.HasSomeone is YesNoUnsure.No or YesNoUnsure.NotSure)
            notes.Add("You don't have to decide alone. Our intake team can talk it through with you, with no obligation.");
        return notes;
    }

    /// <summary>What the clinic receives when the person chooses to send their results with an inquiry.</summary>
    public static string Summary(SelfCheckInput input, SelfCheckResult result)
    {
        var s = new StringBuilder();
        s.AppendLine($"Suggested level of care: {LevelText.Of(result.Suggestion.Level)} (because: {LevelOfCareRules.Reasons(result.Suggestion)}).");
        s.AppendLine($"Thoughts of ending their life right now: {Words(input.ThoughtsOfEndingLife)}.");
        foreach (var r in result.Screens)
            s.AppendLine($"{r.Definition.Name}: {(r.Result.Total is { } t ? $"{t}/{r.Result.MaxTotal}" : "")}{(r.Definition.BandFor(r.Result.Total ?? -1) is { } b ? $" ({b.Words})" : "")}"
                + $"{(r.Result.Positive is { } p ? (p ? " positive" : " negative") : "")}{(r.Result.Flags.Contains(InstrumentFlags.SuicideRisk) ? " — item 9 (thoughts of being better off dead or of self-harm) above 0" : "")}"
                + $"{(input.Phq9Difficulty is { } d && r.Definition.UnscoredItem?.OptionFor(d) is { } o ? $"; daily life {o.Label.ToLowerInvariant()} (not scored)" : "")}.");
        Line(s, "What led them here", [(input.LedMood, "low mood"), (input.LedAnxiety, "worry or panic"), (input.LedAlcohol, "alcohol"), (input.LedDrugs, "drugs"),
            (input.LedTrauma, "something traumatic"), (input.LedHospital, "a recent hospital stay"), (input.LedTherapyNotEnough, "weekly therapy not enough")], input.LedInOwnWords);
        Line(s, "Goals", [(input.GoalFeelBetter, "feel better day to day"), (input.GoalCutDown, "stop or cut down drinking or drugs"), (input.GoalKeepWorking, "keep work or studies going"),
            (input.GoalCope, "handle stress and emotions"), (input.GoalRelationships, "relationships"), (input.GoalStayOutOfHospital, "stay out of hospital")], input.GoalsInOwnWords);
        Line(s, "Support wanted", [(input.SupportGroups, "groups"), (input.SupportOneToOne, "one-to-one therapy"), (input.SupportMedication, "medication"),
            (input.SupportPractical, "practical help"), (input.SupportRecovery, "recovery support")], null);
        s.AppendLine($"Withdrawal symptoms when stopping: {Words(input.WithdrawalSymptoms)}.");
        s.AppendLine($"Hours a week they could set aside: {HoursWords(input.Hours)}; times: {Join([(input.Mornings, "mornings"), (input.Afternoons, "afternoons"), (input.Evenings, "evenings")])}"
            + $"{(input.FixedCommitments ? "; has fixed commitments" : "")}.");
        s.AppendLine($"Join: {input.Join switch { JoinBy.InPerson => "in person", JoinBy.Video => "by video", JoinBy.Either => "either", _ => "not answered" }}; "
            + $"current care: {input.Care switch { CurrentCare.None => "none", CurrentCare.WeeklyTherapy => "weekly therapy", CurrentCare.DayProgram => "a day program", CurrentCare.HospitalRecently => "recent hospital stay", _ => "not answered" }}; "
            + $"someone to talk to: {Words(input.HasSomeone)}.");
        var text = s.ToString().Trim();
        return text.Length <= 4000 ? text : text[..4000];
    }

    private static void Line(StringBuilder s, string label, (bool On, string Text)[] picks, string? own)
    {
        var list = Join(picks);
        s.AppendLine($"{label}: {list}{(string.IsNullOrWhiteSpace(own) ? "" : $"; in their words: \"{own.Trim()}\"")}.");
    }

    private static string Join((bool On, string Text)[] picks) =>
        picks.Any(p => p.On) ? string.Join(", ", picks.Where(p => p.On).Select(p => p.Text)) : "none chosen";

    private static string Words(YesNoUnsure? a) => a switch { YesNoUnsure.Yes => "yes", YesNoUnsure.No => "no", YesNoUnsure.NotSure => "not sure", _ => "not answered" };

    public static string HoursWords(HoursAvailable? h) => h switch
    {
        HoursAvailable.UnderSix => "under 6",
        HoursAvailable.SixToEight => "6 to 8",
        HoursAvailable.NineToTwelve => "9 to 12",
        HoursAvailable.ThirteenToNineteen => "13 to 19",
        HoursAvailable.TwentyOrMore => "20 or more",
        _ => "not answered",
    };
}
