using Trellis.Web.Features.Instruments;
using Trellis.Web.Features.Organization;

namespace Trellis.Web.Features.Admissions.Decisions;

/// <summary>What the decision support looks at. Everything is optional except the population.</summary>
/// <param name="WeeklyHoursNeeded">The clinician's estimate of structured treatment hours a week this person needs.</param>
/// <param name="CurrentLevel">Where they are now; null when in no treatment.</param>
/// <param name="Risk">Suicide risk as last assessed (C-SSRS, or an unassessed positive screen counted as moderate).</param>
/// <param name="WithdrawalRisk">Needs medically monitored withdrawal (shakes, seizures, hallucinations when stopping).</param>
public sealed record LevelOfCareInputs(
    Population Population = Population.Adult,
    decimal? WeeklyHoursNeeded = null,
    LevelOfCare? CurrentLevel = null,
    SuicideRisk Risk = SuicideRisk.None,
    bool WithdrawalRisk = false,
    int? Phq9 = null,
    int? Gad7 = null,
    bool? AuditCPositive = null,
    int? Dast10 = null,
    bool? Pcl5Provisional = null);

/// <summary>How a rule acts: a floor the level cannot go below, or the starting point the floors raise.</summary>
public enum RuleEffect { Floor, Base }

/// <param name="Id">Stable name, e.g. "high-risk".</param>
/// <param name="Applied">Whether the rule fired for these inputs; rules that did not are still listed, so the reasoning is complete.</param>
/// <param name="Level">The level the rule sets as floor or base when it fires.</param>
/// <param name="Clinical">The rule and why it fired, in clinical words.</param>
/// <param name="Plain">The same in plain words, for the public self-check.</param>
public sealed record LevelOfCareRule(string Id, bool Applied, RuleEffect Effect, LevelOfCare Level, string Clinical, string Plain);

public sealed record LevelOfCareSuggestion(LevelOfCare Level, IReadOnlyList<LevelOfCareRule> Rules)
{
    public IEnumerable<LevelOfCareRule> Applied => Rules.Where(r => r.Applied);
}

/// <summary>
/// Level-of-care decision support, in the order a clinician reasons: safety first (a high suicide
/// risk or a dangerous withdrawal needs more than IOP), then the hours of treatment needed (ASAM:
/// IOP is at least 9 hours a week for adults, 6 for adolescents, partial hospitalization 20 or
/// more), then where the person comes from (stepping down from hospital or up from weekly
/// therapy) and how severe the screens are. Floors can only raise the level. It suggests; the
/// clinician decides and writes the rationale. Pure: no I/O, no clock.
/// </summary>
public static class LevelOfCareRules
{
    public const decimal PartialHospitalizationHours = 20m;

    /// <summary>The published severe bands: PHQ-9 20–27 (Kroenke 2001), GAD-7 15–21 (Spitzer 2006).</summary>
    public const int SeverePhq9 = 20, SevereGad7 = 15;

    public static decimal IopMinimumHours(Population population) => TreatmentProgram.DefaultMinimumHours(population);

