using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;
using Trellis.Web.Features.Participants;

namespace Trellis.Web.Features.Scheduling;

/// <summary>A roster with its records, for the attendance pages and the API alike (and auditing the read).</summary>
public static class RosterQueries
{
    public static IQueryable<AttendanceRecord> Records(TrellisDbContext db, AttendanceEvent e) =>
        e.GroupSessionId is { } sid ? db.Attendance.Where(a => a.GroupSessionId == sid) : db.Attendance.Where(a => a.AppointmentId == e.AppointmentId);

    /// <summary>The roster's version: the sum of its records' versions, so any save or new record changes it.</summary>
    public static async Task<long> VersionAsync(TrellisDbContext db, AttendanceEvent e, CancellationToken ct = default) =>
        await Records(db, e).SumAsync(a => (long?)a.Version, ct) ?? 0;

    public static async Task<AttendanceEvent> EventAsync(TrellisDbContext db, GroupSession session, CancellationToken ct = default) =>
        AttendanceEvent.For(session, await Rosters.Expecting(db, session.TrackId, session.LocalDate).Select(p => p.Id).ToListAsync(ct));

    /// <summary>The group session or appointment a roster belongs to, through the care-team filters: null when missing or out of scope.</summary>
    public static async Task<AttendanceEvent?> EventAsync(TrellisDbContext db, RosterOf of, CancellationToken ct = default)
    {
        if (of.SessionId is { } sid)
            return await SessionQueries.FindAsync(db, sid, ct: ct) is { } session ? await EventAsync(db, session, ct) : null;
        return await AppointmentQueries.FindAsync(db, of.AppointmentId!.Value, ct: ct) is { } a ? AttendanceEvent.For(a) : null;
    }

    public static async Task<RosterDto> ForSessionAsync(TrellisDbContext db, GroupSession session, CancellationToken ct = default)
    {
        var people = await Rosters.ForSessionAsync(db, session, ct);
        var e = await EventAsync(db, session, ct);
        return await BuildAsync(db, e, people.Select(p => new Person(p, e.Expected.Contains(p.Id))).ToList(), ct);
    }

    public static Task<RosterDto> ForAppointmentAsync(TrellisDbContext db, Appointment a, CancellationToken ct = default) =>
        BuildAsync(db, AttendanceEvent.For(a), [new Person(a.Participant!, true)], ct);

    private sealed record Person(Participant Who, bool Expected)
    {
        public Guid Id => Who.Id;
    }

    private static async Task<RosterDto> BuildAsync(TrellisDbContext db, AttendanceEvent e, List<Person> people, CancellationToken ct)
    {
        var records = await Records(db, e).AsNoTracking().ToListAsync(ct);
        var settings = await ScheduleSettings.ForAsync(db, e.ProgramId, ct);
        var lines = people.Select(p =>
        {
            var r = records.FirstOrDefault(x => x.ParticipantId == p.Id);
            return new AttendanceLineDto(p.Id, p.Who.DisplayName, p.Expected, r?.Status, r?.MinutesLate, r?.MinutesLeftEarly, r?.MinutesAttended, r?.Note,
                r?.UpdatedAt, r?.UpdatedBy, r?.Modality, p.Who.PreferredLanguage, p.Who.InterpreterNeeded);
        }).ToList();
        await db.AuditReadAsync(nameof(AttendanceRecord), people.Select(p => ((object)e.Id, (Guid?)p.Id)), "attendance roster", ct);
        return new RosterDto(e.Id, e.Title, e.LocalDate, e.DurationMinutes,
            settings.LocksAttendanceOf(e.LocalDate, await ProgramDayAsync(db, e.ProgramId, ct)), records.Sum(r => r.Version), lines);
    }

    /// <summary>Today in the program's time zone.</summary>
    public static async Task<DateOnly> ProgramDayAsync(TrellisDbContext db, Guid programId, CancellationToken ct = default) =>
        ProgramClock.Today(db.Now, await db.Programs.Where(p => p.Id == programId).Select(p => p.TimeZoneId).FirstAsync(ct));
}
