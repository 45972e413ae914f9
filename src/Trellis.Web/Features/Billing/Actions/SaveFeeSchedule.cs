using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Billing.FeeSchedules;
using Trellis.Web.Features.Billing.Payers;

namespace Trellis.Web.Features.Billing.Actions;

/// <summary>
/// Adds or replaces a program's fee schedule for a payer. Charges already made keep their prices; recompute a
/// period (POST /api/charges/recompute) to reprice unbilled ones. Called by the fee schedule page and /api/fee-schedules.
/// </summary>
public static class SaveFeeSchedule
{
    public static async Task<Result<FeeSchedule>> RunAsync(TrellisDbContext db, Guid? scheduleId, FeeScheduleInput input, ETags.Expected expected, CancellationToken ct = default)
    {
        FeeSchedule? schedule = null;
        if (scheduleId is { } id && (schedule = await db.Set<FeeSchedule>().Include(s => s.Lines).FirstOrDefaultAsync(s => s.Id == id, ct)) is null) return Refusal.NotFound("fee schedule");
        if (!db.Me.May(Permissions.ManageBilling)) return Refusal.Forbidden("Only billing specialists and administrators change fee schedules.");
        if (Validation.Check(input) is { } invalid) return invalid;
        if (!db.Scope.Covers(input.ProgramId!.Value) || !await db.Programs.AnyAsync(p => p.Id == input.ProgramId, ct))
            return Refusal.Invalid("programId", "No program with that id is in your programs.");
        if (await db.Set<Payer>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == input.PayerId, ct) is not { } payer)
            return Refusal.Invalid("payerId", "No payer with that id.");
        if (payer.TiersByServiceCount && !(input.Lines.Any(l => l.Kind == FeeLineKind.IopTier3) && input.Lines.Any(l => l.Kind == FeeLineKind.IopTier4Plus)))
            return Refusal.Invalid("lines", $"{payer.Name} pays IOP days by tier: add both tier lines (3 services, and 4 or more).");
        if (payer.Method == BillingMethod.PerDiem && !payer.TiersByServiceCount && !input.Lines.Any(l => l.Kind == FeeLineKind.PerDiem))
            return Refusal.Invalid("lines", $"{payer.Name} pays a per diem: add the per-diem line (S9480 or H0015).");
        var end = input.EffectiveTo ?? DateOnly.MaxValue;
        if (await db.Set<FeeSchedule>().AnyAsync(s => s.Id != scheduleId && s.ProgramId == input.ProgramId && s.PayerId == input.PayerId
                && s.EffectiveFrom <= end && (s.EffectiveTo == null || s.EffectiveTo >= input.EffectiveFrom), ct))
            return Refusal.Invalid("effectiveFrom", "Another schedule for this program and payer covers some of these dates; end it first.");
        if (schedule is not null && expected.Check(schedule.Version) is { } stale) return stale;
        if (schedule is null) schedule = db.Set<FeeSchedule>().Add(new FeeSchedule()).Entity;
        else db.RemoveRange(schedule.Lines);
        schedule.ProgramId = input.ProgramId!.Value;
        schedule.PayerId = input.PayerId!.Value;
        schedule.EffectiveFrom = input.EffectiveFrom!.Value;
        schedule.EffectiveTo = input.EffectiveTo;
        schedule.Lines = input.Lines.Select(l => l.ToLine()).ToList();
        foreach (var line in schedule.Lines) { line.FeeScheduleId = schedule.Id; db.Add(line); }
        db.Entry(schedule).Property(s => s.UpdatedAt).IsModified = true; // the version moves when only its lines change
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { return Refusal.Stale(schedule.Version); }
        return schedule;
    }
}
