using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Billing.Actions;
using Trellis.Web.Features.Billing.FeeSchedules;
using Trellis.Web.Features.Billing.Payers;
using Trellis.Web.Features.Billing.Setup;

namespace Trellis.Web.Features.Billing.Api;

/// <summary>Payers, fee schedules, sliding-fee scales, the billing identity and clinicians' NPIs.</summary>
public static class SetupApi
{
    public sealed record PayerDto(Guid Id, string Name, string PayerId, string Kind, string ClaimType, string Method, string FilingIndicator, int MinimumMinutesForPerDiem,
        bool TiersByServiceCount, bool RequiresAuthorization, string TelehealthModifier, bool IsActive, long Version)
    {
        public static PayerDto From(Payer p) => new(p.Id, p.Name, p.PayerId, EnumText.ToApi(p.Kind), EnumText.ToApi(p.ClaimType), EnumText.ToApi(p.Method), p.FilingIndicator,
            p.MinimumMinutesForPerDiem, p.TiersByServiceCount, p.RequiresAuthorization, p.TelehealthModifier, p.IsActive, p.Version);
    }

    public sealed record FeeScheduleDto(Guid Id, Guid ProgramId, Guid PayerId, DateOnly EffectiveFrom, DateOnly? EffectiveTo, List<FeeLineInput> Lines, long Version)
    {
        public static FeeScheduleDto From(FeeSchedule s) => new(s.Id, s.ProgramId, s.PayerId, s.EffectiveFrom, s.EffectiveTo, s.Lines.Select(FeeLineInput.From).ToList(), s.Version);
    }

    public sealed record ClinicianDto(Guid StaffMemberId, string Name, string? Credential, DateOnly? LicenseExpiresOn, string? Npi, string? Taxonomy);

    public static void Map(RouteGroupBuilder api)
    {
        var payers = api.MapGroup("/payers").WithTags("Billing: setup").RequireAuthorization(Permissions.ViewBilling);
        payers.MapGet("/", Payers).WithSummary("Payers with their rules (claim type, per diem or per service, minimum minutes for a per diem, Medicare IOP tiers, authorization).");
        payers.MapGet("/{id:guid}", Payer).WithSummary("One payer. ETag: its version.");
        payers.MapPost("/", CreatePayer).RequireAuthorization(Permissions.ManageBilling).WithSummary("Add a payer.");
        payers.MapPut("/{id:guid}", UpdatePayer).RequireAuthorization(Permissions.ManageBilling).WithSummary("Change a payer (If-Match required).");

        var fees = api.MapGroup("/fee-schedules").WithTags("Billing: setup").RequireAuthorization(Permissions.ViewBilling);
        fees.MapGet("/", Schedules).WithSummary("Fee schedules of your programs, per program and payer, with effective dates and lines (code, revenue code, rate, minutes, qualifies for the IOP tier).");
        fees.MapGet("/{id:guid}", Schedule).WithSummary("One fee schedule. ETag: its version.");
        fees.MapPost("/", CreateSchedule).RequireAuthorization(Permissions.ManageBilling).WithSummary("Add a fee schedule.");
        fees.MapPut("/{id:guid}", UpdateSchedule).RequireAuthorization(Permissions.ManageBilling).WithSummary("Replace a fee schedule's dates and lines (If-Match required).");

        var billing = api.MapGroup("/billing").WithTags("Billing: setup").RequireAuthorization(Permissions.ViewBilling);
        billing.MapGet("/identity", Identity).WithSummary("The clinic's billing identity (name, NPI, tax id, taxonomy, address, clearinghouse ids). ETag: its version; 404 until set up.");
        billing.MapPut("/identity", SaveIdentity).RequireAuthorization(Permissions.ManageBilling).WithSummary("Set the billing identity; If-Match required once it exists.");
        billing.MapGet("/clinicians", Clinicians).WithSummary("Clinicians with their licence expiry and the NPI and taxonomy claims name them by.");
        billing.MapPut("/clinicians/{staffId:guid}", SaveClinician).RequireAuthorization(Permissions.ManageBilling).WithSummary("Record a clinician's NPI and taxonomy {npi, taxonomy}.");

        var programs = api.MapGroup("/programs/{id:guid}/sliding-fee-scale").WithTags("Billing: setup").RequireAuthorization(Permissions.ViewBilling);
        programs.MapGet("/", Scale).WithSummary("The program's sliding-fee scale (bands by % of the poverty guideline) and typical stay. ETag: its version.");
        programs.MapPut("/", SaveScale).RequireAuthorization(Permissions.ManageBilling).WithSummary("Set the sliding-fee scale; If-Match required once it exists.");
    }

