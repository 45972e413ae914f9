using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Notes.Actions;

namespace Trellis.Web.Features.Notes.Pages;

/// <summary>
/// The group note page: a thin adapter over SaveGroupNoteDraft, SignGroupNote, CosignGroupNote and
/// AddAddendum. A refusal puts each message beside its field and lists them all, linked, at the top.
/// </summary>
public partial class GroupNoteEdit
{
    [Parameter] public Guid SessionId { get; set; }
    [SupplyParameterFromForm(FormName = "group-note")] private GroupNoteForm? Input { get; set; }
    [SupplyParameterFromForm(FormName = "group-note", Name = "Action")] private string? Action { get; set; }
    [SupplyParameterFromForm(FormName = "group-note", Name = "Version")] private long? Version { get; set; }
    /// <summary>The version the co-signer read: a co-signature vouches for the note as read.</summary>
    [SupplyParameterFromForm(FormName = "cosign", Name = "Version")] private long? CosignVersion { get; set; }
    [SupplyParameterFromForm(Name = "AddendumText")] private string? AddendumText { get; set; }
    [SupplyParameterFromForm(Name = "AddendumNoteId")] private Guid? AddendumNoteId { get; set; }
    private SessionNote? sn;
    private Dictionary<Guid, List<SimilarText>> similar = [];
    private List<(string Anchor, string Message)> summary = [];
    private bool mayWrite, mayAddendum, late, lockedPost;
    private string? error, addendumError, blocked, summaryTitle;

    private bool ShowEditor => Input is not null && (sn?.Note is null || sn.Note.Status == NoteStatus.Draft || lockedPost) && blocked is null;
    private bool MayCosign => sn?.Note is { Status: NoteStatus.AwaitingCosignature } note && Me.StaffId is { } me && me != note.AuthorStaffId
        && (me == note.CosignerStaffId || Me.IsInRole(Roles.ProgramDirector));

    protected override async Task LoadAsync()
    {
        sn = await GroupNoteQueries.FindAsync(Db, SessionId);
        if (sn is null) return;
        var note = sn.Note;
        mayWrite = NoteFormats.MayWrite(Me, NoteKind.Group) && (note is null || note.AuthorStaffId == Me.StaffId);
        mayAddendum = Me.May(Permissions.WriteNotes);
        if (note is not null && Input is null)
            await Db.AuditReadAsync(nameof(ClinicalNote), note.Parts.Select(p => ((object)p.Id, (Guid?)p.ParticipantId)), "group note");
        if (note is null && GroupNoteRules.CannotDocument(sn.Session, Db.Now) is { } refusal) { blocked = refusal.Detail; return; }
        if (note is null && !mayWrite) { blocked = "No group note has been written for this session yet."; return; }
        if (Input is null && (note is null || note.Status == NoteStatus.Draft)) Input = NewForm();
        if (Input is not null) Align(Input);
        Version ??= note?.Version;
        late = NoteSigning.IsLate(sn.Session.LocalDate, ProgramClock.Today(Db.Now, sn.Session.Program?.TimeZoneId));
    }

    private GroupNoteForm NewForm() => new()
    {
        Topic = sn!.Note?.Topic ?? sn.Session.Title,
        Summary = sn.Note?.Summary,
        Parts = sn.Attendees.Select(a => PartForm(a.ParticipantId, sn.Note?.Parts.FirstOrDefault(p => p.ParticipantId == a.ParticipantId), a.Goals))
            .Concat(sn.Orphans.Select(o => PartForm(o.ParticipantId, o, []))).ToList(),
    };

    private static GroupPartForm PartForm(Guid participantId, ClinicalNote? part, IEnumerable<TreatmentPlans.GoalRef> goals) => new()
    {
        ParticipantId = participantId, ParticipationLevel = part?.ParticipationLevel, Presentation = part?.Presentation,
        InterventionResponse = part?.InterventionResponse, Sections = NoteFormText.Sections(NoteFormat.GroupPart, part?.Sections),
        Goals = NoteFormText.Goals(goals, part?.Goals.Select(g => g.GoalId) ?? []),
    };

