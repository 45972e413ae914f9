using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;
using Trellis.Web.Features.Discharge;
using Trellis.Web.Features.Instruments;
using Trellis.Web.Features.Medications;
using Trellis.Web.Features.Participants;

namespace Trellis.Web.Features.Outcomes;

/// <summary>One score on a trend, and what its change from baseline means (null for the baseline itself).</summary>
public sealed record TrendPoint(Guid Id, DateOnly On, int Score, string? Band, ChangeOutcome? FromBaseline);

/// <summary>An instrument's scores in a stay; Baseline is the first, the admission baseline.</summary>
public sealed record InstrumentTrend(InstrumentDefinition Definition, IReadOnlyList<TrendPoint> Points)
{
    public TrendPoint Baseline => Points[0];
    public TrendPoint Latest => Points[^1];
    /// <summary>Baseline against latest, by every definition; null until given twice.</summary>
    public ChangeOutcome? Outcome => Points.Count >= 2 ? Latest.FromBaseline : null;
}

/// <summary>A dated event drawn on the charts: admission, a level-of-care change, a medication started.</summary>
public sealed record ChartEvent(DateOnly On, string Kind, string Label);

public sealed record ParticipantTrends(Participant Participant, IReadOnlyList<InstrumentTrend> Instruments, IReadOnlyList<ChartEvent> Events);

/// <summary>
/// A participant's scores per instrument since the admission baseline (from <see cref="MeasureOccasions.AdmissionLookBackDays"/>
/// days before admission, as the discharge summary takes it, to discharge), each compared with the baseline by
/// <see cref="ChangeRules"/>, and the events the charts annotate. The chart tab and GET /api/participants/{id}/outcomes read it.
/// </summary>
public static class ParticipantTrendQueries
{
    public static async Task<ParticipantTrends?> LoadAsync(TrellisDbContext db, Guid participantId, CancellationToken ct = default)
    {
        if (await ParticipantQueries.GetAsync(db, participantId, ct: ct) is not { } p) return null;
        var zone = ProgramClock.Zone(p.Program?.TimeZoneId ?? NoZone);
        var from = p.AdmittedOn?.AddDays(-MeasureOccasions.AdmissionLookBackDays);
        var rows = await db.InstrumentAdministrations.AsNoTracking().Where(a => a.ParticipantId == participantId && a.Total != null)
            .OrderBy(a => a.AdministeredAt).Select(a => new { a.Id, a.InstrumentCode, a.Total, a.Band, a.AdministeredAt }).ToListAsync(ct);
        var trends = new List<InstrumentTrend>();
        foreach (var g in rows.Select(r => (r.Id, r.InstrumentCode, Total: r.Total!.Value, r.Band, On: ProgramClock.LocalDate(r.AdministeredAt, zone)))
                     .Where(r => (from is null || r.On >= from) && (p.DischargedOn is null || r.On <= p.DischargedOn))
                     .GroupBy(r => r.InstrumentCode))
        {
            if (InstrumentCatalog.Get(g.Key) is not { } d) continue;
            var list = g.ToList();
            var baseline = list[0].Total;
            trends.Add(new InstrumentTrend(d, list.Select((r, i) => new TrendPoint(r.Id, r.On, r.Total, r.Band, i == 0 ? null : ChangeRules.Evaluate(d, baseline, r.Total, db.ReliableChangeThresholds))).ToList()));
        }
        trends = trends.OrderBy(t => InstrumentCatalog.All.ToList().IndexOf(t.Definition)).ToList();
        await db.AuditReadAsync(nameof(InstrumentAdministration), rows.Select(r => ((object)r.Id, (Guid?)participantId)), "outcomes", ct);
        return new ParticipantTrends(p, trends, await EventsAsync(db, p, ct));
    }

    private const string NoZone = "UTC";

    private static async Task<List<ChartEvent>> EventsAsync(TrellisDbContext db, Participant p, CancellationToken ct)
    {
        var events = new List<ChartEvent>();
        if (p.AdmittedOn is { } a) events.Add(new ChartEvent(a, "admission", "Admitted"));
        var moves = await db.LevelOfCareChanges.AsNoTracking().Where(c => c.ParticipantId == p.Id).OrderBy(c => c.EffectiveOn).ToListAsync(ct);
        events.AddRange(moves.Where(m => m.EffectiveOn != p.AdmittedOn).Select(m => new ChartEvent(m.EffectiveOn, "level-of-care",
            $"Level of care: {Infrastructure.EnumText.Label(m.ToLevel)}")));
        var meds = await db.Set<Medication>().AsNoTracking().Where(m => m.ParticipantId == p.Id && m.StartedOn != null && !m.EnteredInError)
            .Select(m => new { m.Name, m.StartedOn }).ToListAsync(ct);
        events.AddRange(meds.Where(m => p.AdmittedOn is null || m.StartedOn >= p.AdmittedOn).Select(m => new ChartEvent(m.StartedOn!.Value, "medication", $"Started {m.Name}")));
        if (p.DischargedOn is { } d) events.Add(new ChartEvent(d, "discharge", "Discharged"));
        return events.OrderBy(e => e.On).ToList();
    }
}
