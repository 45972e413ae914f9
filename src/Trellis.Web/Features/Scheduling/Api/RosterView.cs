using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;

namespace Trellis.Web.Features.Scheduling;

/// <summary>Reading a roster with its records, for the attendance page and the API alike (and auditing the read).</summary>
public static class RosterView
{
    public static async Task<RosterDto> ForSessionAsync(TrellisDbContext db, GroupSession session, CancellationToken ct = default)
    {
        var people = await Rosters.ForSessionAsync(db, session, ct);
        var expected = (await Rosters.Expecting(db, session.TrackId, session.LocalDate).Select(p => p.Id).ToListAsync(ct)).ToHashSet();
        var e = AttendanceEvent.For(session, expected);
        return await BuildAsync(db, e, people.Select(p => (p.Id, p.DisplayName, expected.Contains(p.Id))).ToList(), ct);
    }

    public static async Task<RosterDto> ForAppointmentAsync(TrellisDbContext db, Appointment a, CancellationToken ct = default)
    {
        var e = AttendanceEvent.For(a, a.Participant!.ProgramId);
        return await BuildAsync(db, e, [(a.ParticipantId, a.Participant.DisplayName, true)], ct);
    }

    private static async Task<RosterDto> BuildAsync(TrellisDbContext db, AttendanceEvent e, List<(Guid Id, string Name, bool Expected)> people, CancellationToken ct)
    {
        var records = await TakeAttendance.Records(db, e).AsNoTracking().ToListAsync(ct);
        var settings = await ScheduleSettings.ForAsync(db, e.ProgramId, ct);
        var program = await db.Programs.AsNoTracking().FirstAsync(p => p.Id == e.ProgramId, ct);
        var today = ProgramClock.LocalDate(db.Now, ProgramClock.Zone(program.TimeZoneId));
        var lines = people.Select(p =>
        {
            var r = records.FirstOrDefault(x => x.ParticipantId == p.Id);
            return new AttendanceLineDto(p.Id, p.Name, p.Expected, r?.Status, r?.MinutesLate, r?.MinutesLeftEarly, r?.MinutesAttended, r?.Note, r?.UpdatedAt, r?.UpdatedBy);
        }).ToList();
        await db.AuditReadAsync(nameof(AttendanceRecord), people.Select(p => ((object)(e.GroupSessionId ?? e.AppointmentId)!, (Guid?)p.Id)), "attendance roster", ct);
        return new RosterDto(e.GroupSessionId ?? e.AppointmentId!.Value, e.Title, e.LocalDate, e.DurationMinutes,
            today.DayNumber - e.LocalDate.DayNumber > settings.AttendanceLockDays, records.Sum(r => r.Version), lines);
    }

    /// <summary>Turns API lines into entries, or the errors of lines without a status.</summary>
    public static (List<AttendanceEntry> Entries, Dictionary<string, string[]> Errors) Entries(IReadOnlyList<AttendanceLineInput>? lines)
    {
        var errors = new Dictionary<string, string[]>();
        var entries = new List<AttendanceEntry>();
        if (lines is null) { errors["records"] = ["Send records: one line per participant with participantId and status."]; return (entries, errors); }
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].Status is not { } status)
            {
                errors[$"records[{i}].status"] = [$"Give a status: {Infrastructure.EnumText.Allowed<AttendanceStatus>()}."];
                continue;
            }
            entries.Add(new AttendanceEntry(lines[i].ParticipantId, status, lines[i].MinutesLate, lines[i].MinutesLeftEarly, lines[i].Note));
        }
        return (entries, errors);
    }
}
