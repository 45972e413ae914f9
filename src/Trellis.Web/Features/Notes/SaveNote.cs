using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;
using Trellis.Web.Features.Clinical;
using Trellis.Web.Features.Participants;
using Trellis.Web.Features.Staff;
using Trellis.Web.Features.TreatmentPlans;

namespace Trellis.Web.Features.Notes;

/// <summary>Writing drafts: the checks that need the chart, creating a note, and applying a change to a draft.</summary>
public static class SaveNote
{
    public const int MaxSectionLength = 8000;

    /// <summary>The checks only the chart can answer (the date, the appointment, the plan's goals); null when the draft may be saved.</summary>
    public static async Task<Refusal?> CheckAsync(TrellisDbContext db, Participant participant, NoteInput input,
        DateOnly today, CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string[]>();
        if (input.ServiceDate is { } day && day > today)
            errors["serviceDate"] = [$"The service date {day:MMM d, yyyy} is in the future; a note documents a service that has happened."];
        if (input.ServiceDate is { } d2 && d2 < new DateOnly(2000, 1, 1))
            errors["serviceDate"] = ["That service date is too far in the past."];
        if (input.AppointmentId is { } aid)
        {
            var appointment = await db.Appointments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == aid, ct);
            if (appointment is null || appointment.ParticipantId != participant.Id)
                errors["appointmentId"] = [$"That appointment is not one of {participant.FirstName}'s."];
        }
        var goals = await TreatmentPlanQueries.CurrentGoalsAsync(db, participant.Id, ct);
        if (input.GoalIds.Any(g => goals.All(x => x.Id != g)))
            errors["goalIds"] = [goals.Count == 0
                ? $"{participant.FirstName} has no treatment plan goals yet to link this note to."
                : "Link only goals of the participant's current treatment plan."];
        return errors.Count > 0 ? Refusal.Invalid(errors) : null;
    }

    public static ClinicalNote Create(TrellisDbContext db, Participant participant, NoteInput input, StaffMember author)
    {
        var note = new ClinicalNote
        {
            ParticipantId = participant.Id, Kind = input.Kind!.Value, Format = input.ResolvedFormat,
            AuthorStaffId = author.Id, AuthorName = ClinicalStaff.SignatureName(author),
        };
        db.Set<ClinicalNote>().Add(note);
        return note;
    }

    /// <summary>Copies a draft's fields and goal links. The caller has checked the note is still a draft.</summary>
    public static async Task ApplyAsync(TrellisDbContext db, ClinicalNote note, NoteInput input, CancellationToken ct = default)
    {
        note.Format = input.ResolvedFormat;
        note.ServiceDate = input.ServiceDate!.Value;
        note.Minutes = input.Minutes;
        note.AppointmentId = input.AppointmentId;
        note.Sections = input.Sections.Where(s => !string.IsNullOrWhiteSpace(s.Value))
            .ToDictionary(s => s.Key, s => s.Value!.Trim());
        await LinkGoalsAsync(db, note, input.GoalIds, ct);
    }

    /// <summary>Sets the goals a draft addressed, keeping each goal's words as they read today.</summary>
    public static async Task LinkGoalsAsync(TrellisDbContext db, ClinicalNote note, IReadOnlyCollection<Guid> goalIds, CancellationToken ct = default)
    {
        var goals = await TreatmentPlanQueries.CurrentGoalsAsync(db, note.ParticipantId, ct);
        foreach (var link in note.Goals.Where(l => !goalIds.Contains(l.GoalId)).ToList())
        {
            note.Goals.Remove(link);
            db.Set<NoteGoalLink>().Remove(link);
        }
        foreach (var id in goalIds.Distinct().Where(id => note.Goals.All(l => l.GoalId != id)))
            if (goals.FirstOrDefault(g => g.Id == id) is { } goal)
            {
                // Added to the set as well: found only through the navigation, a link with its key set would be taken for an existing row.
                var link = new NoteGoalLink { NoteId = note.Id, ParticipantId = note.ParticipantId, GoalId = id, GoalText = goal.OwnWords };
                note.Goals.Add(link);
                db.Set<NoteGoalLink>().Add(link);
            }
    }

    /// <summary>A draft is discarded, not erased: hidden from lists, kept with its audit trail.</summary>
    public static void Discard(TrellisDbContext db, ClinicalNote note)
    {
        note.IsDeleted = true;
        note.DeletedAt = db.Now;
        note.DeletedBy = db.Actor.UserName;
    }
}
