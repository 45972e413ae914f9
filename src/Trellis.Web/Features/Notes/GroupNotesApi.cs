using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Clinical;
using Trellis.Web.Infrastructure;

namespace Trellis.Web.Features.Notes;

public sealed record GroupPartDto(Guid? NoteId, Guid ParticipantId, string ParticipantName, bool Attending, IReadOnlyDictionary<string, string> Sections,
    IReadOnlyList<NoteGoalDto> Goals, IReadOnlyList<NoteGoalDto> AvailableGoals, string? SimilarityWarning, IReadOnlyList<AddendumDto> Addenda);

/// <param name="Exists">False until the first save: the answer is then a blank note with a part for each attendee.</param>
public sealed record GroupNoteDto(bool Exists, Guid? Id, Guid GroupSessionId, string SessionTitle, DateOnly ServiceDate, string Topic, string Summary,
    string Status, string? Author, NoteSignatureDto Signature, IReadOnlyList<GroupPartDto> Parts, long Version);

public static class GroupNotesApi
{
    public static RouteGroupBuilder MapGroupNotesApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/group-sessions/{id:guid}/note").WithTags("Notes");
        g.MapGet("/", Get).RequireAuthorization(Permissions.ReadClinical)
            .WithSummary("The session's group note: the group's part and an individual part per attendee (blank with exists=false before the first save).");
        g.MapPut("/", Put).RequireAuthorization(Permissions.WriteNotes)
            .WithSummary("Save the group note draft: topic, summary and each attendee's part. If-Match once it exists. 409 once signed.");
        g.MapPost("/sign", Sign).RequireAuthorization(Permissions.WriteNotes)
            .WithSummary("Sign the group note and every part. 409 while a part nearly repeats another attendee's or the participant's earlier notes, until acknowledged.");
        g.MapPost("/cosign", Cosign).RequireAuthorization(Permissions.WriteNotes)
            .WithSummary("Co-sign a supervised author's group note and its parts.");
        return api;
    }

    public static async Task<Results<Ok<GroupNoteDto>, ProblemHttpResult>> Get(Guid id, TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        if (await SaveGroupNote.SessionAsync(db, id, ct) is not { } session) return Problems.NotFound("group session");
        var attendees = await SaveGroupNote.AttendeesAsync(db, id, ct);
        var note = await SaveGroupNote.LoadAsync(db, id, ct: ct);
        if (note is not null)
        {
            await db.AuditReadAsync(nameof(ClinicalNote), note.Parts.Select(p => ((object)p.Id, (Guid?)p.ParticipantId)), "group note", ct);
            ETags.Set(http, note.Version);
        }
        return TypedResults.Ok(ToDto(session, note, attendees));
    }

    public static async Task<Results<Ok<GroupNoteDto>, ProblemHttpResult, ValidationProblem>> Put(
        Guid id, GroupNoteInput input, TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        if (await SaveGroupNote.SessionAsync(db, id, ct) is not { } session) return Problems.NotFound("group session");
        var note = await SaveGroupNote.LoadAsync(db, id, tracking: true, ct);
        if (note is not null && NoteSigning.Locked(note, "/api/notes/{partId}/addenda") is { } locked) return locked.ToProblem();
        if (!NoteFormats.MayWrite(db.Me, NoteKind.Group)) return Problems.Forbidden(NoteFormats.WhoWrites(NoteKind.Group));
        if (await ClinicalStaff.CurrentAsync(db, ct) is not { } author) return Problems.Forbidden("Only staff write notes.");
        if (SaveGroupNote.CannotDocument(session, db.Now) is { } refused) return refused.ToProblem();
        if (note is not null)
        {
            if (note.AuthorStaffId != author.Id) return Problems.Forbidden($"{note.AuthorName} is writing this group note; only they can change the draft.");
            if (ETags.RequireIfMatch(http, out var version) is { } problem) return problem;
            if (version != note.Version) return Problems.Stale(note.Version);
        }
        var attendees = await SaveGroupNote.AttendeesAsync(db, id, ct);
        var errors = SaveGroupNote.Check(input, attendees);
        if (errors.Count > 0) return Problems.Invalid(errors);
        var expected = note?.Version;
        note = await SaveGroupNote.ApplyAsync(db, session, note, input, attendees, author, ct);
        if (expected is { } v)
        {
            if (!await Concurrency.SaveIfUnchangedAsync(db, note, v, ct: ct)) return Problems.Stale(v + 1);
        }
        else
        {
            // Two facilitators starting the same note at once: the unique session index keeps one.
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateException) { return Problems.Conflict("Someone else started this session's group note a moment ago; load it again."); }
        }
        ETags.Set(http, note.Version);
        return TypedResults.Ok(ToDto(session, note, attendees));
    }

    public static async Task<Results<Ok<GroupNoteDto>, ProblemHttpResult, ValidationProblem>> Sign(
        Guid id, SignNoteInput? input, TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        if (await SaveGroupNote.SessionAsync(db, id, ct) is not { } session) return Problems.NotFound("group session");
        if (await SaveGroupNote.LoadAsync(db, id, tracking: true, ct) is not { } note)
            return TypedResults.Problem(title: "No note yet", detail: "Write the group note (PUT) before signing it.", statusCode: 404);
        if (NoteSigning.Locked(note, "/api/notes/{partId}/addenda") is { } locked) return locked.ToProblem();
        if (await ClinicalStaff.CurrentAsync(db, ct) is not { } signer) return Problems.Forbidden("Only staff sign notes.");
        var attendees = await SaveGroupNote.AttendeesAsync(db, id, ct);
        var refusal = await SignGroupAsync(db, session, note, attendees, signer, input ?? new(), ct);
        if (refusal is not null) return refusal.ToProblem();
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { return Problems.Conflict("The note changed while you were signing it; load it again."); }
        ETags.Set(http, note.Version);
        return TypedResults.Ok(ToDto(session, note, attendees));
    }

    /// <summary>The whole signing of a group note, shared with the page.</summary>
    public static async Task<Refusal?> SignGroupAsync(TrellisDbContext db, Scheduling.GroupSession session, GroupNote note,
        IReadOnlyList<Attendee> attendees, Staff.StaffMember signer, SignNoteInput input, CancellationToken ct)
    {
        if (note.AuthorStaffId != signer.Id)
            return Refusal.Forbidden($"Only the author, {note.AuthorName}, can sign this note: a signature attests who wrote it.");
        if (SaveGroupNote.CheckParts(db, note, attendees) is { } incomplete) return incomplete;
        var order = attendees.Select(a => a.ParticipantId).ToList();
        var parts = note.Parts.OrderBy(p => order.IndexOf(p.ParticipantId)).ToList();
        return await SignNotes.SignAsync(db, note, parts, signer, input, ProgramClock.Today(db.Now, session.Program?.TimeZoneId), ct);
    }

    public static async Task<Results<Ok<GroupNoteDto>, ProblemHttpResult>> Cosign(Guid id, TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        if (await SaveGroupNote.SessionAsync(db, id, ct) is not { } session) return Problems.NotFound("group session");
        if (await SaveGroupNote.LoadAsync(db, id, tracking: true, ct) is not { } note) return Problems.NotFound("group note");
        if (await ClinicalStaff.CurrentAsync(db, ct) is not { } cosigner) return Problems.Forbidden("Only staff co-sign notes.");
        if (NoteSigning.Cosign(note, cosigner, http.User.IsInRole(Roles.ProgramDirector), db.Now) is { } refusal) return refusal.ToProblem();
        foreach (var part in note.Parts) NoteSigning.CopySignature(note, part);
        await db.SaveChangesAsync(ct);
        ETags.Set(http, note.Version);
        return TypedResults.Ok(ToDto(session, note, await SaveGroupNote.AttendeesAsync(db, id, ct)));
    }

    public static GroupNoteDto ToDto(Scheduling.GroupSession session, GroupNote? note, IReadOnlyList<Attendee> attendees)
    {
        var parts = attendees.Select(a =>
        {
            var p = note?.Parts.FirstOrDefault(x => x.ParticipantId == a.ParticipantId);
            return new GroupPartDto(p?.Id, a.ParticipantId, a.Name, true, p?.Sections ?? [],
                p?.Goals.Select(g => new NoteGoalDto(g.GoalId, g.GoalText)).ToList() ?? [],
                a.Goals.Select(g => new NoteGoalDto(g.Id, g.OwnWords)).ToList(), p?.SimilarityWarning,
                p?.Addenda.OrderBy(x => x.SignedAt).Select(x => new AddendumDto(x.Id, x.Text, x.AuthorName, x.SignedAt)).ToList() ?? []);
        }).ToList();
        // Parts of people no longer marked as attending stay visible until dealt with.
        foreach (var p in note?.Parts.Where(p => attendees.All(a => a.ParticipantId != p.ParticipantId)) ?? [])
            parts.Add(new GroupPartDto(p.Id, p.ParticipantId, "(no longer marked as attending)", false, p.Sections,
                p.Goals.Select(g => new NoteGoalDto(g.GoalId, g.GoalText)).ToList(), [], p.SimilarityWarning, []));
        return new GroupNoteDto(note is not null, note?.Id, session.Id, session.Title, session.LocalDate, note?.Topic ?? session.Title, note?.Summary ?? "",
            EnumText.ToApi(note?.Status ?? NoteStatus.Draft), note?.AuthorName,
            new NoteSignatureDto(note?.SignedByName, note?.SignedAt, note?.IsLateEntry ?? false, note?.LateEntryReason, note?.CosignRequired ?? false,
                note?.CosignedByName, note?.CosignedAt, null),
            parts, note?.Version ?? 0);
    }
}
