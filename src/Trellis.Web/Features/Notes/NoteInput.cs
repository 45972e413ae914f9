using System.ComponentModel.DataAnnotations;

namespace Trellis.Web.Features.Notes;

/// <summary>Body of POST /api/participants/{id}/notes and PUT /api/notes/{id} (drafts only).</summary>
[AcceptsRepresentation(typeof(NoteDto))]
public sealed class NoteInput : IValidatableObject
{
    /// <summary>individual, medication_management or case_management (group parts are written on the group note).</summary>
    [Required(ErrorMessage = "Choose the kind of note: individual, medication_management or case_management.")]
    public NoteKind? Kind { get; set; }

    /// <summary>For individual notes: dap, birp or soap. The other kinds have one format each.</summary>
    public NoteFormat? Format { get; set; }

    [Required(ErrorMessage = "Enter the date of the service the note documents."), Display(Name = "Service date")]
    public DateOnly? ServiceDate { get; set; }

    [Range(1, 480, ErrorMessage = "Minutes are between 1 and 480.")]
    public int? Minutes { get; set; }

    /// <summary>The appointment this note documents, if any.</summary>
    public Guid? AppointmentId { get; set; }

    /// <summary>Section key → text, e.g. {"data": "…", "assessment": "…", "plan": "…"}.</summary>
    public Dictionary<string, string?> Sections { get; set; } = [];

    /// <summary>Treatment plan goals the session addressed.</summary>
    [MaxLength(30)]
    public List<Guid> GoalIds { get; set; } = [];

    /// <summary>The format the kind implies, or the one chosen for an individual note (DAP by default).</summary>
    public NoteFormat ResolvedFormat => Kind is { } k && k != NoteKind.Individual ? NoteFormats.FormatFor(k) : Format ?? NoteFormat.Dap;

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (Kind == NoteKind.Group)
            yield return new("A participant's part of a group note is written on the group note: PUT /api/group-sessions/{sessionId}/note.", [nameof(Kind)]);
        if (Kind is { } k && Format is { } f && NoteFormats.Get(f).Kind != k)
            yield return new($"{NoteFormats.Get(f).Name} is not a format for {NoteFormats.KindLabel(k).ToLowerInvariant()} notes; use {string.Join(", ", NoteFormats.ForKind(k).Select(x => Infrastructure.EnumText.ToApi(x.Format)))}.", [nameof(Format)]);
        if (Kind is null) yield break;
        var keys = NoteFormats.Get(ResolvedFormat).Sections.Select(s => s.Key).ToHashSet();
        foreach (var (key, text) in Sections)
        {
            if (!keys.Contains(key))
                yield return new($"'{key}' is not a section of this note; its sections are {string.Join(", ", keys)}.", [$"{nameof(Sections)}.{key}"]);
            else if (text is { Length: > SaveNote.MaxSectionLength })
                yield return new($"A section holds at most {SaveNote.MaxSectionLength} characters; this one has {text.Length}.", [$"{nameof(Sections)}.{key}"]);
        }
    }
}

/// <summary>Body of POST /api/notes/{id}/sign and of the group note's sign.</summary>
public sealed class SignNoteInput
{
    /// <summary>Confirms the text was written for this participant although it resembles another note (see the cloned-text warning).</summary>
    public bool AcknowledgeSimilarText { get; set; }

    /// <summary>Required when signing more than three days after the service.</summary>
    [MaxLength(1000)]
    public string? LateEntryReason { get; set; }
}

public sealed class AddendumInput
{
    [Required(ErrorMessage = "Write the addendum: what is corrected or added, and why."), MaxLength(Actions.AddAddendum.MaxLength, ErrorMessage = "An addendum is at most 4000 characters."), Display(Name = "Addendum")]
    public string? Text { get; set; }
}
