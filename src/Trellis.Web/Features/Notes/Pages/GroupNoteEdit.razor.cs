using Microsoft.AspNetCore.Components.Forms;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Clinical;
using Trellis.Web.Infrastructure;

namespace Trellis.Web.Features.Notes.Pages;

public partial class GroupNoteEdit
{
    private async Task SubmitAsync(EditContext context)
    {
        if (session is null || Input is null) return;
        var messages = new ValidationMessageStore(context);
        var tracked = await SaveGroupNote.LoadAsync(Db, SessionId, tracking: true);
        if (tracked is not null && tracked.Status != NoteStatus.Draft)
        {
            lockedPost = true;
            error = $"This group note was signed by {tracked.SignedByName} on {tracked.SignedAt:MMM d, yyyy} and is locked; nothing was changed. Your text is below: copy what matters into an addendum on the signed note.";
            return;
        }
        if (!mayWrite) { error = tracked is null ? NoteFormats.WhoWrites(NoteKind.Group) : $"{tracked.AuthorName} is writing this group note; only they can change the draft."; return; }
        if (SaveGroupNote.CannotDocument(session, Db.Now) is { } refused) { error = refused.Detail; return; }
        var input = Input.ToInput();
        var errors = Validation.Validate(Input);
        foreach (var (key, list) in SaveGroupNote.Check(input, attendees).Where(e => !e.Key.StartsWith("parts[") || !e.Key.EndsWith("].sections")))
            errors.Add(new FieldError(key.StartsWith("topic") ? Input : Input, key.StartsWith("topic") ? nameof(GroupNoteForm.Topic) : "", key, list[0]));
        if (!Validation.Report(errors, messages)) { error = "Please correct what is marked below; nothing has been saved yet, and your text is still here. " + string.Join(" ", errors.Where(e => e.Member == "").Select(e => e.Message)); return; }

        var author = await ClinicalStaff.CurrentAsync(Db);
        if (author is null) { error = "Only staff write notes."; return; }
        var expected = tracked?.Version;
        if (expected is not null && expected != Version)
        {
            error = "This group note was saved in another window after you opened it. Nothing was saved here; your text is still below. Reload to see the other version.";
            return;
        }
        tracked = await SaveGroupNote.ApplyAsync(Db, session, tracked, input, attendees, author);
        try
        {
            if (expected is { } v) { if (!await Concurrency.SaveIfUnchangedAsync(Db, tracked, v)) throw new Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException(); }
            else await Db.SaveChangesAsync();
        }
        catch (Microsoft.EntityFrameworkCore.DbUpdateException)
        {
            error = "Someone else saved this group note a moment ago. Nothing was saved here; your text is still below. Reload to see theirs.";
            return;
        }
        Version = tracked.Version;
        note = tracked;
        if (Action != "sign") { Nav.NavigateTo($"/group-sessions/{SessionId}/note?done={Uri.EscapeDataString("Draft saved.")}"); return; }

        var refusal = await GroupNotesApi.SignGroupAsync(Db, session, tracked, attendees, author,
            new SignNoteInput { AcknowledgeSimilarText = Input.AcknowledgeSimilarText, LateEntryReason = Input.LateEntryReason }, default);
        if (refusal is not null)
        {
            var found = refusal.Extensions?.GetValueOrDefault("similar") as List<SimilarText> ?? [];
            similar = found.GroupBy(f => f.ParticipantId).ToDictionary(g => g.Key, g => g.ToList());
            error = "The draft is saved but not signed. " + refusal.Detail;
            foreach (var (key, list) in refusal.Errors ?? new Dictionary<string, string[]>())
                if (key == "lateEntryReason") messages.Add(new FieldIdentifier(Input, nameof(GroupNoteForm.LateEntryReason)), list);
                else if (key == "summary") messages.Add(new FieldIdentifier(Input, nameof(GroupNoteForm.Summary)), list);
                else if (PartSection(tracked, key) is { } section) messages.Add(new FieldIdentifier(section, nameof(SectionText.Text)), list);
            return;
        }
        await Db.SaveChangesAsync();
        Nav.NavigateTo($"/group-sessions/{SessionId}/note?done={Uri.EscapeDataString(tracked.Status == NoteStatus.AwaitingCosignature ? "Signed and locked; it now waits for your supervisor's co-signature." : "Signed and locked. Each attendee's part is in their chart.")}");
    }

    /// <summary>The form field behind an error key such as "parts[2].sections.response" (the index is the signing order, which is the attendees').</summary>
    private SectionText? PartSection(GroupNote tracked, string key)
    {
        if (!key.StartsWith("parts[")) return null;
        var close = key.IndexOf(']');
        if (!int.TryParse(key[6..close], out var index)) return null;
        var order = attendees.Select(a => a.ParticipantId).ToList();
        var parts = tracked.Parts.OrderBy(p => order.IndexOf(p.ParticipantId)).ToList();
        if (index >= parts.Count) return null;
        var sectionKey = key[(key.LastIndexOf('.') + 1)..];
        return Input!.Parts.FirstOrDefault(p => p.ParticipantId == parts[index].ParticipantId)?.Sections.FirstOrDefault(s => s.Key == sectionKey);
    }

    private async Task CosignAsync()
    {
        if (note is null || !MayCosign) return;
        var tracked = (await SaveGroupNote.LoadAsync(Db, SessionId, tracking: true))!;
        var cosigner = await ClinicalStaff.CurrentAsync(Db);
        if (cosigner is null || NoteSigning.Cosign(tracked, cosigner, user.IsInRole(Roles.ProgramDirector), Db.Now) is not null) { error = "This note cannot be co-signed by you."; return; }
        foreach (var part in tracked.Parts) NoteSigning.CopySignature(tracked, part);
        await Db.SaveChangesAsync();
        Nav.NavigateTo($"/group-sessions/{SessionId}/note?done={Uri.EscapeDataString("Co-signed.")}");
    }

    private async Task AddAddendumAsync()
    {
        if (note is null || !mayAddendum || AddendumNoteId is not { } id) return;
        var part = await NoteQueries.GetAsync(Db, id);
        if (part is null || part.GroupNoteId != note.Id) { addendumError = "That part is not in this group note."; return; }
        var (_, refusal) = await Actions.AddAddendum.RunAsync(Db, id, new AddendumInput { Text = AddendumText });
        if (refusal is not null) { addendumError = refusal.Detail; return; }
        Nav.NavigateTo($"/group-sessions/{SessionId}/note?done={Uri.EscapeDataString("Addendum added.")}");
    }
}
