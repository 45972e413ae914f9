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

/// <summary>The group note page's form: the group's part once, a part per attendee.</summary>
public sealed class GroupNoteForm
{
    [Required(ErrorMessage = "Give the group's topic."), MaxLength(200), Display(Name = "Topic")]
    public string? Topic { get; set; }

    [MaxLength(8000), Display(Name = "Group summary")]
    public string? Summary { get; set; }

    public List<GroupPartForm> Parts { get; set; } = [];

    [MaxLength(1000), Display(Name = "Why this note is late")]
    public string? LateEntryReason { get; set; }

    public bool AcknowledgeSimilarText { get; set; }

    public GroupNoteInput ToInput() => new()
    {
        Topic = Topic, Summary = Summary,
        Parts = Parts.Select(p => new GroupPartInput
        {
            ParticipantId = p.ParticipantId, Sections = NoteFormText.ToDictionary(p.Sections),
            GoalIds = p.Goals.Where(g => g.Picked).Select(g => g.GoalId).ToList(),
        }).ToList(),
    };
}

public sealed class GroupPartForm
{
    public Guid ParticipantId { get; set; }
    public List<SectionText> Sections { get; set; } = [];
    public List<GoalPick> Goals { get; set; } = [];
}