    public static LevelOfCareSuggestion Suggest(LevelOfCareInputs x)
    {
        var min = IopMinimumHours(x.Population);
        var hours = x.WeeklyHoursNeeded;
        var steppingDown = x.CurrentLevel is LevelOfCare.Inpatient or LevelOfCare.Residential or LevelOfCare.PartialHospitalization;
        var substance = x.Dast10 >= 3 || x.AuditCPositive == true;
        var moderate = x.Phq9 >= 10 || x.Gad7 >= 10 || x.Pcl5Provisional == true || substance;
        var severe = x.Phq9 >= SeverePhq9 || x.Gad7 >= SevereGad7;
        var anyScreen = x.Phq9 is not null || x.Gad7 is not null || x.AuditCPositive is not null || x.Dast10 is not null || x.Pcl5Provisional is not null;
        var mild = anyScreen && !moderate && x.Risk is SuicideRisk.None or SuicideRisk.Low && !steppingDown && !x.WithdrawalRisk;

        List<LevelOfCareRule> rules =
        [
            new("high-risk", x.Risk == SuicideRisk.High, RuleEffect.Floor, LevelOfCare.Inpatient,
                "High suicide risk (C-SSRS: intent or a plan in the past month, or suicidal behaviour in the past 3 months): evaluate today for inpatient care; IOP cannot keep the person safe between sessions.",
                "What you told us suggests you may not be safe right now. The right help is urgent: a crisis team or an emergency department, today."),
            new("withdrawal", x.WithdrawalRisk, RuleEffect.Floor, LevelOfCare.Residential,
                "Risk of complicated withdrawal: medically monitored withdrawal management (ASAM 3.7-WM or higher) first; IOP can follow.",
                "Stopping alcohol or some drugs suddenly can be dangerous. A program with medical care for withdrawal is the safe first step; IOP can come after."),
            new("moderate-risk", x.Risk == SuicideRisk.Moderate, RuleEffect.Floor, LevelOfCare.IntensiveOutpatient,
                "Moderate suicide risk (or a positive screen not yet assessed): at least IOP, with a safety plan before the first session; consider partial hospitalization if supports are thin.",
                "You mentioned thoughts of death or self-harm. That deserves more support than a weekly appointment, starting with a conversation today."),
            new("hours-php", hours >= PartialHospitalizationHours, RuleEffect.Base, LevelOfCare.PartialHospitalization,
                $"{Needs(hours)}{PartialHospitalizationHours:0} or more hours a week of structured treatment is partial hospitalization (ASAM 2.5).",
                "You may need treatment most of the day, most days: that is a day program (partial hospitalization)."),
            new("hours-iop", hours >= min && hours < PartialHospitalizationHours, RuleEffect.Base, LevelOfCare.IntensiveOutpatient,
                Cap($"{Needs(hours)}from {min:0} to under {PartialHospitalizationHours:0} hours a week is intensive outpatient (ASAM 2.1, {x.Population.ToString().ToLowerInvariant()}s)."),
                "A few hours, three or four days a week, fits what you need."),
            new("hours-outpatient", hours < min, RuleEffect.Base, LevelOfCare.Outpatient,
                Cap($"{Needs(hours)}under {min:0} hours a week is outpatient care (ASAM 1)."),
                "An hour or two a week may be enough."),
            new("step-down", hours is null && steppingDown, RuleEffect.Base, LevelOfCare.IntensiveOutpatient,
                $"Stepping down from {(steppingDown ? Describe(x.CurrentLevel) : "inpatient, residential or partial hospitalization")}: IOP keeps structure several days a week while returning to daily life.",
                "After a hospital stay or a day program, IOP keeps support close while you get back to work and home."),
            new("step-up", hours is null && !steppingDown && moderate, RuleEffect.Base, LevelOfCare.IntensiveOutpatient,
                (x.CurrentLevel == LevelOfCare.Outpatient ? "Stepping up: symptoms not controlled by weekly outpatient therapy" : "Screens in the moderate range or above")
                    + $" ({ScreenText(x)}): IOP.",
                x.CurrentLevel == LevelOfCare.Outpatient
                    ? "Weekly therapy has not been enough for how you feel right now; more support each week could help."
                    : "Your answers suggest more support than a weekly appointment could help."),
            new("severe-symptoms", severe, RuleEffect.Floor, LevelOfCare.IntensiveOutpatient,
                $"Severe symptoms, PHQ-9 20 or more or GAD-7 15 or more ({ScreenText(x)}): at least IOP.",
                "Your answers show symptoms that weigh heavily on you right now; that calls for more than a weekly appointment."),
            new("substance-severity", x.Dast10 >= 6, RuleEffect.Floor, LevelOfCare.IntensiveOutpatient,
                $"DAST-10 {(x.Dast10 is { } dast ? $"{dast} " : "")}of 6 or more (substantial or severe drug-related problems): at least IOP.",
                "Drug use is causing real problems; structured support several days a week helps most people in that place."),
            new("mild", hours is null && mild, RuleEffect.Base, LevelOfCare.Outpatient,
                $"Screens below the moderate range ({ScreenText(x)}) with no risk and not stepping down: weekly outpatient care may be enough.",
                "Your answers suggest that weekly therapy with a counsellor may be enough for now."),
            new("no-information", hours is null && !steppingDown && !moderate && !mild, RuleEffect.Base, LevelOfCare.IntensiveOutpatient,
                "No hours estimate, screens or prior level to go on: starting from IOP, the level this program provides; complete an assessment before deciding.",
                "We don't have enough to go on yet; a short conversation with our team can help work it out."),
        ];

        var baseLevel = rules.Where(r => r.Applied && r.Effect == RuleEffect.Base).Select(r => r.Level).DefaultIfEmpty(LevelOfCare.IntensiveOutpatient).Max();
        var level = rules.Where(r => r.Applied && r.Effect == RuleEffect.Floor).Select(r => r.Level).Append(baseLevel).Max();
        return new LevelOfCareSuggestion(level, rules);
    }

