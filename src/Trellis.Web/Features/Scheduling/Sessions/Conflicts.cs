using Trellis.Web.Features.Participants;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;

namespace Trellis.Web.Features.Scheduling;

public enum ConflictKind { Staff, Room, Participant }

/// <summary>A clash with another event, with the sentence that names it.</summary>
public sealed record ScheduleConflict(ConflictKind Kind, string Message, string EventType, Guid EventId);

/// <summary>An event being booked or changed, as conflict detection sees it.</summary>
/// <param name="SessionId">The group session being changed, so it does not clash with itself.</param>
/// <param name="AppointmentId">The appointment being changed, likewise.</param>
public sealed record ProposedEvent(
    DateTimeOffset StartsAt, DateTimeOffset EndsAt, IReadOnlyCollection<Guid> StaffIds, Guid? RoomId,
    IReadOnlyCollection<Guid> ParticipantIds, TimeZoneInfo Zone, Guid? SessionId = null, Guid? AppointmentId = null,
    IReadOnlyCollection<Guid>? SeriesIds = null);

/// <summary>
/// Finds what a new or changed event would clash with: the same staff member, the same room or the
/// same participant at an overlapping time. Events that only touch (one ends at 10:00, the next
/// starts at 10:00) do not clash. Every message names the other event and its time; appointments of
/// participants outside the caller's care team are named by staff and time only, never by person.
/// </summary>
public static class Conflicts
{
    public static async Task<List<ScheduleConflict>> FindAsync(TrellisDbContext db, ProposedEvent e, CancellationToken ct = default)
    {
        var found = new List<ScheduleConflict>();
        var staff = e.StaffIds.ToList();
        var people = e.ParticipantIds.ToList();
        var names = await db.Staff.AsNoTracking().Where(s => staff.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.FullName, ct);

        var sessions = await db.GroupSessions.AsNoTracking().Include(s => s.Facilitators).Include(s => s.Room).Include(s => s.Track)
            .Where(s => s.Status == SessionStatus.Scheduled && s.StartsAt < e.EndsAt && e.StartsAt < s.EndsAt && s.Id != e.SessionId)
            .ToListAsync(ct);
        foreach (var s in sessions)
        {
            var what = $"{s.Title}{(s.Track is null ? "" : $" ({s.Track.Name} track)")} on {ProgramClock.When(s.StartsAt, s.EndsAt, e.Zone)}";
            foreach (var f in s.Facilitators.Where(f => staff.Contains(f.StaffMemberId)))
                found.Add(new(ConflictKind.Staff, $"{names[f.StaffMemberId]} already facilitates {what}.", "group_session", s.Id));
            if (e.RoomId is { } room && s.RoomId == room)
                found.Add(new(ConflictKind.Room, $"{s.Room!.Name} is already booked for {what}.", "group_session", s.Id));
        }

        var series = e.SeriesIds?.ToList() ?? [];
        // Unscoped on purpose: a clinician's appointment with someone from another program still takes their hour.
        var appointments = await db.Appointments.IgnoreQueryFilters([TrellisDbContext.ScopeFilter]).AsNoTracking()
            .Include(a => a.StaffMember).Include(a => a.Room)
            .Where(a => a.Status == AppointmentStatus.Scheduled && a.StartsAt < e.EndsAt && e.StartsAt < a.EndsAt && a.Id != e.AppointmentId
                && !(a.SeriesId != null && series.Contains(a.SeriesId.Value))
                && (staff.Contains(a.StaffMemberId) || (e.RoomId != null && a.RoomId == e.RoomId) || people.Contains(a.ParticipantId)))
            .ToListAsync(ct);
        foreach (var a in appointments)
        {
            var what = $"{Describe(a.ServiceType).ToLowerInvariant()} appointment with {a.StaffMember!.FullName} on {ProgramClock.When(a.StartsAt, a.EndsAt, e.Zone)}";
            if (staff.Contains(a.StaffMemberId))
                found.Add(new(ConflictKind.Staff, $"{names[a.StaffMemberId]} already has a{(StartsWithVowel(what) ? "n" : "")} {what}.", "appointment", a.Id));
            if (e.RoomId is { } room && a.RoomId == room)
                found.Add(new(ConflictKind.Room, $"{a.Room!.Name} is already booked for a{(StartsWithVowel(what) ? "n" : "")} {what}.", "appointment", a.Id));
            if (people.Contains(a.ParticipantId))
                found.Add(new(ConflictKind.Participant, $"{await NameAsync(db, a.ParticipantId, ct)} already has a{(StartsWithVowel(what) ? "n" : "")} {what}.", "appointment", a.Id));
        }

        if (people.Count > 0)
        {
            // The participant's own groups: sessions of a track they are enrolled in on that day.
            foreach (var s in sessions.Where(s => s.TrackId != null))
            {
                var expected = await Rosters.Expecting(db, s.TrackId, s.LocalDate).Where(p => people.Contains(p.Id))
                    .Select(p => new { p.Id, p.PreferredName, p.LegalFirstName, p.LegalLastName }).ToListAsync(ct);
                foreach (var p in expected)
                    found.Add(new(ConflictKind.Participant,
                        $"{Participant.NameOf(p.PreferredName, p.LegalFirstName, p.LegalLastName)} is in {s.Title} ({s.Track!.Name} track) on {ProgramClock.When(s.StartsAt, s.EndsAt, e.Zone)}.",
                        "group_session", s.Id));
            }
        }
        return found;
    }

    /// <summary>The 409 that names each clashing event; its "conflicts" extension lists them for API clients and pages.</summary>
    public static Refusal Refuse(IEnumerable<ScheduleConflict> conflicts)
    {
        var list = conflicts.ToList();
        return Refusal.Conflict(string.Join(" ", list.Select(c => c.Message).Distinct()),
            new Dictionary<string, object?> { ["conflicts"] = list.Select(ConflictDto.From).ToList() });
    }

    /// <summary>The clashes a refusal names, for a page to list; none when it is about something else.</summary>
    public static IReadOnlyList<ConflictDto> In(Refusal? refusal) =>
        refusal?.Extensions?.GetValueOrDefault("conflicts") as List<ConflictDto> ?? [];

    public static string Describe(ServiceType type) => type switch
    {
        ServiceType.GroupTherapy => "Group therapy",
        ServiceType.Psychoeducation => "Psychoeducation",
        ServiceType.SkillsGroup => "Skills group",
        ServiceType.IndividualTherapy => "Individual therapy",
        ServiceType.FamilyTherapy => "Family session",
        ServiceType.MedicationManagement => "Medication management",
        ServiceType.CaseManagement => "Case management",
        ServiceType.DiagnosticEvaluation => "Diagnostic evaluation",
        _ => "Activity therapy",
    };

    private static bool StartsWithVowel(string s) => s.Length > 0 && "aeiou".Contains(char.ToLowerInvariant(s[0]));

    private static async Task<string> NameAsync(TrellisDbContext db, Guid participantId, CancellationToken ct) =>
        await db.Participants.Where(p => p.Id == participantId).Select(p => Participant.NameOf(p.PreferredName, p.LegalFirstName, p.LegalLastName))
            .FirstOrDefaultAsync(ct) ?? "This participant";
}
