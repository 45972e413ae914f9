using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Billing.Accounts;
using Trellis.Web.Features.Billing.Actions;
using Trellis.Web.Features.Billing.Coverage;
using Trellis.Web.Features.Clinical;

namespace Trellis.Web.Features.Billing.Api;

/// <summary>A participant's side of money: coverages, balance and payments.</summary>
public static class AccountsApi
{
    public sealed record CoverageDto(Guid Id, Guid PayerId, string PayerName, string Rank, string? MemberId, string? GroupNumber, string Relationship,
        string? SubscriberFirstName, string? SubscriberLastName, DateOnly? SubscriberDateOfBirth, string Sex, DateOnly EffectiveFrom, DateOnly? EffectiveTo,
        DateOnly? VerifiedOn, string? VerifiedBy, int? HouseholdSize, decimal? AnnualIncome, long Version)
    {
        public static CoverageDto From(PayerCoverage c, string payer) => new(c.Id, c.PayerId, payer, EnumText.ToApi(c.Rank), c.MemberId, c.GroupNumber,
            EnumText.ToApi(c.Relationship), c.SubscriberFirstName, c.SubscriberLastName, c.SubscriberDateOfBirth, c.Sex, c.EffectiveFrom, c.EffectiveTo,
            c.VerifiedOn, c.VerifiedBy, c.HouseholdSize, c.AnnualIncome, c.Version);
    }

    public static void Map(RouteGroupBuilder api)
    {
        var p = api.MapGroup("/participants/{id:guid}").WithTags("Billing: accounts");
        p.MapGet("/coverages", Coverages).RequireAuthorization(Permissions.RecordCoverage).WithSummary("The participant's coverages (primary, secondary, self-pay) with member, subscriber, dates and eligibility checks.");
        p.MapPost("/coverages", AddCoverage).RequireAuthorization(Permissions.RecordCoverage).WithSummary("Record a coverage; the charges of the days it covers follow.");
        p.MapPut("/coverages/{coverageId:guid}", ChangeCoverage).RequireAuthorization(Permissions.RecordCoverage).WithSummary("Change a coverage (If-Match required).");
        p.MapGet("/balance", BalanceOf).RequireAuthorization(Permissions.RecordCoverage).WithSummary("The participant's balance and account lines (self-pay charges, sliding-fee discounts, their share after insurance, payments) with the running balance.");
        p.MapPost("/payments", Pay).RequireAuthorization(Permissions.RecordCoverage).WithSummary("Record a payment {amount, paidOn, method: cash|check|card|other, reference}.");
    }

    public static async Task<Results<Ok<List<CoverageDto>>, ProblemHttpResult>> Coverages(Guid id, TrellisDbContext db, CancellationToken ct)
    {
        if (await Charts.FindAsync(db, id, ct) is null) return Refusal.NotFound("participant").ToProblem();
        var rows = await db.Set<PayerCoverage>().AsNoTracking().Include(c => c.Payer).Where(c => c.ParticipantId == id).OrderBy(c => c.Rank).ThenByDescending(c => c.EffectiveFrom).ToListAsync(ct);
        await db.AuditReadAsync(nameof(PayerCoverage), rows.Select(r => ((object)r.Id, (Guid?)id)), "coverages", ct);
        return TypedResults.Ok(rows.Select(r => CoverageDto.From(r, r.Payer!.Name)).ToList());
    }

    public static async Task<Results<Created<CoverageDto>, ProblemHttpResult>> AddCoverage(Guid id, CoverageInput? input, TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        var (c, refused) = await SaveCoverage.RunAsync(db, id, null, input ?? new(), default, ct);
        if (refused is not null) return refused.ToProblem();
        ETags.Set(http, c!.Version);
        return TypedResults.Created($"/api/participants/{id}/coverages", CoverageDto.From(c, await PayerName(db, c, ct)));
    }

    public static async Task<Results<Ok<CoverageDto>, ProblemHttpResult>> ChangeCoverage(Guid id, Guid coverageId, CoverageInput? input, TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        var (c, refused) = await SaveCoverage.RunAsync(db, id, coverageId, input ?? new(), ETags.From(http), ct);
        if (refused is not null) return refused.ToProblem();
        ETags.Set(http, c!.Version);
        return TypedResults.Ok(CoverageDto.From(c, await PayerName(db, c, ct)));
    }

    private static Task<string> PayerName(TrellisDbContext db, PayerCoverage c, CancellationToken ct) =>
        db.Set<Payers.Payer>().Where(p => p.Id == c.PayerId).Select(p => p.Name).FirstAsync(ct);

    public static async Task<Results<Ok<Balance>, ProblemHttpResult>> BalanceOf(Guid id, TrellisDbContext db, CancellationToken ct)
    {
        if (await Charts.FindAsync(db, id, ct) is null) return Refusal.NotFound("participant").ToProblem();
        var balance = await AccountQueries.BalanceAsync(db, id, ct);
        await db.AuditReadAsync(nameof(AccountEntry), id, id, ct);
        return TypedResults.Ok(balance);
    }

    public static async Task<Results<Created<AccountLine>, ProblemHttpResult>> Pay(Guid id, PaymentInput? input, TrellisDbContext db, CancellationToken ct)
    {
        var (entry, refused) = await RecordPayment.RunAsync(db, id, input ?? new(), ct);
        if (refused is not null) return refused.ToProblem();
        var balance = await AccountQueries.BalanceAsync(db, id, ct);
        return TypedResults.Created($"/api/participants/{id}/balance", balance.Entries.First(e => e.Id == entry!.Id));
    }
}
