using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;
using Trellis.Web.Features.Admissions;
using Trellis.Web.Features.Discharge;
using Trellis.Web.Features.Scheduling;

namespace Trellis.Web.Features.Outcomes;

public sealed record AttendanceMark(Guid ParticipantId, DateOnly On, AttendanceStatus Status, int Minutes);
public sealed record ScoreMark(Guid ParticipantId, string Instrument, DateOnly On, int Total);
public sealed record DischargeMark(Guid ParticipantId, DateOnly On, DischargeReason Reason);
public sealed record FollowUpMark(Guid ParticipantId, DateOnly DueOn, bool Recorded, bool? Reached, bool? InTreatmentElsewhere, bool? UseOrRelapse, bool? Readmitted);
public sealed record Lead(InquirySource Source, CaseTimeline Timeline);

/// <summary>Everything the figures of two periods (now and before) are counted from, loaded once through the context's filters.</summary>
public sealed record DashboardData(
    DashboardFilter Filter, DateOnly Today, IReadOnlyList<Stay> Stays, IReadOnlyList<Stay> AllStaysOfThesePeople,
    IReadOnlyDictionary<Guid, Guid?> ClinicianOf, IReadOnlyList<AttendanceMark> Attendance, IReadOnlyDictionary<Guid, decimal> MinimumHours,
    IReadOnlyList<ScoreMark> Scores, IReadOnlyList<DischargeMark> Discharges, IReadOnlyList<MeasureOccasion> Occasions,
    IReadOnlyList<FollowUpMark> FollowUps, IReadOnlyList<Lead> Leads,
    IReadOnlyDictionary<Guid, string> Programs, IReadOnlyDictionary<Guid, string> Tracks, IReadOnlyDictionary<Guid, string> Clinicians)
{
    // Looked up once per stay by several figures: built once, so a figure costs the stays, not stays × discharges.
    private Dictionary<(Guid, DateOnly), DischargeReason>? reasons;
    private ILookup<Guid, Stay>? staysByPerson;
    private ILookup<Guid, ScoreMark>? scoresByPerson;

    /// <summary>The reason of the (first) final discharge of this person on this day.</summary>
    public DischargeReason? ReasonOn(Guid participantId, DateOnly? on) =>
        on is { } day && (reasons ??= Discharges.GroupBy(x => (x.ParticipantId, x.On)).ToDictionary(g => g.Key, g => g.First().Reason)).TryGetValue((participantId, day), out var r) ? r : null;

    public ILookup<Guid, Stay> AllStaysByPerson => staysByPerson ??= AllStaysOfThesePeople.ToLookup(s => s.ParticipantId);
    public ILookup<Guid, ScoreMark> ScoresByPerson => scoresByPerson ??= Scores.ToLookup(s => s.ParticipantId);
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
        var spans = await enrollments.Where(e => e.StartedOn < end && (e.EndedOn == null || e.EndedOn >= start.AddDays(-1)))
            .Select(e => new EnrollmentSpan(e.ParticipantId, e.ProgramId, e.TrackId, e.StartedOn, e.EndedOn)).ToListAsync(ct);
        var stays = Stays.From(spans).Where(s => s.StartedOn < end && (s.EndedOn is null || s.EndedOn >= start))
            .Where(s => f.TrackId is not { } t || s.TrackIds.Contains(t)).ToList();
        var ids = stays.Select(s => s.ParticipantId).Distinct().ToList();

        // Readmissions look past the period and across programs, at these people only.
        var theirs = await db.Enrollments.AsNoTracking().Where(e => ids.Contains(e.ParticipantId) && e.StartedOn >= start)
            .Select(e => new EnrollmentSpan(e.ParticipantId, e.ProgramId, e.TrackId, e.StartedOn, e.EndedOn)).ToListAsync(ct);
        var people = await db.Participants.AsNoTracking().Where(p => ids.Contains(p.Id)).Select(p => new { p.Id, p.PrimaryClinicianId }).ToListAsync(ct);

        var attendance = await db.Attendance.AsNoTracking().Where(a => ids.Contains(a.ParticipantId))
            .Select(a => new { a.ParticipantId, Day = a.GroupSession != null ? a.GroupSession.LocalDate : a.Appointment!.LocalDate, a.Status, a.MinutesAttended })
            .Where(a => a.Day >= start && a.Day < end).ToListAsync(ct);

        var from = new DateTimeOffset(start.AddDays(-MeasureOccasions.AdmissionLookBackDays - 400).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var scores = await db.InstrumentAdministrations.AsNoTracking().Where(a => ids.Contains(a.ParticipantId) && a.Total != null && a.AdministeredAt >= from)
            .Select(a => new { a.ParticipantId, a.InstrumentCode, a.AdministeredAt, a.Total, Zone = a.Participant!.Program!.TimeZoneId }).ToListAsync(ct);
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

        return new DashboardData(f, today, stays, Stays.From(theirs),
            people.ToDictionary(p => p.Id, p => p.PrimaryClinicianId),
            attendance.Select(a => new AttendanceMark(a.ParticipantId, a.Day, a.Status, a.MinutesAttended)).ToList(),
            stays.GroupBy(s => s.ParticipantId).ToDictionary(g => g.Key, g => minimum.GetValueOrDefault(g.First().ProgramId)),
            scores.Select(s => new ScoreMark(s.ParticipantId, s.InstrumentCode, ProgramClock.LocalDate(s.AdministeredAt, ProgramClock.Zone(s.Zone)), s.Total!.Value)).ToList(),
            discharges, occasions, followUps,
            leads.Select(l => new Lead(l.Source, new CaseTimeline(l.Id, l.ReceivedAt, l.Stage, l.Steps.Select(s => (s.Stage, s.EnteredAt)).ToList()))).ToList(),
            programs, tracks, clinicians);
    }

    private static DateTimeOffset ToInstant(DateOnly d) => new(d.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}
