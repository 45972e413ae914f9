using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;
using Trellis.Web.Features.Discharge;
using Trellis.Web.Features.Instruments;
using Trellis.Web.Features.Participants;
using Trellis.Web.Features.Tasks;

namespace Trellis.Web.Features.Outcomes;

/// <summary>
/// The follow-up work the schedules make: a care task for each overdue measure (closed when the measure is given,
/// from the chart or the portal), and the 30/60/90-day contacts of each final discharge with their tasks. Runs as the
/// system in the background (<see cref="OutcomeTasksService"/>) and in the demo; idempotent.
/// </summary>
public static class OutcomeTasks
{
    public const string OverdueKind = "measure_overdue";
    /// <summary>The task's source names the instrument, so one open task stands for one overdue measure.</summary>
    public static string SourceOf(string code) => $"measure:{code}";

    public static async Task<(int Raised, int Closed, int FollowUps)> SweepAsync(TrellisDbContext db, CancellationToken ct = default)
    {
        var occasions = await DueMeasures.ForAsync(db, db.Participants.Where(p => DueMeasures.InCare.Contains(p.Status)), ct);
        var open = await db.Tasks.Where(t => t.Kind == OverdueKind && t.Status == CareTaskStatus.Open).ToListAsync(ct);
        var openBy = open.ToLookup(t => (t.ParticipantId, t.SourceType));
        var today = await ProgramClock.ClinicTodayAsync(db, ct);
        int raised = 0, closed = 0;
        var overdueNow = new HashSet<(Guid, string?)>();
        foreach (var p in occasions)
        {
            foreach (var o in p.Occasions.Where(o => o.State == OccasionState.Overdue))
            {
                var source = SourceOf(o.Instrument);
                if (!overdueNow.Add((p.ParticipantId, source)) || openBy[(p.ParticipantId, source)].Any()) continue;
                var name = InstrumentCatalog.Get(o.Instrument)?.Name ?? o.Instrument;
                CareTasks.Raise(db, p.ParticipantId, OverdueKind, $"Give {name} (overdue since {o.DueOn:MMM d})", today,
                    assignedToStaffId: p.PrimaryClinicianId, assignedRole: p.PrimaryClinicianId is null ? Auth.Roles.Clinician : null,
                    detail: $"The program's measurement schedule had {name} due on {o.DueOn:MMM d, yyyy} ({o.Kind.ToString().ToLowerInvariant()}). Giving it in the chart or the portal closes this task.",
                    sourceType: source);
                raised++;
            }
        }
        foreach (var t in open.Where(t => !overdueNow.Contains((t.ParticipantId, t.SourceType))))
        {
            CareTasks.Complete(db, t, "The measure was given (or is no longer due).");
            closed++;
        }
        var followUps = await ScheduleFollowUpsAsync(db, ct);
        await db.SaveChangesAsync(ct);
        return (raised, closed, followUps);
    }

    /// <summary>Every final discharge gets its 30, 60 and 90-day contacts, each with a care task for the case manager.</summary>
    public static async Task<int> ScheduleFollowUpsAsync(TrellisDbContext db, CancellationToken ct = default)
    {
        var finals = await db.Set<ParticipantDischarge>().AsNoTracking().Where(d => d.IsFinal)
            .Where(d => !db.Set<FollowUpContact>().Any(f => f.ParticipantId == d.ParticipantId && f.DischargedOn == d.DischargedOn))
            .Select(d => new { d.ParticipantId, d.DischargedOn, d.Participant!.CaseManagerId }).ToListAsync(ct);
        foreach (var d in finals)
            foreach (var days in FollowUpContact.DaysAfterDischarge)
            {
                var contact = new FollowUpContact { ParticipantId = d.ParticipantId, DischargedOn = d.DischargedOn, DaysAfter = days, DueOn = d.DischargedOn.AddDays(days) };
                var task = CareTasks.Raise(db, d.ParticipantId, FollowUpContact.TaskKind, $"{days}-day follow-up after discharge", contact.DueOn,
                    assignedToStaffId: d.CaseManagerId, assignedRole: d.CaseManagerId is null ? Auth.Roles.CaseManager : null,
                    detail: "Reach them: are they in treatment elsewhere, any use or relapse, readmitted anywhere? Give a PHQ-9 or the program's measure if they agree, and record it on the Outcomes tab.",
                    sourceType: nameof(FollowUpContact), sourceId: contact.Id);
                contact.TaskId = task.Id;
                db.Set<FollowUpContact>().Add(contact);
            }
        return finals.Count;
    }
}

/// <summary>The overdue-measure and follow-up sweep, every 6 hours on every node (idempotent). Off with Outcomes:TasksInBackground=false.</summary>
internal sealed class OutcomeTasksService(IServiceScopeFactory scopes, IConfiguration config, ILogger<OutcomeTasksService> log, TimeProvider clock)
    : SystemJob(scopes, config, log, clock)
{
    protected override string Name => "outcome-tasks";
    protected override string Switch => "Outcomes:TasksInBackground";
    protected override TimeSpan Every => TimeSpan.FromHours(6);

    protected override async Task<string?> RunOnceAsync(TrellisDbContext db, CancellationToken ct)
    {
        var (raised, closed, followUps) = await OutcomeTasks.SweepAsync(db, ct);
        return raised + closed + followUps > 0 ? $"overdue measures: {raised} tasks raised, {closed} closed; {followUps} discharges given follow-up contacts" : null;
    }
}
