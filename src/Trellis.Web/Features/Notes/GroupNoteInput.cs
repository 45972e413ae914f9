using System.ComponentModel.DataAnnotations;

namespace Trellis.Web.Features.Notes;

/// <summary>Body of PUT /api/group-sessions/{id}/note: the group's part once, and an individual part per attendee.</summary>
public sealed class GroupNoteInput
{
    [Required(ErrorMessage = "Give the group's topic."), MaxLength(200), Display(Name = "Topic")]
    public string? Topic { get; set; }

    /// <summary>What the group worked on and the interventions used: written once, shown in every attendee's chart.</summary>
    [MaxLength(8000), Display(Name = "Group summary")]
    public string? Summary { get; set; }

    [MaxLength(40)]
    public List<GroupPartInput> Parts { get; set; } = [];
}

/// <summary>
/// One attendee's part. A draft may leave anything out; signing needs the three choices, a plan goal
/// addressed (when their plan has goals) and the one sentence in sections.participation.
/// </summary>
public sealed class GroupPartInput : IValidatableObject
{
    [Required(ErrorMessage = "Say whose part this is (participantId).")]
    public Guid? ParticipantId { get; set; }

    /// <summary>active, responsive, minimal, withdrawn or disruptive.</summary>
    public ParticipationLevel? ParticipationLevel { get; set; }

    /// <summary>Affect or presentation: euthymic, anxious, depressed, irritable, flat, labile, elevated or guarded.</summary>
    public Presentation? Presentation { get; set; }

    /// <summary>Response to the intervention: applied, receptive, ambivalent, resistant or not_assessed.</summary>
    public InterventionResponse? InterventionResponse { get; set; }

    /// <summary>participation (the required sentence: what they said or did); response, progress and plan are optional detail.</summary>
    public Dictionary<string, string?> Sections { get; set; } = [];

    /// <summary>The treatment plan goals the session addressed for this person.</summary>
    [MaxLength(30)]
    public List<Guid> GoalIds { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        var keys = NoteFormats.Get(NoteFormat.GroupPart).Sections.Select(s => s.Key).ToHashSet();
        foreach (var (key, text) in Sections)
        {
            if (!keys.Contains(key))
                yield return new($"'{key}' is not a section of a group part; its sections are {string.Join(", ", keys)}.", [$"{nameof(Sections)}.{key}"]);
            else if (text is { Length: > SaveNote.MaxSectionLength })
                yield return new($"A section holds at most {SaveNote.MaxSectionLength} characters.", [$"{nameof(Sections)}.{key}"]);
        }
    }
}
