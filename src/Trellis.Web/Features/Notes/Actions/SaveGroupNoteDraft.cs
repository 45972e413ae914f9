using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Clinical;
using Trellis.Web.Features.Staff;

namespace Trellis.Web.Features.Notes.Actions;

/// <summary>
/// Write or change a session's group note while it is a draft: the group's part once, and each
/// attendee's part (structured choices, their sentence, optional detail, goals). The first save starts
/// the note (no version needed); later ones need the version last seen, and only the author may make
/// them. A signed note is refused before anything else. Called by the group note page and
/// PUT /api/group-sessions/{id}/note.
/// </summary>
public static class SaveGroupNoteDraft
{
    public static async Task<Result<SessionNote>> RunAsync(TrellisDbContext db, Guid sessionId, GroupNoteInput input, ETags.Expected expected,
        CancellationToken ct = default)
    {
        if (await GroupNoteQueries.SessionAsync(db, sessionId, ct) is not { } session) return Refusal.NotFound("group session");
        var note = await GroupNoteQueries.LoadAsync(db, sessionId, tracking: true, ct);
        if (note is not null && NoteSigning.Locked(note, "/api/notes/{partId}/addenda") is { } locked) return locked;
        if (!NoteFormats.MayWrite(db.Me, NoteKind.Group)) return Refusal.Forbidden(NoteFormats.WhoWrites(NoteKind.Group));
        if (await ClinicalStaff.CurrentAsync(db, ct) is not { } author) return Refusal.Forbidden("Only staff write notes.");
        if (GroupNoteRules.CannotDocument(session, db.Now) is { } refused) return refused;
        if (note is not null)
        {
            if (note.AuthorStaffId != author.Id) return Refusal.Forbidden($"{note.AuthorName} is writing this group note; only they can change the draft.");
            if (expected.Check(note.Version) is { } stale) return stale;
        }
        var attendees = await GroupNoteQueries.AttendeesAsync(db, sessionId, ct);
        if (GroupNoteRules.Check(input, attendees) is { } invalid) return invalid;

        var version = note?.Version;
        note = await ApplyAsync(db, session, note, input, attendees, author, ct);
        if (version is { } v)
        {
            if (!await Concurrency.SaveIfUnchangedAsync(db, note, v, ct: ct)) return Refusal.Stale(v + 1);
        }
        else
        {
            // Two facilitators starting the same note at once: the unique session index keeps one.
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateException) { return Refusal.Conflict("Someone else started this session's group note a moment ago; load it again."); }
        }
        return new SessionNote(session, note, attendees);
    }

    private static async Task<GroupNote> ApplyAsync(TrellisDbContext db, Scheduling.GroupSession session, GroupNote? note, GroupNoteInput input,
        IReadOnlyList<Attendee> attendees, StaffMember author, CancellationToken ct)
    {
        if (note is null)
        {
            note = new GroupNote
            {
                GroupSessionId = session.Id, ProgramId = session.ProgramId, ServiceDate = session.LocalDate,
                AuthorStaffId = author.Id, AuthorName = ClinicalStaff.SignatureName(author),
            };
            db.Set<GroupNote>().Add(note);
        }
        note.Topic = input.Topic!.Trim();
        note.Summary = input.Summary?.Trim() ?? "";
        foreach (var part in input.Parts)
        {
            var attendee = attendees.First(a => a.ParticipantId == part.ParticipantId);
            var existing = note.Parts.FirstOrDefault(p => p.ParticipantId == attendee.ParticipantId);
            if (existing is null)
            {
                existing = new ClinicalNote
                {
                    ParticipantId = attendee.ParticipantId, Kind = NoteKind.Group, Format = NoteFormat.GroupPart,
                    GroupNoteId = note.Id, AuthorStaffId = note.AuthorStaffId, AuthorName = note.AuthorName,
                };
                note.Parts.Add(existing);
                db.Set<ClinicalNote>().Add(existing);
            }
            existing.ServiceDate = session.LocalDate;
            existing.Minutes = attendee.MinutesAttended > 0 ? attendee.MinutesAttended : session.DurationMinutes;
            existing.ParticipationLevel = part.ParticipationLevel;
            existing.Presentation = part.Presentation;
            existing.InterventionResponse = part.InterventionResponse;
            existing.Sections = part.Sections.Where(s => !string.IsNullOrWhiteSpace(s.Value)).ToDictionary(s => s.Key, s => s.Value!.Trim());
            await SaveNote.LinkGoalsAsync(db, existing, part.GoalIds, ct);
        }
        return note;
    }
}
