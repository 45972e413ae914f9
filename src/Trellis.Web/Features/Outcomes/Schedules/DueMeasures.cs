using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;
using Trellis.Web.Features.Discharge;
using Trellis.Web.Features.Participants;

namespace Trellis.Web.Features.Outcomes;

/// <summary>A participant's occasions under their program's schedule.</summary>
public sealed record ParticipantOccasions(Guid ParticipantId, string Name, Guid ProgramId, Guid? TrackId, Guid? PrimaryClinicianId, IReadOnlyList<MeasureOccasion> Occasions);

/// <summary>
/// Loads what <see cref="MeasureOccasions"/> needs (schedules, stays, dates given) for one participant or many, through
/// the context's filters: the chart, the due list API, the home card, the portal card, the overdue-task sweep and the
/// dashboard's measurement completion all read occasions here, so they agree.
/// </summary>
public static class DueMeasures
{
    /// <summary>Statuses with a stay the schedule runs over.</summary>
    public static readonly ParticipantStatus[] InCare = [ParticipantStatus.Admitted, ParticipantStatus.Active, ParticipantStatus.OnHold];

    public static async Task<ParticipantOccasions?> ForParticipantAsync(TrellisDbContext db, Guid participantId, CancellationToken ct = default) =>
        (await ForAsync(db, db.Participants.Where(p => p.Id == participantId), ct)).FirstOrDefault();

    /// <summary>Occasions of every participant the query selects who has been admitted (in care or discharged), within the caller's scope.</summary>
    public static async Task<List<ParticipantOccasions>> ForAsync(TrellisDbContext db, IQueryable<Participant> participants, CancellationToken ct = default)
    {
        var people = await participants.AsNoTracking().Where(p => p.AdmittedOn != null)
            .Select(p => new { p.Id, p.PreferredName, p.LegalFirstName, p.LegalLastName, p.ProgramId, p.TrackId, p.PrimaryClinicianId, p.AdmittedOn, p.DischargedOn, p.Status, Zone = p.Program!.TimeZoneId })
            .ToListAsync(ct);
        if (people.Count == 0) return [];
        var programIds = people.Select(p => p.ProgramId).Distinct().ToList();
        var schedules = await db.Set<MeasurementSchedule>().AsNoTracking().Where(s => programIds.Contains(s.ProgramId)).ToDictionaryAsync(s => s.ProgramId, ct);
        var scheduled = people.Where(p => schedules.ContainsKey(p.ProgramId)).ToList();
        var ids = scheduled.Select(p => p.Id).ToList();
        var codes = schedules.Values.SelectMany(s => s.Rules).Select(r => r.Instrument!.ToLowerInvariant()).Distinct().ToList();
        var earliest = scheduled.Count == 0 ? DateOnly.MaxValue : scheduled.Min(p => p.AdmittedOn!.Value).AddDays(-MeasureOccasions.AdmissionLookBackDays - 1);
        var since = new DateTimeOffset(earliest.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var given = ids.Count == 0 ? [] : await db.InstrumentAdministrations.AsNoTracking()
            .Where(a => ids.Contains(a.ParticipantId) && codes.Contains(a.InstrumentCode) && a.AdministeredAt >= since)
            .Select(a => new { a.ParticipantId, a.InstrumentCode, a.AdministeredAt }).ToListAsync(ct);
        var givenBy = given.ToLookup(g => g.ParticipantId);
        var drafts = ids.Count == 0 ? [] : await db.Set<ParticipantDischarge>().AsNoTracking()
            .Where(d => ids.Contains(d.ParticipantId) && !d.IsFinal).Select(d => new { d.ParticipantId, d.DischargedOn }).ToListAsync(ct);
        var planned = drafts.GroupBy(d => d.ParticipantId).ToDictionary(g => g.Key, g => g.Max(d => d.DischargedOn));
        var now = db.Now;

        return people.Select(p =>
        {
            var occasions = new List<MeasureOccasion>();
            if (schedules.TryGetValue(p.ProgramId, out var schedule))
            {
                var zone = ProgramClock.Zone(p.Zone);
                var end = p.Status == ParticipantStatus.Discharged ? p.DischargedOn : planned.TryGetValue(p.Id, out var d) && d != default ? d : null;
                if (p.Status == ParticipantStatus.Discharged || InCare.Contains(p.Status))
                    occasions = MeasureOccasions.For(schedule.Rules, new ScheduledStay(p.AdmittedOn!.Value, end),
                        givenBy[p.Id].Select(g => (g.InstrumentCode, ProgramClock.LocalDate(g.AdministeredAt, zone))), ProgramClock.Today(now, p.Zone));
            }
            return new ParticipantOccasions(p.Id, Participant.NameOf(p.PreferredName, p.LegalFirstName, p.LegalLastName), p.ProgramId, p.TrackId, p.PrimaryClinicianId, occasions);
        }).ToList();
    }
}
