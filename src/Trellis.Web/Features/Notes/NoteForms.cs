using System.ComponentModel.DataAnnotations;
using Trellis.Web.Features.TreatmentPlans;

namespace Trellis.Web.Features.Notes;

/// <summary>One section of a note as a page form posts it (a list binds more reliably than a dictionary).</summary>
public sealed class SectionText
{
    public string Key { get; set; } = "";
    public string? Text { get; set; }
}

/// <summary>A plan goal offered as a checkbox.</summary>
public sealed class GoalPick
{
    public Guid GoalId { get; set; }
    public bool Picked { get; set; }
}

public static class NoteFormText
{
    public static List<SectionText> Sections(NoteFormat format, IReadOnlyDictionary<string, string>? existing = null) =>
        NoteFormats.Get(format).Sections.Select(s => new SectionText { Key = s.Key, Text = existing?.GetValueOrDefault(s.Key) }).ToList();

    /// <summary>Re-lays the sections for another format, keeping text whose section the new format also has.</summary>
    public static List<SectionText> Relay(NoteFormat format, IEnumerable<SectionText> current) =>
        Sections(format, current.Where(s => s.Text is not null).GroupBy(s => s.Key).ToDictionary(g => g.Key, g => g.First().Text!));

    public static Dictionary<string, string?> ToDictionary(IEnumerable<SectionText> sections) =>
        sections.Where(s => !string.IsNullOrEmpty(s.Key)).GroupBy(s => s.Key).ToDictionary(g => g.Key, g => g.First().Text);

    public static List<GoalPick> Goals(IEnumerable<GoalRef> goals, IEnumerable<Guid> picked) =>
        goals.Select(g => new GoalPick { GoalId = g.Id, Picked = picked.Contains(g.Id) }).ToList();

    public static string Label(NoteFormat format, string key) => NoteFormats.Get(format).Sections.FirstOrDefault(s => s.Key == key)?.Label ?? key;
    public static string Hint(NoteFormat format, string key) => NoteFormats.Get(format).Sections.FirstOrDefault(s => s.Key == key)?.Hint ?? "";
}

/// <summary>
/// The individual note page's form: <see cref="NoteInput"/> laid out for a browser (sections and goal
/// ticks as lists). It carries no rules of its own: the actions validate the input, and
/// <see cref="FieldOf"/> places each message beside the field that shows it.
/// </summary>
public sealed class NoteForm
{
    public NoteFormat? Format { get; set; }
    [Display(Name = "Service date")]
    public DateOnly? ServiceDate { get; set; }
    public int? Minutes { get; set; }
    public Guid? AppointmentId { get; set; }
    public List<SectionText> Sections { get; set; } = [];
    public List<GoalPick> Goals { get; set; } = [];
    [Display(Name = "Why this note is late")]
    public string? LateEntryReason { get; set; }
    public bool AcknowledgeSimilarText { get; set; }

    /// <summary>The form field that shows an input's field ("sections.plan" → "sections[2].text").</summary>
    public string FieldOf(string inputPath)
    {
        if (inputPath.StartsWith("sections.", StringComparison.Ordinal))
        {
            var index = Sections.FindIndex(s => s.Key == inputPath["sections.".Length..]);
            return index < 0 ? "" : $"sections[{index}].text";
        }
        return inputPath switch { "goalIds" => "goals", "kind" => "format", _ => inputPath };
    }

    public NoteInput ToInput(NoteKind kind) => new()
    {
        Kind = kind, Format = kind == NoteKind.Individual ? Format : null, ServiceDate = ServiceDate, Minutes = Minutes, AppointmentId = AppointmentId,
        Sections = NoteFormText.ToDictionary(Sections), GoalIds = Goals.Where(g => g.Picked).Select(g => g.GoalId).ToList(),
    };
}

/// <summary>
/// The group note page's form: <see cref="GroupNoteInput"/> laid out for a browser, the group's part
/// once and a part per attendee (in the attendees' order, as the note lists them). No rules of its own:
/// the actions validate, <see cref="FieldOf"/> places each message beside its field and
/// <see cref="AnchorOf"/> names the element the error summary links to.
/// </summary>
public sealed class GroupNoteForm
{
    public string? Topic { get; set; }
    public string? Summary { get; set; }
    public List<GroupPartForm> Parts { get; set; } = [];
    [Display(Name = "Why this note is late")]
    public string? LateEntryReason { get; set; }
    public bool AcknowledgeSimilarText { get; set; }

    public GroupNoteInput ToInput() => new()
    {
        Topic = Topic, Summary = Summary,
        Parts = Parts.Select(p => new GroupPartInput
        {
            ParticipantId = p.ParticipantId, ParticipationLevel = p.ParticipationLevel, Presentation = p.Presentation,
            InterventionResponse = p.InterventionResponse, Sections = NoteFormText.ToDictionary(p.Sections),
            GoalIds = p.Goals.Where(g => g.Picked).Select(g => g.GoalId).ToList(),
        }).ToList(),
    };

    /// <summary>The form field behind an input path: "parts[2].sections.plan" → "parts[2].sections[3].text", "parts[2].goalIds" → "parts[2].goals".</summary>
    public string FieldOf(string inputPath)
    {
        if (Part(inputPath) is not { } part) return inputPath;
        var (index, rest) = part;
        if (rest.StartsWith("sections.", StringComparison.Ordinal))
        {
            var key = rest["sections.".Length..];
            var s = index < Parts.Count ? Parts[index].Sections.FindIndex(x => x.Key == key) : -1;
            return s < 0 ? "" : $"parts[{index}].sections[{s}].text";
        }
        return rest switch { "goalIds" => $"parts[{index}].goals", "participantId" or "" => $"parts[{index}]", _ => inputPath };
    }

    /// <summary>The id of the element that shows an input path's field, for the links of the error summary.</summary>
    public static string AnchorOf(string inputPath)
    {
        if (Part(inputPath) is not { } part)
            return inputPath switch { "lateEntryReason" => "late", "topic" or "summary" => inputPath, _ => "group-note" };
        var (index, rest) = part;
        return rest switch
        {
            "participationLevel" => PartId(index, "level"),
            "presentation" => PartId(index, "presentation"),
            "interventionResponse" => PartId(index, "intervention"),
            "goalIds" => PartId(index, "goals"),
            _ when rest.StartsWith("sections.", StringComparison.Ordinal) => PartId(index, rest["sections.".Length..]),
            _ => PartId(index, null),
        };
    }

    /// <summary>"p2-level": the ids the part's fields carry, shared by the form and <see cref="AnchorOf"/>.</summary>
    public static string PartId(int index, string? field) => field is null ? $"p{index}" : $"p{index}-{field}";

    private static (int Index, string Field)? Part(string path)
    {
        if (!path.StartsWith("parts[", StringComparison.Ordinal)) return null;
        var close = path.IndexOf(']');
        if (close < 0 || !int.TryParse(path.AsSpan(6, close - 6), out var index)) return null;
        return (index, path.Length > close + 2 ? path[(close + 2)..] : "");
    }
}

/// <summary>One attendee's part as the page posts it.</summary>
public sealed class GroupPartForm
{
    public Guid ParticipantId { get; set; }
    public ParticipationLevel? ParticipationLevel { get; set; }
    public Presentation? Presentation { get; set; }
    public InterventionResponse? InterventionResponse { get; set; }
    public List<SectionText> Sections { get; set; } = [];
    public List<GoalPick> Goals { get; set; } = [];
}