    /// <summary>Keeps a part for every attendee, in their order, with the format's sections and the goals on offer current.</summary>
    private void Align(GroupNoteForm form)
    {
        FormModels.EnsureLists(form);
        foreach (var a in sn!.Attendees.Where(a => form.Parts.All(p => p.ParticipantId != a.ParticipantId)))
            form.Parts.Add(PartForm(a.ParticipantId, null, a.Goals));
        foreach (var p in form.Parts)
        {
            p.Sections = NoteFormText.Relay(NoteFormat.GroupPart, p.Sections);
            p.Goals = NoteFormText.Goals(sn.AttendeeOf(p.ParticipantId)?.Goals ?? [], p.Goals.Where(g => g.Picked).Select(g => g.GoalId));
        }
        var order = sn.Attendees.Select(a => a.ParticipantId).ToList();
        form.Parts = form.Parts.OrderBy(p => order.IndexOf(p.ParticipantId) is var i && i < 0 ? int.MaxValue : i).ToList();
    }

    private async Task SubmitAsync(EditContext context)
    {
        if (sn is null || Input is null) return;
        var saved = await SaveGroupNoteDraft.RunAsync(Db, SessionId, Input.ToInput(), ETags.Expected.Of(Version));
        if (saved.Refusal is { } refused) { ShowRefusal(context, refused, null); return; }
        sn = saved.Value!;
        Version = sn.Note!.Version;
        if (Action != "sign") { Done("Draft saved."); return; }

        var signed = await SignGroupNote.RunAsync(Db, SessionId, new SignNoteInput { AcknowledgeSimilarText = Input.AcknowledgeSimilarText, LateEntryReason = Input.LateEntryReason }, ETags.Expected.Of(sn.Note!.Version));
        if (signed.Refusal is { } notSigned)
        {
            var found = notSigned.Extensions?.GetValueOrDefault("similar") as List<SimilarText> ?? [];
            similar = found.GroupBy(f => f.ParticipantId).ToDictionary(g => g.Key, g => g.ToList());
            ShowRefusal(context, notSigned, "The draft is saved but not signed. ");
            return;
        }
        Done(sn.Note.Status == NoteStatus.AwaitingCosignature
            ? "Signed and locked; it now waits for your supervisor's co-signature."
            : "Signed and locked. Each attendee's part is in their chart.");
    }

    /// <summary>A refused save or signature: each message beside its field, all of them linked at the top, and a note signed meanwhile shown read-only.</summary>
    private void ShowRefusal(EditContext context, Refusal refused, string? lead)
    {
        if (refused.Status == 409 && refused.Extensions?.ContainsKey("addenda") == true)
        {
            lockedPost = true;
            error = $"This group note was signed by {sn!.Note?.SignedByName} on {sn.Note?.SignedAt:MMM d, yyyy} and is locked; nothing was changed. " +
                "Your text is below: copy what matters into an addendum on the signed note.";
            return;
        }
        if (refused.Status is 412 or 428)
        {
            error = "This group note was saved in another window after you opened it. Nothing was saved here; your text is still below. Reload to see the other version.";
            return;
        }
        var sentence = FormErrors.Show(context, refused, Input!.FieldOf);
        summary = (refused.Errors ?? new Dictionary<string, string[]>())
            .SelectMany(e => e.Value.Select(m => (GroupNoteForm.AnchorOf(e.Key), m))).ToList();
        summaryTitle = summary.Count == 1 ? "One thing to finish" : $"{summary.Count} things to finish";
        error = !refused.IsValidation ? (lead ?? "") + refused.Detail
            : lead is null ? sentence : $"{lead}{summaryTitle} before signing: they are listed here and marked at each field.";
    }

    private void Done(string message)
    {
        Status.Set(message);
        Nav.NavigateTo($"/group-sessions/{SessionId}/note");
    }

    private async Task CosignAsync()
    {
        if (!MayCosign) return;
        var (_, refused) = await CosignGroupNote.RunAsync(Db, SessionId, ETags.Expected.Of(CosignVersion));
        if (refused is not null) { error = refused.Status == 412 ? NoteSigning.StaleCosign : refused.Detail; return; }
        Done("Co-signed.");
    }

    private async Task AddAddendumAsync()
    {
        if (sn?.Note is not { } note || !mayAddendum || AddendumNoteId is not { } id) return;
        // The form names the part; it must be one of this page's parts.
        if (note.Parts.All(p => p.Id != id)) { addendumError = "That part is not in this group note."; return; }
        var (_, refused) = await AddAddendum.RunAsync(Db, id, new AddendumInput { Text = AddendumText });
        if (refused is not null) { addendumError = refused.Detail; return; }
        Done("Addendum added.");
    }
}
