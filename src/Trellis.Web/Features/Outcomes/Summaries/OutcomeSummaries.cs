using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;
using Trellis.Web.Features.Instruments;
using Trellis.Web.Features.Scheduling;

namespace Trellis.Web.Features.Outcomes.Summaries;

/// <summary>An attendance record reduced to what a day's summary sums.</summary>
public readonly record struct AttendanceFact(Guid Id, Guid ParticipantId, DateOnly On, AttendanceStatus Status, int Minutes);

/// <summary>A score reduced to what a stay's summary needs.</summary>
public readonly record struct ScoreFact(Guid Id, Guid ParticipantId, string Instrument, DateOnly On, DateTimeOffset At, int Total);

/// <summary>
/// The dashboard's summary tables (<see cref="AttendanceDay"/>, <see cref="StayScore"/>): what each row should hold,
/// computed from the source records by one pure rule per table (used by the save hook, the backfill and the check alike),
/// and the writes that make the stored rows agree. The summaries read every record of a participant, whoever saves:
/// a derived row must not depend on the caller's scope, so these reads lift the filters; the rows themselves are
/// chart-owned and read back through the filters.
/// </summary>
public static class OutcomeSummaries
{
    /// <summary>Raise when a rule below changes: every database rebuilds its summaries once at start.</summary>
    public const int Version = 1;

    // ---- pure rules ----

    /// <summary>The participant-days these records make: count marked, attended and minutes per participant and day.</summary>
    public static Dictionary<(Guid, DateOnly), (int Marked, int Attended, int Minutes)> DaysOf(IEnumerable<AttendanceFact> records) =>
        records.GroupBy(r => (r.ParticipantId, r.On)).ToDictionary(g => g.Key,
            g => (g.Count(), g.Count(r => AttendanceRecord.IsAttended(r.Status)), g.Sum(r => r.Minutes)));

    /// <summary>
    /// Per ended stay and instrument: the first and last scores from <see cref="MeasureOccasions.AdmissionLookBackDays"/>
    /// before admission to the day the stay ended (the stays of <see cref="Stays.From"/>, one person's enrollments).
    /// </summary>
    public static List<StayScore> StayScoresOf(IEnumerable<EnrollmentSpan> enrollments, IEnumerable<ScoreFact> scores)
    {
        var byPerson = scores.ToLookup(s => s.ParticipantId);
        var rows = new List<StayScore>();
        foreach (var stay in Stays.From(enrollments))
        {
            if (stay.EndedOn is not { } end) continue;
            var opens = stay.StartedOn.AddDays(-MeasureOccasions.AdmissionLookBackDays);
            foreach (var g in byPerson[stay.ParticipantId].Where(x => x.On >= opens && x.On <= end).GroupBy(x => x.Instrument))
            {
                var ordered = g.OrderBy(x => x.On).ThenBy(x => x.At).ThenBy(x => x.Id).ToList();
                rows.Add(new StayScore
                {
                    ParticipantId = stay.ParticipantId, ProgramId = stay.ProgramId, StayStartedOn = stay.StartedOn, StayEndedOn = end, Instrument = g.Key,
                    Scores = ordered.Count, BaselineOn = ordered[0].On, Baseline = ordered[0].Total, LatestOn = ordered[^1].On, Latest = ordered[^1].Total,
                });
            }
        }
        return rows;
    }

    // ---- reading the sources as this save leaves them ----

    /// <summary>Rows read from the database, then overlaid with what the context is about to write (added, changed, deleted).</summary>
    internal static List<T> AsSaved<T>(TrellisDbContext db, IEnumerable<T> stored, Func<T, bool> relevant) where T : Entity
    {
        var rows = stored.ToDictionary(r => r.Id);
        foreach (var entry in db.ChangeTracker.Entries<T>())
        {
            if (entry.State == EntityState.Detached) continue;
            if (entry.State == EntityState.Deleted || !relevant(entry.Entity)) rows.Remove(entry.Entity.Id);
            else rows[entry.Entity.Id] = entry.Entity;
        }
        return [.. rows.Values];
    }

