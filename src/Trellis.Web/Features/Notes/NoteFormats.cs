using System.Security.Claims;
using Trellis.Web.Features.Auth;

namespace Trellis.Web.Features.Notes;

public enum NoteFormat { Dap, Birp, Soap, GroupPart, MedicationVisit, CaseManagement, DiagnosticEvaluation }

/// <param name="Required">Must say something before the note is signed (every section but a group part's details).</param>
public sealed record NoteSectionDef(string Key, string Label, string Hint, bool Required = true);

public sealed record NoteFormatDef(NoteFormat Format, string Name, NoteKind Kind, IReadOnlyList<NoteSectionDef> Sections);

/// <summary>The note templates: which sections each has, what goes in them, and who may write which kind.</summary>
public static class NoteFormats
{
    private static readonly NoteSectionDef Plan = new("plan", "Plan", "Next steps: homework, what the next session will work on, referrals, follow-up.");

    public static readonly IReadOnlyList<NoteFormatDef> All =
    [
        new(NoteFormat.Dap, "DAP (data, assessment, plan)", NoteKind.Individual,
        [
            new("data", "Data", "What the participant said and did, what you observed, any measures given."),
            new("assessment", "Assessment", "Your clinical interpretation: progress toward goals, risk, what changed."),
            Plan,
        ]),
        new(NoteFormat.Birp, "BIRP (behavior, intervention, response, plan)", NoteKind.Individual,
        [
            new("behavior", "Behavior", "How the participant presented and what they reported."),
            new("intervention", "Intervention", "What you did: the techniques and topics of the session."),
            new("response", "Response", "How the participant responded to the interventions."),
            Plan,
        ]),
        new(NoteFormat.Soap, "SOAP (subjective, objective, assessment, plan)", NoteKind.Individual,
        [
            new("subjective", "Subjective", "The participant's report, in their words where it matters."),
            new("objective", "Objective", "What you observed: appearance, affect, behaviour, scores."),
            new("assessment", "Assessment", "Your clinical interpretation: progress toward goals, risk."),
            Plan,
        ]),
        // With the structured choices (GroupPartChoices) one sentence is required; the rest is there when there is more to say.
        new(NoteFormat.GroupPart, "Group note: individual part", NoteKind.Group,
        [
            new("participation", "What they said or did", "One sentence of your own: what they shared, did or worked on."),
            new("response", "Response, in more detail", "How they responded to the group's interventions and to others.", Required: false),
            new("progress", "Progress toward their goals", "What this session showed about their own treatment plan goals.", Required: false),
            Plan with { Required = false },
        ]),
        new(NoteFormat.MedicationVisit, "Medication management visit", NoteKind.MedicationManagement,
        [
            new("interval", "Interval history", "Since the last visit: symptoms, sleep, appetite, adherence, side effects, substance use."),
            new("medications", "Medications reviewed", "The medications as reviewed today (filled in from the medication list)."),
            new("mental_status", "Mental status and vitals", "Mental status examination; vital signs where taken."),
            new("assessment", "Assessment", "Response to treatment, risks and benefits discussed."),
            new("plan", "Plan", "Medication changes (no e-prescribing here), labs, next visit."),
        ]),
        new(NoteFormat.CaseManagement, "Case management contact", NoteKind.CaseManagement,
        [
            new("needs", "Needs addressed", "Which needs this contact worked on (housing, work, transport…)."),
            new("actions", "Actions taken", "Calls, referrals, applications, advocacy."),
            new("outcome", "Outcome", "What came of it, and how the participant responded."),
            new("plan", "Next steps", "Who does what next, and by when."),
        ]),
        // What a payer reviewing a 90791 looks for: the reason, the history, a mental status examination, risk, a diagnosis
        // with its reasoning, and what is recommended (the level of care among it).
        new(NoteFormat.DiagnosticEvaluation, "Diagnostic evaluation (90791)", NoteKind.DiagnosticEvaluation,
        [
            new("presenting", "Reason for referral and presenting problem", "Why they came now, in their words where it matters; onset, course and what has been tried."),
            new("history", "History", "Psychiatric, substance use, medical, family and social history; treatment so far."),
            new("mental_status", "Mental status examination", "Appearance, behaviour, speech, mood and affect, thought process and content, cognition, insight and judgement."),
            new("risk", "Risk assessment", "Suicide and violence risk, protective factors, and the screening used (C-SSRS or other)."),
            new("diagnosis", "Diagnostic impression", "DSM-5-TR diagnoses with ICD-10-CM codes, and the reasoning for them."),
            new("recommendations", "Recommendations", "Level of care and why, services recommended, referrals, and what was agreed with the participant."),
        ]),
    ];

    public static NoteFormatDef Get(NoteFormat format) => All.First(f => f.Format == format);

    /// <summary>The format a note of this kind is written in: an individual note's is chosen (DAP unless another is), every other kind has one.</summary>
    public static NoteFormat FormatFor(NoteKind kind, NoteFormat? chosen = null) => kind switch
    {
        NoteKind.MedicationManagement => NoteFormat.MedicationVisit,
        NoteKind.CaseManagement => NoteFormat.CaseManagement,
        NoteKind.Group => NoteFormat.GroupPart,
        NoteKind.DiagnosticEvaluation => NoteFormat.DiagnosticEvaluation,
        _ => chosen is { } f && Get(f).Kind == NoteKind.Individual ? f : NoteFormat.Dap,
    };

    public static IEnumerable<NoteFormatDef> ForKind(NoteKind kind) => All.Where(f => f.Kind == kind);

    public static string KindLabel(NoteKind kind) => kind switch
    {
        NoteKind.Individual => "Individual therapy",
        NoteKind.Group => "Group",
        NoteKind.MedicationManagement => "Medication management",
        NoteKind.DiagnosticEvaluation => "Diagnostic evaluation",
        _ => "Case management",
    };

    /// <summary>The permission to write each kind: therapy by clinicians, medication visits by prescribers, contacts by case managers.</summary>
    public static string WritersOf(NoteKind kind) => kind switch
    {
        NoteKind.Individual or NoteKind.Group or NoteKind.DiagnosticEvaluation => Permissions.WriteTherapyNotes,
        NoteKind.MedicationManagement => Permissions.WriteMedicationNotes,
        _ => Permissions.WriteCaseNotes,
    };

    public static string WhoWrites(NoteKind kind) =>
        $"{KindLabel(kind)} notes are written by {string.Join(" or ", Permissions.RolesOf(WritersOf(kind)).Select(r => Roles.Label(r).ToLowerInvariant() + "s"))}.";

    public static bool MayWrite(CurrentUser user, NoteKind kind) => user.May(WritersOf(kind));

    /// <summary>Required sections of the format left empty; a note cannot be signed until each says something.</summary>
    public static List<NoteSectionDef> Missing(NoteFormat format, IReadOnlyDictionary<string, string> sections) =>
        Get(format).Sections.Where(s => s.Required && (!sections.TryGetValue(s.Key, out var v) || string.IsNullOrWhiteSpace(v))).ToList();

    /// <summary>The note's text for comparisons and search: its sections in order.</summary>
    public static string FullText(NoteFormat format, IReadOnlyDictionary<string, string> sections) =>
        string.Join("\n", Get(format).Sections.Select(s => sections.TryGetValue(s.Key, out var v) ? v : "").Where(v => v.Length > 0));
}
