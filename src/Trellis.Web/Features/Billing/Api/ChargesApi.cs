using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Http.HttpResults;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Billing.Actions;
using Trellis.Web.Features.Billing.Charges;

namespace Trellis.Web.Features.Billing.Api;

/// <summary>Charges: thin adapters over the actions the pages call too.</summary>
public static class ChargesApi
{
    public sealed record ChargeList(List<ChargeDto> Items, int Page, int PageSize, int Total);

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/charges").WithTags("Billing: charges").RequireAuthorization(Permissions.ViewBilling);
        g.MapGet("/", List).WithSummary("Charges made from attendance: ?status=held|ready|billed|void, ?participantId=, ?from=&to= (yyyy-MM-dd). ?page=1&pageSize=50 (at most 200), newest first; answers {items, page, pageSize, total}. Each with its holdReasons [{code, text}], lines and what they trace to.");
        g.MapGet("/{id:guid}", Get).WithSummary("One charge. ETag: its version.");
        g.MapPost("/{id:guid}/release", Release).RequireAuthorization(Permissions.ManageBilling)
            .WithSummary("Release a held charge with a reason (If-Match required). Only authorization and minimum-time holds are released; others answer 409 naming what to fix.");
        g.MapPost("/recompute", Recompute).RequireAuthorization(Permissions.ManageBilling)
            .WithSummary("Recompute the charges of a period {from, to} (after fee schedule, payer or NPI changes). Answers {created, voided, updated}.");
    }

    public static async Task<Results<Ok<ChargeList>, ProblemHttpResult>> List(string? status, Guid? participantId, string? from, string? to, string? page, string? pageSize, TrellisDbContext db, CancellationToken ct)
    {
        ChargeStatus? s = null;
        if (status is not null)
        {
            if (!EnumText.TryParse<ChargeStatus>(status, out var parsed)) return Refusal.Invalid("status", $"'{status}' is not a charge status; use {EnumText.Allowed<ChargeStatus>()}.").ToProblem();
            s = parsed;
        }
        if (from is not null && QueryText.Date(from) is null) return Refusal.Invalid("from", $"'{from}' is not a date; use yyyy-MM-dd.").ToProblem();
        if (to is not null && QueryText.Date(to) is null) return Refusal.Invalid("to", $"'{to}' is not a date; use yyyy-MM-dd.").ToProblem();
        var (paging, bad) = Paging.Read(page, pageSize);
        if (bad is not null) return bad.ToProblem();
        var query = ChargeQueries.Filter(db, s, participantId, QueryText.Date(from), QueryText.Date(to));
        var total = await query.CountAsync(ct);
        var rows = await ChargeQueries.ListAsync(db, query.Skip((paging.Page - 1) * paging.PageSize).Take(paging.PageSize), ct);
        await db.AuditReadAsync(nameof(Charge), rows.Select(r => ((object)r.Id, (Guid?)r.ParticipantId)), "charge list", ct);
        return TypedResults.Ok(new ChargeList(rows, paging.Page, paging.PageSize, total));
    }

    public static async Task<Results<Ok<ChargeDto>, ProblemHttpResult>> Get(Guid id, TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        if ((await ChargeQueries.ListAsync(db, db.Set<Charge>().Where(c => c.Id == id), ct)).FirstOrDefault() is not { } charge) return Refusal.NotFound("charge").ToProblem();
        await db.AuditReadAsync(nameof(Charge), charge.Id, charge.ParticipantId, ct);
        ETags.Set(http, charge.Version);
        return TypedResults.Ok(charge);
    }

    public static async Task<Results<Ok<ChargeDto>, ProblemHttpResult>> Release(Guid id, ReleaseInput? input, TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        var (charge, refused) = await ReleaseCharge.RunAsync(db, id, input ?? new(), ETags.From(http), ct);
        if (refused is not null) return refused.ToProblem();
        ETags.Set(http, charge!.Version);
        return TypedResults.Ok((await ChargeQueries.ListAsync(db, db.Set<Charge>().Where(c => c.Id == id), ct))[0]);
    }

    public static async Task<Results<Ok<ChargeEngine.Outcome>, ProblemHttpResult>> Recompute(PeriodInput? input, TrellisDbContext db, CancellationToken ct)
    {
        var (outcome, refused) = await GenerateCharges.RunAsync(db, input ?? new(), ct);
        return refused is not null ? refused.ToProblem() : TypedResults.Ok(outcome!);
    }
}
