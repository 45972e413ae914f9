using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Billing.FeeSchedules;
using Trellis.Web.Features.Billing.Payers;
using Trellis.Web.Features.Billing.Setup;

namespace Trellis.Web.Features.Billing.Estimates;

public sealed record EstimateLine(string Code, string Description, decimal Rate, int Quantity, decimal Total);

public sealed record Estimate(Guid ProgramId, string ProgramName, string ClinicName, string? ClinicNpi, string? ClinicTaxId, int Weeks, int DaysPerWeek,
    List<EstimateLine> Lines, decimal Total, decimal? Share, decimal? YouPay, int? HouseholdSize, decimal? Income, DateOnly Today);

/// <summary>
/// A good-faith estimate for someone paying themselves: a typical stay (weeks × days a week from the program's
/// scale) at the program's self-pay per diem, and, when they give their household size and income, what the
/// sliding-fee scale leaves them to pay. Read past the scope, as the public pages read programs: prices and
/// counts only, no person.
/// </summary>
public static class CostEstimate
{
    public static async Task<List<(Guid Id, string Name)>> ProgramsAsync(TrellisDbContext db, CancellationToken ct = default) =>
        (await db.PublishedPrograms.AsNoTracking().Where(p => p.IsActive).OrderBy(p => p.Name).Select(p => new { p.Id, p.Name }).ToListAsync(ct))
            .Select(p => (p.Id, p.Name)).ToList();

    public static async Task<Estimate?> ForAsync(TrellisDbContext db, Guid programId, int? householdSize, decimal? income, DateOnly today, CancellationToken ct = default)
    {
        var program = await db.PublishedPrograms.AsNoTracking().FirstOrDefaultAsync(p => p.Id == programId && p.IsActive, ct);
        if (program is null) return null;
        var schedule = await db.Set<FeeSchedule>().IgnoreQueryFilters([TrellisDbContext.ScopeFilter]).AsNoTracking().Include(s => s.Lines)
            .Where(s => s.ProgramId == programId && s.Payer!.Kind == PayerKind.SelfPay && s.EffectiveFrom <= today && (s.EffectiveTo == null || s.EffectiveTo >= today))
            .OrderByDescending(s => s.EffectiveFrom).FirstOrDefaultAsync(ct);
        var perDiem = schedule?.Lines.FirstOrDefault(l => l.Kind == FeeLineKind.PerDiem);
        if (perDiem is null) return null;
        var scale = await db.Set<SlidingFeeScale>().IgnoreQueryFilters([TrellisDbContext.ScopeFilter]).AsNoTracking().FirstOrDefaultAsync(s => s.ProgramId == programId, ct);
        var weeks = scale?.TypicalWeeks ?? 8;
        var days = scale?.TypicalDaysPerWeek ?? 3;
        var quantity = weeks * days;
        var line = new EstimateLine(perDiem.Code, string.IsNullOrEmpty(perDiem.Description) ? "Intensive outpatient day" : perDiem.Description, perDiem.Rate, quantity, perDiem.Rate * quantity);
        var clinic = await db.Set<BillingIdentity>().AsNoTracking().FirstOrDefaultAsync(ct);
        var name = clinic?.Name ?? await db.Clinic.Select(o => o.Name).FirstOrDefaultAsync(ct) ?? "";
        decimal? share = null, youPay = null;
        if (scale is not null && householdSize is >= 1 and <= 20 && income is >= 0)
        {
            share = scale.ShareFor(householdSize.Value, income.Value);
            youPay = Math.Round(line.Total * share.Value, 2, MidpointRounding.AwayFromZero);
        }
        return new Estimate(program.Id, program.Name, name, clinic?.Npi, clinic?.TaxId, weeks, days, [line], line.Total, share, youPay, householdSize, income, today);
    }
}