    /// <summary>The day of each session and appointment named, as this save leaves them.</summary>
    internal static async Task<(Dictionary<Guid, DateOnly> Sessions, Dictionary<Guid, DateOnly> Appointments)> DatesAsync(
        TrellisDbContext db, IEnumerable<Guid> sessionIds, IEnumerable<Guid> appointmentIds, CancellationToken ct)
    {
        var s = sessionIds.Distinct().ToList();
        var a = appointmentIds.Distinct().ToList();
        var sessions = s.Count == 0 ? [] : await db.GroupSessions.IgnoreQueryFilters().AsNoTracking().Where(x => s.Contains(x.Id)).ToDictionaryAsync(x => x.Id, x => x.LocalDate, ct);
        var appointments = a.Count == 0 ? [] : await db.Appointments.IgnoreQueryFilters().AsNoTracking().Where(x => a.Contains(x.Id)).ToDictionaryAsync(x => x.Id, x => x.LocalDate, ct);
        foreach (var e in db.ChangeTracker.Entries<GroupSession>()) if (e.State is EntityState.Added or EntityState.Modified) sessions[e.Entity.Id] = e.Entity.LocalDate;
        foreach (var e in db.ChangeTracker.Entries<Appointment>()) if (e.State is EntityState.Added or EntityState.Modified) appointments[e.Entity.Id] = e.Entity.LocalDate;
        return (sessions, appointments);
    }

    // ---- keeping the stored rows ----

    /// <summary>Makes the stored <see cref="AttendanceDay"/> rows of these participant-days agree with their attendance as this save leaves it.</summary>
    public static async Task RecomputeDaysAsync(TrellisDbContext db, IReadOnlyCollection<(Guid ParticipantId, DateOnly On)> days, CancellationToken ct)
    {
        if (days.Count == 0) return;
        var ids = days.Select(d => d.ParticipantId).Distinct().ToList();
        var from = days.Min(d => d.On);
        var to = days.Max(d => d.On);
        var stored = await db.Attendance.IgnoreQueryFilters().AsNoTracking().Where(a => ids.Contains(a.ParticipantId))
            .Where(a => (a.GroupSession != null ? a.GroupSession.LocalDate : a.Appointment!.LocalDate) >= from
                && (a.GroupSession != null ? a.GroupSession.LocalDate : a.Appointment!.LocalDate) <= to).ToListAsync(ct);
        // A session moved to another day in this save: its records are found by the ids the hook passes, old and new day.
        var records = AsSaved(db, stored, a => ids.Contains(a.ParticipantId));
        var (sessions, appointments) = await DatesAsync(db, records.Where(r => r.GroupSessionId != null).Select(r => r.GroupSessionId!.Value),
            records.Where(r => r.AppointmentId != null).Select(r => r.AppointmentId!.Value), ct);
        var facts = records.Select(r => Fact(r, sessions, appointments)).Where(f => f is not null).Select(f => f!.Value);
        var wanted = DaysOf(facts);
        var existing = (await db.Set<AttendanceDay>().IgnoreQueryFilters().Where(d => ids.Contains(d.ParticipantId) && d.On >= from && d.On <= to).ToListAsync(ct))
            .ToDictionary(d => (d.ParticipantId, d.On));
        foreach (var key in days.Distinct())
        {
            var have = existing.GetValueOrDefault(key);
            if (!wanted.TryGetValue(key, out var want))
            {
                if (have is not null) db.Remove(have);
                continue;
            }
            if (have is null)
            {
                db.Add(new AttendanceDay { ParticipantId = key.ParticipantId, On = key.On, WeekStart = ProgramClock.WeekStart(key.On), Marked = want.Marked, Attended = want.Attended, Minutes = want.Minutes });
                continue;
            }
            if ((have.Marked, have.Attended, have.Minutes) != want) (have.Marked, have.Attended, have.Minutes) = want;
        }
    }

    internal static AttendanceFact? Fact(AttendanceRecord r, Dictionary<Guid, DateOnly> sessions, Dictionary<Guid, DateOnly> appointments) =>
        r.GroupSessionId is { } s && sessions.TryGetValue(s, out var d) ? new AttendanceFact(r.Id, r.ParticipantId, d, r.Status, r.MinutesAttended)
        : r.AppointmentId is { } a && appointments.TryGetValue(a, out var d2) ? new AttendanceFact(r.Id, r.ParticipantId, d2, r.Status, r.MinutesAttended)
        : null;

    /// <summary>Makes the stored <see cref="StayScore"/> rows of these participants agree with their enrollments and scores as this save leaves them.</summary>
    public static async Task RecomputeStaysAsync(TrellisDbContext db, IReadOnlyCollection<Guid> participantIds, CancellationToken ct)
    {
        if (participantIds.Count == 0) return;
        var ids = participantIds.Distinct().ToList();
        var wanted = await WantedStayScoresAsync(db, ids, ct);
        var existing = await db.Set<StayScore>().IgnoreQueryFilters().Where(s => ids.Contains(s.ParticipantId)).ToListAsync(ct);
        Apply(db, existing, wanted);
    }

