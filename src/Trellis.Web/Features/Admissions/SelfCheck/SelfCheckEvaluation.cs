using System.Text;
using System.Text.Json;
using Trellis.Web.Features.Admissions.Decisions;
using Trellis.Web.Features.Instruments;
using Trellis.Web.Features.Organization;

namespace Trellis.Web.Features.Admissions.SelfCheck;

public sealed record ScreenResult(InstrumentDefinition Definition, InstrumentResult Result);

/// <summary>What the self-check found: whether to show crisis help first, the screens scored, and the level of care it points to.</summary>
public sealed record SelfCheckResult(
    bool ShowCrisisHelp,
    bool DangerNow,
    IReadOnlyList<ScreenResult> Screens,
    LevelOfCareSuggestion Suggestion,
    IReadOnlyList<string> ScheduleNotes);

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

    public static SelfCheckResult Evaluate(SelfCheckInput input, IReadOnlyDictionary<string, IReadOnlyList<JsonElement>> screens)
    {
        var results = new List<ScreenResult>();
        foreach (var code in Offered)
            if (screens.TryGetValue(code, out var answers) && InstrumentScorer.Score(code, answers, input.Sex) is { IsValid: true } o)
                results.Add(new ScreenResult(InstrumentCatalog.Get(code)!, o.Result));
        InstrumentResult? Find(string code) => results.FirstOrDefault(r => r.Definition.Code == code)?.Result;

        var itemNine = Find(Phq9.Code)?.Flags.Contains(InstrumentFlags.SuicideRisk) == true;
        var dangerNow = input.ThoughtsOfEndingLife == YesNoUnsure.Yes;
        var risk = dangerNow ? SuicideRisk.High
            : itemNine || input.ThoughtsOfEndingLife == YesNoUnsure.NotSure ? SuicideRisk.Moderate
            : SuicideRisk.None;
        var inputs = new LevelOfCareInputs(
            Population.Adult, null, CurrentLevel(input.Care), risk, input.WithdrawalSymptoms == YesNoUnsure.Yes,
            Find(Phq9.Code)?.Total, Find(Gad7.Code)?.Total, Find(AuditC.Code)?.Positive, Find(Dast10.Code)?.Total);
        var suggestion = LevelOfCareRules.Suggest(inputs);
        return new SelfCheckResult(dangerNow || risk == SuicideRisk.Moderate, dangerNow, results, suggestion, ScheduleNotes(input, suggestion.Level));
    }

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
        s.AppendLine($"Suggested level of care: {LevelText.Of(result.Suggestion.Level)} (rules: {string.Join(", ", result.Suggestion.Applied.Select(r => r.Id))}).");
        s.AppendLine($"Thoughts of ending their life right now: {Words(input.ThoughtsOfEndingLife)}.");
        foreach (var r in result.Screens)
            s.AppendLine($"{r.Definition.Name}: {(r.Result.Total is { } t ? $"{t}/{r.Result.MaxTotal}" : "")}{(r.Result.Band is { } b ? $" ({b.Replace('_', ' ')})" : "")}"
                + $"{(r.Result.Positive is { } p ? (p ? " positive" : " negative") : "")}{(r.Result.Flags.Count > 0 ? " — flags: " + string.Join(", ", r.Result.Flags) : "")}"
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
