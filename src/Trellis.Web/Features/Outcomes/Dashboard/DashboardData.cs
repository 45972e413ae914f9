using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;
using Trellis.Web.Features.Admissions;
using Trellis.Web.Features.Discharge;
using Trellis.Web.Features.Outcomes.Summaries;

namespace Trellis.Web.Features.Outcomes;

/// <summary>Attendance marked and attended in a period (<see cref="AttendanceDay"/> rows summed in the database).</summary>
public sealed record AttendanceTotal(DateOnly From, DateOnly To, int Marked, int Attended);
/// <summary>Minutes a participant attended in one week (Monday <see cref="WeekStart"/>) that lies wholly in a period.</summary>
public sealed record WeekMinutes(Guid ParticipantId, DateOnly WeekStart, int Minutes);
/// <summary>One instrument's first and last score over an ended stay (<see cref="StayScore"/>).</summary>
public sealed record StayScoreMark(Guid ParticipantId, Guid ProgramId, DateOnly StayStartedOn, string Instrument, int Scores, int Baseline, int Latest);
public sealed record DischargeMark(Guid ParticipantId, DateOnly On, DischargeReason Reason);
public sealed record FollowUpMark(Guid ParticipantId, DateOnly DueOn, bool Recorded, bool? Reached, bool? InTreatmentElsewhere, bool? UseOrRelapse, bool? Readmitted);
public sealed record Lead(InquirySource Source, CaseTimeline Timeline);

/// <summary>Everything the figures of two periods (now and before) are counted from, loaded once through the context's filters.</summary>
public sealed record DashboardData(
    DashboardFilter Filter, DateOnly Today, IReadOnlyList<Stay> Stays, IReadOnlyList<Stay> AllStaysOfThesePeople,
    IReadOnlyDictionary<Guid, Guid?> ClinicianOf, IReadOnlyList<AttendanceTotal> Attendance, IReadOnlyList<WeekMinutes> Weeks,
    IReadOnlyDictionary<Guid, decimal> MinimumHours, IReadOnlyList<StayScoreMark> StayScores, IReadOnlyList<DischargeMark> Discharges, IReadOnlyList<MeasureOccasion> Occasions,
    IReadOnlyList<FollowUpMark> FollowUps, IReadOnlyList<Lead> Leads,
    IReadOnlyDictionary<Guid, string> Programs, IReadOnlyDictionary<Guid, string> Tracks, IReadOnlyDictionary<Guid, string> Clinicians,
    Instruments.ReliableChangeThresholds Thresholds)
{
    // Looked up once per stay by several figures: built once, so a figure costs the stays, not stays × discharges.
    private Dictionary<(Guid, DateOnly), DischargeReason>? reasons;
    private ILookup<Guid, Stay>? staysByPerson;
    private ILookup<(Guid, Guid, DateOnly), StayScoreMark>? scoresByStay;

    /// <summary>The reason of the (first) final discharge of this person on this day.</summary>
    public DischargeReason? ReasonOn(Guid participantId, DateOnly? on) =>
        on is { } day && (reasons ??= Discharges.GroupBy(x => (x.ParticipantId, x.On)).ToDictionary(g => g.Key, g => g.First().Reason)).TryGetValue((participantId, day), out var r) ? r : null;

    public ILookup<Guid, Stay> AllStaysByPerson => staysByPerson ??= AllStaysOfThesePeople.ToLookup(s => s.ParticipantId);
    /// <summary>The instruments scored over this stay.</summary>
    public IEnumerable<StayScoreMark> ScoresOf(Stay s) => (scoresByStay ??= StayScores.ToLookup(x => (x.ParticipantId, x.ProgramId, x.StayStartedOn)))[(s.ParticipantId, s.ProgramId, s.StartedOn)];
}

