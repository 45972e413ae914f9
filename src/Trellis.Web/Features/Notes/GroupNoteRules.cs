using Trellis.Web.Features.Scheduling;

namespace Trellis.Web.Features.Notes;

/// <summary>
/// The group note's rules, pure: when a session can be documented, what a draft may hold, and what
/// signing needs. Every message about a part names the attendee and the field, and is keyed by the
/// part's place in the note as GET lists it ("parts[2].presentation"), so a page can put it beside
/// that field and an API client can find it.
/// </summary>
public static class GroupNoteRules
{
    /// <summary>Why no note can be written for this session yet, or null.</summary>
    public static Refusal? CannotDocument(GroupSession session, DateTimeOffset now)
    {
        if (session.Status == SessionStatus.Cancelled)
            return Refusal.Conflict("Session cancelled", "This session was cancelled; there is nothing to document.");
        if (session.StartsAt > now)
            return Refusal.Conflict("Not yet held",
                $"This session starts {ProgramClock.ShowWithTime(session.StartsAt, session.Program?.TimeZoneId)}; write its note after it has been held.");
        return null;
    }

    /// <summary>A draft's body: its own rules, then that each part is one attendee's, once, with goals from their plan.</summary>
    public static Refusal? Check(GroupNoteInput input, IReadOnlyList<Attendee> attendees)
    {
        var errors = Validation.ToDictionary(Validation.Validate(input));
        var seen = new HashSet<Guid>();
        for (var i = 0; i < input.Parts.Count; i++)
        {
            if (input.Parts[i].ParticipantId is not { } pid) continue;
            var attendee = attendees.FirstOrDefault(a => a.ParticipantId == pid);
            if (attendee is null)
                errors[$"parts[{i}].participantId"] = ["That participant is not marked as attending this session; correct the attendance first."];
            else if (input.Parts[i].GoalIds.Any(g => attendee.Goals.All(x => x.Id != g)))
                errors[$"parts[{i}].goalIds"] = [$"{attendee.Name}: link only goals of their current treatment plan."];
            if (!seen.Add(pid)) errors[$"parts[{i}].participantId"] = ["Each attendee has one part."];
        }
        return errors.Count > 0 ? Refusal.Invalid(errors) : null;
    }

    /// <summary>
    /// Before signing: the group summary, and for every attendee the three choices, a plan goal (when
    /// their plan has any) and their one sentence. A part left for someone no longer marked as
    /// attending must be emptied or the attendance corrected.
    /// </summary>
    public static Refusal? Incomplete(SessionNote sn)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(sn.Note?.Summary))
            errors["summary"] = ["Write the group summary: what the group worked on and the interventions used."];
        for (var i = 0; i < sn.Attendees.Count; i++)
        {
            var a = sn.Attendees[i];
            var part = sn.Note?.Parts.FirstOrDefault(p => p.ParticipantId == a.ParticipantId);
            void Need(string field, string message) => errors[$"parts[{i}].{field}"] = [$"{a.Name}: {message}"];
            if (part?.ParticipationLevel is null) Need("participationLevel", "choose the participation level.");
            if (part?.Presentation is null) Need("presentation", "choose the affect or presentation.");
            if (a.Goals.Count > 0 && (part is null || part.Goals.Count == 0)) Need("goalIds", "tick the treatment plan goal this group addressed.");
            if (part?.InterventionResponse is null) Need("interventionResponse", "choose the response to the intervention.");
            if (string.IsNullOrWhiteSpace(part?.Section("participation")))
                Need("sections.participation", "write the individual part, one sentence on what they said or did in this group.");
        }
        var orphans = sn.Orphans;
        for (var k = 0; k < orphans.Count; k++)
            if (HasContent(orphans[k]))
                errors[$"parts[{sn.Attendees.Count + k}]"] = ["A part is written for someone no longer marked as attending: correct the attendance, or clear their part."];
        return errors.Count > 0 ? Refusal.Invalid(errors) : null;
    }

    /// <summary>Whether a part says anything: an empty part of someone no longer attending is simply dropped at signing.</summary>
    public static bool HasContent(ClinicalNote part) =>
        part.Sections.Count > 0 || part.ParticipationLevel is not null || part.Presentation is not null || part.InterventionResponse is not null;
}
