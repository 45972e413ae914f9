using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Notes;
using Trellis.Web.Features.Scheduling;
using Trellis.Web.Features.Staff;
using Trellis.Web.Features.TreatmentPlans;

namespace Trellis.Web.Features.Clinical.Demo;

/// <summary>
/// Group notes for the last two weeks of sessions held in scheduling's demo data: older ones signed, a supervised
/// counsellor's waiting for co-signature, yesterday's some still drafts, today's not yet written, one
/// late entry and one addendum. Every individual part is written for its person, never cloned.
/// </summary>
public static class DemoGroupNotes
{
    private const int Days = 14;

    public static async Task SeedAsync(DemoWriter w, CancellationToken ct)
    {
        var sessions = await w.Db.GroupSessions.Include(s => s.Facilitators)
            .Where(s => s.StartsAt < w.Now && s.Status == SessionStatus.Scheduled && s.LocalDate >= w.Today.AddDays(-Days))
            .OrderBy(s => s.StartsAt).ToListAsync(ct);
        var documented = await w.Db.Set<GroupNote>().Select(g => g.GroupSessionId).ToListAsync(ct);
        var attended = await w.Db.Attendance.Where(a => a.GroupSessionId != null && AttendanceRecord.AttendedStatuses.Contains(a.Status))
            .Select(a => new { a.GroupSessionId, a.ParticipantId, a.MinutesAttended }).ToListAsync(ct);
        var people = w.Demo.Participants.ToDictionary(p => p.Id);
        var lateDone = false;
        // The most recent day before today keeps one draft per program: a facilitator still finishing it.
        var lastDay = sessions.Where(x => x.LocalDate < w.Today).Select(x => x.LocalDate).DefaultIfEmpty().Max();
        var drafted = new HashSet<Guid>();
        var addendumDone = false;
        foreach (var session in sessions.Where(s => !documented.Contains(s.Id)))
        {
            var attendees = attended.Where(a => a.GroupSessionId == session.Id && people.ContainsKey(a.ParticipantId)).ToList();
            if (attendees.Count == 0) continue;
            var age = w.Today.DayNumber - session.LocalDate.DayNumber;
            if (age == 0) continue; // today's groups are still to be written
            var author = session.Facilitators.Select(f => w.Demo.Staff.FirstOrDefault(s => s.Id == f.StaffMemberId)).FirstOrDefault(s => s is not null)
                ?? w.Demo.StaffOf(w.ProgramOf(people[attendees[0].ParticipantId]), Auth.Roles.Clinician).First();
            var draft = session.LocalDate == lastDay && drafted.Add(session.ProgramId);
            var note = new GroupNote
            {
                GroupSessionId = session.Id, ProgramId = session.ProgramId, ServiceDate = session.LocalDate, Topic = session.Title,
                Summary = w.F.PickRandom(DemoText.GroupSummaries).Replace("{T}", session.Title.ToLowerInvariant()),
                AuthorStaffId = author.Id, AuthorName = author.DisplayName,
            };
            var offsets = Enumerable.Range(0, 5).Select(_ => w.F.Random.Int(0, 100)).ToArray();
            offsets[2] = offsets[1] + 1 + w.F.Random.Int(0, 5); // the two response sentences differ
            var next = session.LocalDate.AddDays(session.LocalDate.DayOfWeek == DayOfWeek.Friday ? 3 : 2).ToString("dddd");
            for (var i = 0; i < attendees.Count; i++)
            {
                var p = people[attendees[i].ParticipantId];
                var goal = w.Plans.TryGetValue(p.Id, out var plan) ? plan.Goals.First() : null;
                var (level, presentation, response) = DemoText.GroupChoices(i, offsets);
                var part = new ClinicalNote
                {
                    ParticipantId = p.Id, Kind = NoteKind.Group, Format = NoteFormat.GroupPart, ServiceDate = session.LocalDate,
                    ParticipationLevel = level, Presentation = presentation, InterventionResponse = response,
                    Minutes = attendees[i].MinutesAttended, GroupNoteId = note.Id, AuthorStaffId = author.Id, AuthorName = author.DisplayName,
                    Sections = DemoText.GroupPart(w, p.FirstName, goal?.OwnWords, i, offsets, next),
                };
                if (goal is not null) part.Goals.Add(new NoteGoalLink { NoteId = part.Id, ParticipantId = p.Id, GoalId = goal.Id, GoalText = goal.OwnWords ?? "" });
                note.Parts.Add(part);
            }
            w.Db.Set<GroupNote>().Add(note);
            if (draft) continue;
            // Written as drafts first and signed after, as in the app: the goal links of a signed note are locked.
            var late = !lateDone && age >= 6;
            lateDone |= late;
            var withAddendum = !addendumDone && age >= 3;
            addendumDone |= withAddendum;
            w.Later.Add(() =>
            {
                Sign(w, note, author, session.LocalDate.AddDays(late ? 5 : 0), late ? "Facilitator was out sick; written from session notes on return." : null, age);
                foreach (var part in note.Parts) NoteSigning.CopySignature(note, part);
                if (!withAddendum) return;
                var first = note.Parts[0];
                w.Db.Set<NoteAddendum>().Add(new NoteAddendum
                {
                    NoteId = first.Id, ParticipantId = first.ParticipantId, AuthorStaffId = author.Id, AuthorName = author.DisplayName,
                    SignedAt = w.At(session.LocalDate.AddDays(1), 9),
                    Text = $"Correction: {people[first.ParticipantId].FirstName} arrived ten minutes late, not on time as written above. The rest of the note stands.",
                });
            });
        }
        await w.Db.SaveChangesAsync(ct);
        w.SignLater();
        await w.Db.SaveChangesAsync(ct);
    }

    /// <summary>Signs as the author on the day; a supervised author's recent notes still wait for the co-signature.</summary>
    public static void Sign(DemoWriter w, ISignedRecord r, StaffMember author, DateOnly on, string? lateReason, int age)
    {
        r.SignedAt = w.At(on, 14, 30);
        r.SignedByStaffId = author.Id;
        r.SignedByName = author.DisplayName;
        r.IsLateEntry = lateReason is not null;
        r.LateEntryReason = lateReason;
        r.Status = NoteStatus.Locked;
        if (author.RequiresSupervision && author.SupervisorId is { } sid)
        {
            r.CosignRequired = true;
            r.CosignerStaffId = sid;
            if (age <= 4) r.Status = NoteStatus.AwaitingCosignature;
            else
            {
                var supervisor = w.StaffById(sid);
                r.CosignedAt = w.At(on.AddDays(2), 9);
                r.CosignedByStaffId = sid;
                r.CosignedByName = supervisor.DisplayName;
            }
        }
    }
}