/// <summary>
/// The dashboard's queries: one per kind of record, all through the scope filters (staff see their programs only), each
/// narrowed to the filter's program and to the two periods. Counting is <see cref="DashboardFigures"/>' (pure).
/// </summary>
public static class DashboardQueries
{
    public static async Task<DashboardData> LoadAsync(TrellisDbContext db, DashboardFilter f, CancellationToken ct = default)
    {
        var start = f.Previous.From;
        var end = f.To;
        var today = await ProgramClock.ClinicTodayAsync(db, ct);
        var enrollments = db.Enrollments.AsNoTracking();
        if (f.ProgramId is { } pid) enrollments = enrollments.Where(e => e.ProgramId == pid);
        // Whole stays: every enrollment of the people with one in the window, so a stay that began before the window with a
        // track move inside it keeps its admission day (a track move is not an admission), and readmissions see later stays.
        var candidates = await enrollments.Where(e => e.StartedOn < end && (e.EndedOn == null || e.EndedOn >= start.AddDays(-1)))
            .Select(e => e.ParticipantId).Distinct().ToListAsync(ct);
        var theirs = Stays.From(await db.Enrollments.AsNoTracking().Where(e => candidates.Contains(e.ParticipantId))
            .Select(e => new EnrollmentSpan(e.ParticipantId, e.ProgramId, e.TrackId, e.StartedOn, e.EndedOn)).ToListAsync(ct));
        var stays = theirs.Where(s => f.ProgramId is not { } p || s.ProgramId == p).Where(s => s.StartedOn < end && (s.EndedOn is null || s.EndedOn >= start))
            .Where(s => f.TrackId is not { } t || s.TrackIds.Contains(t)).ToList();
        var ids = stays.Select(s => s.ParticipantId).Distinct().ToList();

        var people = await db.Participants.AsNoTracking().Where(p => ids.Contains(p.Id)).Select(p => new { p.Id, p.PrimaryClinicianId }).ToListAsync(ct);

        // Attendance and hours are summed in the database from the per participant-day summary (issue 10 point 7), by the
        // period's days (index on On) and per person, then kept for the period's people here: an id list of a thousand
        // people in the SQL made the databases probe every row against it. The filters are lifted for these sums only
        // because the per-person rows are kept solely for ids read through them (the stays above): an out-of-scope or
        // removed chart's days are dropped here, so totals still count only what the caller may see, without joining
        // every day to its participant.
        var idSet = ids.ToHashSet();
        var days = db.Set<AttendanceDay>().IgnoreQueryFilters([TrellisDbContext.ScopeFilter, TrellisDbContext.SoftDeleteFilter]).AsNoTracking();
        var totals = new List<AttendanceTotal>();
        var weeks = new List<WeekMinutes>();
        foreach (var p in new[] { f.Previous, f })
        {
            var perPerson = await days.Where(a => a.On >= p.From && a.On < p.To).GroupBy(a => a.ParticipantId)
                .Select(g => new { Id = g.Key, Marked = g.Sum(a => a.Marked), Attended = g.Sum(a => a.Attended) }).ToListAsync(ct);
            var mine = perPerson.Where(x => idSet.Contains(x.Id)).ToList();
            totals.Add(new AttendanceTotal(p.From, p.To, mine.Sum(x => x.Marked), mine.Sum(x => x.Attended)));
            var lastMonday = p.To.AddDays(-7);
            weeks.AddRange((await days.Where(a => a.On >= p.From && a.On < p.To && a.WeekStart >= p.From && a.WeekStart <= lastMonday)
                .GroupBy(a => new { a.ParticipantId, a.WeekStart }).Select(g => new { g.Key.ParticipantId, g.Key.WeekStart, Minutes = g.Sum(a => a.Minutes) }).ToListAsync(ct))
                .Where(w => idSet.Contains(w.ParticipantId)).Select(w => new WeekMinutes(w.ParticipantId, w.WeekStart, w.Minutes)));
        }
        // Outcomes at discharge from the per-stay summary: the stays that ended in either period.
        var stayScores = await db.Set<StayScore>().AsNoTracking().Where(x => ids.Contains(x.ParticipantId) && x.StayEndedOn >= start && x.StayEndedOn < end && x.Scores >= 2)
            .Select(x => new StayScoreMark(x.ParticipantId, x.ProgramId, x.StayStartedOn, x.Instrument, x.Scores, x.Baseline, x.Latest)).ToListAsync(ct);
        var discharges = await db.Set<ParticipantDischarge>().AsNoTracking().Where(d => d.IsFinal && ids.Contains(d.ParticipantId))
            .Select(d => new DischargeMark(d.ParticipantId, d.DischargedOn, d.Reason)).ToListAsync(ct);
        var followUps = await db.Set<FollowUpContact>().AsNoTracking().Where(c => ids.Contains(c.ParticipantId) && c.DueOn >= start && c.DueOn < end)
            .Select(c => new FollowUpMark(c.ParticipantId, c.DueOn, c.ContactedOn != null, c.Reached, c.InTreatmentElsewhere, c.UseOrRelapse, c.Readmitted)).ToListAsync(ct);
        var occasions = (await DueMeasures.ForAsync(db, db.Participants.Where(p => ids.Contains(p.Id)), ct)).SelectMany(p => p.Occasions).ToList();

        var leadQuery = db.Set<AdmissionCase>().AsNoTracking().Where(c => c.ReceivedAt >= ToInstant(start) && c.ReceivedAt < ToInstant(end));
        if (f.ProgramId is { } lp) leadQuery = leadQuery.Where(c => c.ProgramId == lp);
        var leads = await leadQuery.Select(c => new { c.Id, c.Source, c.ReceivedAt, c.Stage, Steps = c.Steps.Select(s => new { s.Stage, s.EnteredAt }).ToList() }).ToListAsync(ct);

        var programs = await db.Programs.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var minimum = await db.Programs.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.MinimumWeeklyHours, ct);
        var tracks = await db.Tracks.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        var clinicianIds = people.Where(p => p.PrimaryClinicianId != null).Select(p => p.PrimaryClinicianId!.Value).Distinct().ToList();
        var clinicians = await db.Staff.AsNoTracking().Where(s => clinicianIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.FirstName + " " + s.LastName, ct);

        return new DashboardData(f, today, stays, theirs.Where(s => idSet.Contains(s.ParticipantId)).ToList(),
            people.ToDictionary(p => p.Id, p => p.PrimaryClinicianId),
            totals, weeks, stays.GroupBy(s => s.ParticipantId).ToDictionary(g => g.Key, g => minimum.GetValueOrDefault(g.First().ProgramId)),
            stayScores,
            discharges, occasions, followUps,
            leads.Select(l => new Lead(l.Source, new CaseTimeline(l.Id, l.ReceivedAt, l.Stage, l.Steps.Select(s => (s.Stage, s.EnteredAt)).ToList()))).ToList(),
            programs, tracks, clinicians, db.ReliableChangeThresholds);
    }

    private static DateTimeOffset ToInstant(DateOnly d) => new(d.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}