    private static void Apply(TrellisDbContext db, List<StayScore> existing, List<StayScore> wanted)
    {
        var have = existing.ToDictionary(Key);
        foreach (var want in wanted)
        {
            if (have.Remove(Key(want), out var row))
            {
                if (!Same(row, want))
                    (row.StayEndedOn, row.Scores, row.BaselineOn, row.Baseline, row.LatestOn, row.Latest) = (want.StayEndedOn, want.Scores, want.BaselineOn, want.Baseline, want.LatestOn, want.Latest);
            }
            else db.Add(want);
        }
        foreach (var gone in have.Values) db.Remove(gone);
    }

    private static (Guid, Guid, DateOnly, string) Key(StayScore s) => (s.ParticipantId, s.ProgramId, s.StayStartedOn, s.Instrument);
    private static bool Same(StayScore a, StayScore b) =>
        (a.StayEndedOn, a.Scores, a.BaselineOn, a.Baseline, a.LatestOn, a.Latest) == (b.StayEndedOn, b.Scores, b.BaselineOn, b.Baseline, b.LatestOn, b.Latest);

    private static async Task<List<StayScore>> WantedStayScoresAsync(TrellisDbContext db, List<Guid> ids, CancellationToken ct)
    {
        var enrollments = AsSaved(db, await db.Enrollments.IgnoreQueryFilters().AsNoTracking().Where(e => ids.Contains(e.ParticipantId)).ToListAsync(ct), e => ids.Contains(e.ParticipantId));
        var administrations = AsSaved(db, await db.InstrumentAdministrations.IgnoreQueryFilters().AsNoTracking().Where(a => ids.Contains(a.ParticipantId) && a.Total != null).ToListAsync(ct),
            a => ids.Contains(a.ParticipantId) && a.Total != null);
        var zones = await ZonesAsync(db, ids, ct);
        return StayScoresOf(enrollments.Select(e => new EnrollmentSpan(e.ParticipantId, e.ProgramId, e.TrackId, e.StartedOn, e.EndedOn)),
            administrations.Select(a => new ScoreFact(a.Id, a.ParticipantId, a.InstrumentCode, ProgramClock.LocalDate(a.AdministeredAt, zones.GetValueOrDefault(a.ParticipantId) ?? TimeZoneInfo.Utc), a.AdministeredAt, a.Total!.Value)));
    }

