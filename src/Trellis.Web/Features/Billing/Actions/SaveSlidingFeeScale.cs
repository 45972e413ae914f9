using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Billing.FeeSchedules;

namespace Trellis.Web.Features.Billing.Actions;

/// <summary>A program's sliding-fee scale and typical stay. Called by the fee schedule page and PUT /api/programs/{id}/sliding-fee-scale.</summary>
public static class SaveSlidingFeeScale
{
    public static async Task<Result<SlidingFeeScale>> RunAsync(TrellisDbContext db, Guid programId, SlidingFeeScaleInput input, ETags.Expected expected, CancellationToken ct = default)
    {
        if (!await db.Programs.AnyAsync(p => p.Id == programId, ct)) return Refusal.NotFound("program");
        if (!db.Me.May(Permissions.ManageBilling) || !db.Scope.Covers(programId)) return Refusal.Forbidden("Only billing specialists and administrators of the program change its sliding-fee scale.");
        if (Validation.Check(input) is { } invalid) return invalid;
        var scale = await db.Set<SlidingFeeScale>().FirstOrDefaultAsync(s => s.ProgramId == programId, ct);
        if (scale is not null && expected.Check(scale.Version) is { } stale) return stale;
        scale ??= db.Set<SlidingFeeScale>().Add(new SlidingFeeScale { ProgramId = programId }).Entity;
        scale.PovertyGuidelineFirstPerson = input.PovertyGuidelineFirstPerson!.Value;
        scale.PovertyGuidelineEachAdditional = input.PovertyGuidelineEachAdditional!.Value;
        scale.Bands = input.Bands.OrderBy(b => b.UpToPercentOfPoverty).ToList();
        scale.TypicalWeeks = input.TypicalWeeks;
        scale.TypicalDaysPerWeek = input.TypicalDaysPerWeek;
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { return Refusal.Stale(scale.Version); }
        return scale;
    }
}