    public static async Task<Ok<List<PayerDto>>> Payers(TrellisDbContext db, CancellationToken ct) =>
        TypedResults.Ok((await db.Set<Payer>().AsNoTracking().OrderBy(p => p.Name).ToListAsync(ct)).Select(PayerDto.From).ToList());

    public static async Task<Results<Ok<PayerDto>, ProblemHttpResult>> Payer(Guid id, TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        if (await db.Set<Payer>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct) is not { } payer) return Refusal.NotFound("payer").ToProblem();
        ETags.Set(http, payer.Version);
        return TypedResults.Ok(PayerDto.From(payer));
    }

    public static async Task<Results<Created<PayerDto>, ProblemHttpResult>> CreatePayer(PayerInput? input, TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        var (payer, refused) = await SavePayer.RunAsync(db, null, input ?? new(), default, ct);
        if (refused is not null) return refused.ToProblem();
        ETags.Set(http, payer!.Version);
        return TypedResults.Created($"/api/payers/{payer.Id}", PayerDto.From(payer));
    }

    public static async Task<Results<Ok<PayerDto>, ProblemHttpResult>> UpdatePayer(Guid id, PayerInput? input, TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        var (payer, refused) = await SavePayer.RunAsync(db, id, input ?? new(), ETags.From(http), ct);
        if (refused is not null) return refused.ToProblem();
        ETags.Set(http, payer!.Version);
        return TypedResults.Ok(PayerDto.From(payer));
    }

    public static async Task<Ok<List<FeeScheduleDto>>> Schedules(Guid? programId, Guid? payerId, TrellisDbContext db, CancellationToken ct) =>
        TypedResults.Ok((await db.Set<FeeSchedule>().AsNoTracking().Include(s => s.Lines)
            .Where(s => (programId == null || s.ProgramId == programId) && (payerId == null || s.PayerId == payerId))
            .OrderBy(s => s.ProgramId).ThenBy(s => s.PayerId).ThenByDescending(s => s.EffectiveFrom).ToListAsync(ct)).Select(FeeScheduleDto.From).ToList());

    public static async Task<Results<Ok<FeeScheduleDto>, ProblemHttpResult>> Schedule(Guid id, TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        if (await db.Set<FeeSchedule>().AsNoTracking().Include(s => s.Lines).FirstOrDefaultAsync(s => s.Id == id, ct) is not { } s) return Refusal.NotFound("fee schedule").ToProblem();
        ETags.Set(http, s.Version);
        return TypedResults.Ok(FeeScheduleDto.From(s));
    }

    public static async Task<Results<Created<FeeScheduleDto>, ProblemHttpResult>> CreateSchedule(FeeScheduleInput? input, TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        var (s, refused) = await SaveFeeSchedule.RunAsync(db, null, input ?? new(), default, ct);
        if (refused is not null) return refused.ToProblem();
        ETags.Set(http, s!.Version);
        return TypedResults.Created($"/api/fee-schedules/{s.Id}", FeeScheduleDto.From(s));
    }

    public static async Task<Results<Ok<FeeScheduleDto>, ProblemHttpResult>> UpdateSchedule(Guid id, FeeScheduleInput? input, TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        var (s, refused) = await SaveFeeSchedule.RunAsync(db, id, input ?? new(), ETags.From(http), ct);
        if (refused is not null) return refused.ToProblem();
        ETags.Set(http, s!.Version);
        return TypedResults.Ok(FeeScheduleDto.From(s));
    }

    public static async Task<Results<Ok<BillingIdentityInput>, ProblemHttpResult>> Identity(TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        if (await db.Set<BillingIdentity>().AsNoTracking().FirstOrDefaultAsync(ct) is not { } identity)
            return new Refusal(404, "Not set up", "The billing identity has not been entered yet: PUT it once.").ToProblem();
        ETags.Set(http, identity.Version);
        return TypedResults.Ok(BillingIdentityInput.From(identity));
    }

    public static async Task<Results<Ok<BillingIdentityInput>, ProblemHttpResult>> SaveIdentity(BillingIdentityInput? input, TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        var (identity, refused) = await SaveBillingIdentity.RunAsync(db, input ?? new(), ETags.From(http), ct);
        if (refused is not null) return refused.ToProblem();
        ETags.Set(http, identity!.Version);
        return TypedResults.Ok(BillingIdentityInput.From(identity));
    }

    public static async Task<Ok<List<ClinicianDto>>> Clinicians(TrellisDbContext db, CancellationToken ct)
    {
        var npis = await db.Set<RenderingProvider>().AsNoTracking().ToDictionaryAsync(r => r.StaffMemberId, ct);
        var staff = await db.Staff.AsNoTracking().Where(s => s.IsActive && s.CredentialType != null).OrderBy(s => s.LastName).ToListAsync(ct);
        return TypedResults.Ok(staff.Select(s => new ClinicianDto(s.Id, s.FullName, s.CredentialType, s.LicenseExpiresOn, npis.GetValueOrDefault(s.Id)?.Npi, npis.GetValueOrDefault(s.Id)?.Taxonomy)).ToList());
    }

    public sealed record ClinicianInput(string? Npi, string? Taxonomy);

    public static async Task<Results<Ok<RenderingProvider>, ProblemHttpResult>> SaveClinician(Guid staffId, ClinicianInput? input, TrellisDbContext db, CancellationToken ct)
    {
        var (provider, refused) = await SaveRenderingProvider.RunAsync(db, new RenderingProviderInput { StaffMemberId = staffId, Npi = input?.Npi, Taxonomy = input?.Taxonomy }, ct);
        return refused is not null ? refused.ToProblem() : TypedResults.Ok(provider!);
    }

    public static async Task<Results<Ok<SlidingFeeScaleInput>, ProblemHttpResult>> Scale(Guid id, TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        if (!await db.Programs.AnyAsync(p => p.Id == id, ct)) return Refusal.NotFound("program").ToProblem();
        if (await db.Set<SlidingFeeScale>().AsNoTracking().FirstOrDefaultAsync(s => s.ProgramId == id, ct) is not { } s)
            return new Refusal(404, "No scale yet", "This program has no sliding-fee scale yet: PUT one.").ToProblem();
        ETags.Set(http, s.Version);
        return TypedResults.Ok(new SlidingFeeScaleInput
        {
            PovertyGuidelineFirstPerson = s.PovertyGuidelineFirstPerson, PovertyGuidelineEachAdditional = s.PovertyGuidelineEachAdditional, Bands = s.Bands,
            TypicalWeeks = s.TypicalWeeks, TypicalDaysPerWeek = s.TypicalDaysPerWeek,
        });
    }

    public static async Task<Results<Ok<SlidingFeeScaleInput>, ProblemHttpResult>> SaveScale(Guid id, SlidingFeeScaleInput? input, TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        var (scale, refused) = await SaveSlidingFeeScale.RunAsync(db, id, input ?? new(), ETags.From(http), ct);
        if (refused is not null) return refused.ToProblem();
        ETags.Set(http, scale!.Version);
        return TypedResults.Ok(input!);
    }
}
