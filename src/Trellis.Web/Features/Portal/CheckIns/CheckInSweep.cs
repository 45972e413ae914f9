using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;
using Trellis.Web.Features.Outcomes;
using Trellis.Web.Features.Tasks;

namespace Trellis.Web.Features.Portal.CheckIns;

/// <summary>
/// "N days without a check-in": a care task for the primary clinician of each participant in care who has checked in
/// before (someone who never used the portal is not missing from it) and whose last check-in is the program's number of
/// days old. One open task per participant; the next check-in closes it. Runs as the system in the background; idempotent.
/// </summary>
public static class CheckInSweep
{
    public static async Task<int> RunAsync(TrellisDbContext db, CancellationToken ct = default)
    {
        var last = await db.Set<CheckIn>().AsNoTracking()
            .Where(c => DueMeasures.InCare.Contains(c.Participant!.Status))
            .GroupBy(c => c.ParticipantId).Select(g => new { ParticipantId = g.Key, Day = g.Max(c => c.Day) }).ToListAsync(ct);
        if (last.Count == 0) return 0;
        var ids = last.Select(l => l.ParticipantId).ToList();
        var people = await db.Participants.AsNoTracking().Include(p => p.Program).Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var programIds = people.Values.Select(p => p.ProgramId).Distinct().ToList();
        var rules = await db.Set<CheckInRules>().AsNoTracking().Where(r => programIds.Contains(r.ProgramId)).ToDictionaryAsync(r => r.ProgramId, ct);
        var open = (await db.Tasks.AsNoTracking().Where(t => t.Kind == CheckInAlerts.MissingKind && t.Status == CareTaskStatus.Open).Select(t => t.ParticipantId).ToListAsync(ct)).ToHashSet();
        var raised = 0;
        foreach (var l in last)
        {
            if (!people.TryGetValue(l.ParticipantId, out var p) || open.Contains(p.Id)) continue;
            var today = p.Today(db.Now);
            var r = rules.GetValueOrDefault(p.ProgramId) ?? CheckInRules.Default(p.ProgramId);
            if (!CheckInAlerts.Missing(l.Day, today, r)) continue;
            CareTasks.Raise(db, p.Id, CheckInAlerts.MissingKind, $"No check-in from {p.DisplayName} since {l.Day:MMM d}", today,
                p.PrimaryClinicianId, p.PrimaryClinicianId is null ? Auth.Roles.Clinician : null,
                $"{p.DisplayName} checked in every day or so and has not since {l.Day:MMMM d} ({today.DayNumber - l.Day.DayNumber} days; the program alerts at {r.DaysWithoutCheckIn}). Reach out; their next check-in closes this task.");
            raised++;
        }
        if (raised > 0) await db.SaveChangesAsync(ct);
        return raised;
    }
}

internal sealed class CheckInSweepService(IServiceScopeFactory scopes, IConfiguration config, ILogger<CheckInSweepService> log, TimeProvider clock)
    : SystemJob(scopes, config, log, clock)
{
    protected override string Name => "check-in-sweep";
    protected override string Switch => "Portal:CheckInSweepInBackground";
    protected override TimeSpan Every => TimeSpan.FromHours(3);

    protected override async Task<string?> RunOnceAsync(TrellisDbContext db, CancellationToken ct) =>
        await CheckInSweep.RunAsync(db, ct) is > 0 and var raised ? $"{raised} missing-check-in tasks raised" : null;
}