    /// <summary>Each participant's program's time zone (a score's day is the day in their program, as the chart shows it).</summary>
    private static async Task<Dictionary<Guid, TimeZoneInfo>> ZonesAsync(TrellisDbContext db, List<Guid> ids, CancellationToken ct)
    {
        var programs = await db.Programs.IgnoreQueryFilters().AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.TimeZoneId, ct);
        var people = AsSaved(db, await db.Participants.IgnoreQueryFilters().AsNoTracking().Where(p => ids.Contains(p.Id)).ToListAsync(ct), p => ids.Contains(p.Id));
        return people.ToDictionary(p => p.Id, p => programs.TryGetValue(p.ProgramId, out var zone) ? ProgramClock.Zone(zone) : TimeZoneInfo.Utc);
    }

    // ---- backfill and check ----

    /// <summary>
    /// Builds the summaries of a database that has none of this <see cref="Version"/> (an existing database after the
    /// upgrade that added them, or a rule changed): clears them and recomputes every participant in batches. Idempotent:
    /// it runs once per version, at start-up after the migrations.
    /// </summary>
    public static async Task<int> BackfillAsync(TrellisDbContext db, CancellationToken ct = default)
    {
        var state = await db.Set<OutcomeSummaryState>().FirstOrDefaultAsync(ct);
        return state?.Version == Version ? 0 : await RebuildAsync(db, ct);
    }

    /// <summary>
    /// Recomputes both summaries of every participant from the source records, then records this <see cref="Version"/>;
    /// returns the participants recomputed. The backfill's work, and <c>summaries rebuild</c>'s when <c>summaries verify</c>
    /// has found a difference. Each batch of participants is replaced in its own transaction, so a dashboard read meanwhile
    /// sees each person's rows either as they were or as rebuilt, never missing.
    /// </summary>
    public static async Task<int> RebuildAsync(TrellisDbContext db, CancellationToken ct = default)
    {
        var all = await db.Participants.IgnoreQueryFilters().AsNoTracking().OrderBy(p => p.Id).Select(p => p.Id).ToListAsync(ct);
        var detect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            foreach (var batch in all.Chunk(500))
            {
                var ids = batch.ToList();
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                await db.Set<AttendanceDay>().IgnoreQueryFilters().Where(d => ids.Contains(d.ParticipantId)).ExecuteDeleteAsync(ct);
                await db.Set<StayScore>().IgnoreQueryFilters().Where(d => ids.Contains(d.ParticipantId)).ExecuteDeleteAsync(ct);
                var (days, stays) = await ComputeAsync(db, ids, ct);
                db.AddRange(days);
                db.AddRange(stays);
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                db.ChangeTracker.Clear();
            }
        }
        finally { db.ChangeTracker.AutoDetectChangesEnabled = detect; }
        var state = await db.Set<OutcomeSummaryState>().FirstOrDefaultAsync(ct);
        if (state is null) db.Add(new OutcomeSummaryState { Id = 1, Version = Version });
        else state.Version = Version;
        await db.SaveChangesAsync(ct);
        return all.Count;
    }

    /// <summary>Every summary row these participants should have, computed from their records alone.</summary>
    private static async Task<(List<AttendanceDay> Days, List<StayScore> Stays)> ComputeAsync(TrellisDbContext db, List<Guid> ids, CancellationToken ct)
    {
        var facts = await db.Attendance.IgnoreQueryFilters().AsNoTracking().Where(a => ids.Contains(a.ParticipantId))
            .Select(a => new { a.Id, a.ParticipantId, On = a.GroupSession != null ? a.GroupSession.LocalDate : a.Appointment!.LocalDate, a.Status, a.MinutesAttended }).ToListAsync(ct);
        var days = DaysOf(facts.Select(f => new AttendanceFact(f.Id, f.ParticipantId, f.On, f.Status, f.MinutesAttended)))
            .Select(kv => new AttendanceDay { ParticipantId = kv.Key.Item1, On = kv.Key.Item2, WeekStart = ProgramClock.WeekStart(kv.Key.Item2), Marked = kv.Value.Marked, Attended = kv.Value.Attended, Minutes = kv.Value.Minutes })
            .ToList();
        return (days, await WantedStayScoresAsync(db, ids, ct));
    }

    /// <summary>
    /// Recomputes every summary from scratch and lists each stored row that differs (missing, extra or other values);
    /// empty when they agree. <c>summaries verify</c> and the tests run it.
    /// </summary>
    public static async Task<List<string>> VerifyAsync(TrellisDbContext db, CancellationToken ct = default)
    {
        var problems = new List<string>();
        var all = await db.Participants.IgnoreQueryFilters().AsNoTracking().OrderBy(p => p.Id).Select(p => p.Id).ToListAsync(ct);
        foreach (var batch in all.Chunk(500))
        {
            var ids = batch.ToList();
            var (days, stays) = await ComputeAsync(db, ids, ct);
            var storedDays = (await db.Set<AttendanceDay>().IgnoreQueryFilters().AsNoTracking().Where(d => ids.Contains(d.ParticipantId)).ToListAsync(ct))
                .ToDictionary(d => (d.ParticipantId, d.On));
            foreach (var want in days)
            {
                if (!storedDays.Remove((want.ParticipantId, want.On), out var have)) problems.Add($"attendance day {want.ParticipantId} {want.On:yyyy-MM-dd}: missing");
                else if ((have.Marked, have.Attended, have.Minutes, have.WeekStart) != (want.Marked, want.Attended, want.Minutes, want.WeekStart))
                    problems.Add($"attendance day {want.ParticipantId} {want.On:yyyy-MM-dd}: stored {have.Marked}/{have.Attended}/{have.Minutes} min, records say {want.Marked}/{want.Attended}/{want.Minutes} min");
            }
            problems.AddRange(storedDays.Keys.Select(k => $"attendance day {k.ParticipantId} {k.On:yyyy-MM-dd}: stored, but no attendance that day"));
            var storedStays = (await db.Set<StayScore>().IgnoreQueryFilters().AsNoTracking().Where(s => ids.Contains(s.ParticipantId)).ToListAsync(ct)).ToDictionary(Key);
            foreach (var want in stays)
            {
                if (!storedStays.Remove(Key(want), out var have)) problems.Add($"stay score {Key(want)}: missing");
                else if (!Same(have, want)) problems.Add($"stay score {Key(want)}: stored {have.Baseline}→{have.Latest} ({have.Scores} scores, ended {have.StayEndedOn:yyyy-MM-dd}), records say {want.Baseline}→{want.Latest} ({want.Scores}, ended {want.StayEndedOn:yyyy-MM-dd})");
            }
            problems.AddRange(storedStays.Keys.Select(k => $"stay score {k}: stored, but no such ended stay with scores"));
        }
        return problems;
    }
}