    /// <summary>
    /// Each rule's name in words, for pages, summaries and rationales: the ids ("step-up") are for
    /// programs reading the API, never for people.
    /// </summary>
    public static string NameOf(string ruleId) => ruleId switch
    {
        "high-risk" => "high suicide risk",
        "withdrawal" => "risk of complicated withdrawal",
        "moderate-risk" => "moderate or not yet assessed suicide risk",
        "hours-php" => "20 or more hours a week needed",
        "hours-iop" => "IOP hours needed",
        "hours-outpatient" => "fewer hours needed than IOP gives",
        "step-down" => "stepping down from a higher level",
        "step-up" => "symptoms beyond weekly therapy",
        "severe-symptoms" => "severe symptoms",
        "substance-severity" => "substantial drug-related problems",
        "mild" => "mild symptoms and no risk",
        "no-information" => "not enough information yet",
        SelfCheck.SelfCheckEvaluation.UnassessedRiskRule => "self-reported suicide risk or severe symptoms, not yet assessed",
        _ => ruleId.Replace('-', ' '),
    };

    /// <summary>The applied rules' names: "high suicide risk; severe symptoms".</summary>
    public static string Reasons(LevelOfCareSuggestion suggestion) =>
        suggestion.Applied.Any() ? string.Join("; ", suggestion.Applied.Select(r => NameOf(r.Id))) : "no rule applied";

    /// <summary>"Needs 12 hours a week: " when the clinician estimated it; the bare rule otherwise.</summary>
    private static string Cap(string s) => char.ToUpperInvariant(s[0]) + s[1..];

    private static string Needs(decimal? hours) => hours is { } h ? $"Needs {h:0.#} hours a week: " : "";

    private static string Describe(LevelOfCare? level) => level switch
    {
        LevelOfCare.Inpatient => "inpatient care",
        LevelOfCare.Residential => "residential treatment",
        LevelOfCare.PartialHospitalization => "partial hospitalization",
        _ => "outpatient care",
    };

    /// <summary>"PHQ-9 18, GAD-7 9, DAST-10 4": the screens that were given.</summary>
    public static string ScreenText(LevelOfCareInputs x)
    {
        var parts = new List<string>();
        if (x.Phq9 is { } p) parts.Add($"PHQ-9 {p}");
        if (x.Gad7 is { } g) parts.Add($"GAD-7 {g}");
        if (x.AuditCPositive is { } a) parts.Add($"AUDIT-C {(a ? "positive" : "negative")}");
        if (x.Dast10 is { } d) parts.Add($"DAST-10 {d}");
        if (x.Pcl5Provisional is { } t) parts.Add($"PCL-5 {(t ? "provisional PTSD" : "below the PTSD rule")}");
        return parts.Count == 0 ? "no screens" : string.Join(", ", parts);
    }
}
