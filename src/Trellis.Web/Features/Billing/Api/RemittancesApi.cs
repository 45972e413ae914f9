using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Billing.Actions;
using Trellis.Web.Features.Billing.Remittances;

namespace Trellis.Web.Features.Billing.Api;

/// <summary>Remittances: import an 835, list and read what was posted.</summary>
public static class RemittancesApi
{
    /// <summary>An 835 for a month of a busy clinic is well under this; anything larger is not a remittance.</summary>
    public const int MaxBytes = 20 * 1024 * 1024;

    public sealed record RemittanceRow(Guid Id, string PayerName, string TraceNumber, DateOnly PaymentDate, decimal TotalPaid, int Posted, int Denied, int Unmatched, DateTimeOffset ImportedAt);
    public sealed record AdjustmentText(string Group, string GroupText, string Reason, string ReasonText, decimal Amount, int? Line);
    public sealed record ClaimPosting(Guid ClaimId, string ClaimNumber, Guid ParticipantId, string Status, decimal Charge, decimal Paid, decimal PatientResponsibility,
        List<AdjustmentText> Adjustments, List<string> Remarks, bool Reversed);
    public sealed record RemittanceDetail(RemittanceRow Remittance, decimal ProviderAdjustments, List<ClaimPosting> Claims, List<UnmatchedClaim> UnmatchedClaims);

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/remittances").WithTags("Billing: remittances").RequireAuthorization(Permissions.ViewBilling);
        g.MapGet("/", List).WithSummary("Imported 835 payments, newest first.");
        g.MapGet("/{id:guid}", Get).WithSummary("One payment: what it posted to each claim, with reason (CARC) and remark (RARC) codes in words, and the claims it named that were not posted (unmatchedClaims: no such claim, or a reason in words, such as a reversal of a payment never posted).");
        // No Accepts(...) here: it makes routing answer 415 before authorization, telling a caller without the
        // permission what the endpoint takes. The handler checks the content type after the permission.
        g.MapPost("/", Import).RequireAuthorization(Permissions.ManageBilling)
            .WithSummary("Import an 835 (005010X221A1) sent as the body with Content-Type application/edi-x12; posted whole in one transaction. Answers {posted, denied, unmatched, reversed}; a reversal (CLP02 22) takes back the earlier posting it names, and one that matches no posting is listed unposted with its reason. A malformed or unbalanced file answers 400 naming the segment and element; nothing is posted.");
    }

    public static async Task<Ok<List<RemittanceRow>>> List(TrellisDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await db.Set<Remittance>().AsNoTracking().OrderByDescending(r => r.CreatedAt).Take(500)
            .Select(r => new RemittanceRow(r.Id, r.PayerName, r.TraceNumber, r.PaymentDate, r.TotalPaid, r.Posted, r.Denied, r.Unmatched, r.CreatedAt)).ToListAsync(ct));

    public static async Task<Results<Ok<RemittanceDetail>, ProblemHttpResult>> Get(Guid id, TrellisDbContext db, CancellationToken ct)
    {
        if (await DetailAsync(db, id, ct) is not { } detail) return Refusal.NotFound("remittance").ToProblem();
        await db.AuditReadAsync(nameof(RemittanceClaim), detail.Claims.Select(c => ((object)c.ClaimId, (Guid?)c.ParticipantId)), "remittance", ct);
        return TypedResults.Ok(detail);
    }

    public static async Task<RemittanceDetail?> DetailAsync(TrellisDbContext db, Guid id, CancellationToken ct)
    {
        var r = await db.Set<Remittance>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (r is null) return null;
        var claims = await (from rc in db.Set<RemittanceClaim>().AsNoTracking().Where(x => x.RemittanceId == id)
                            join c in db.Set<Claims.Claim>() on rc.ClaimId equals c.Id
                            orderby c.Number
                            select new { rc, c.Number }).ToListAsync(ct);
        return new RemittanceDetail(new RemittanceRow(r.Id, r.PayerName, r.TraceNumber, r.PaymentDate, r.TotalPaid, r.Posted, r.Denied, r.Unmatched, r.CreatedAt), r.ProviderAdjustments,
            claims.Select(x => new ClaimPosting(x.rc.ClaimId, x.Number, x.rc.ParticipantId, x.rc.StatusCode, x.rc.Charge, x.rc.Paid, x.rc.PatientResponsibility,
                x.rc.Adjustments.Select(a => new AdjustmentText(a.Group, ReasonCodes.Group(a.Group), a.Reason, ReasonCodes.Reason(a.Reason), a.Amount, a.Line)).ToList(),
                x.rc.Remarks.Select(m => $"{m}: {ReasonCodes.Remark(m)}").ToList(), x.rc.ReversedById is not null)).ToList(), r.UnmatchedClaims);
    }

    public static async Task<Results<Ok<PostedRemittance>, ProblemHttpResult>> Import(HttpRequest request, TrellisDbContext db, CancellationToken ct)
    {
        var (text, bad) = await ReadX12Async(request, "835", ct);
        if (bad is not null) return bad.ToProblem();
        var (posted, refused) = await PostRemittance.RunAsync(db, text!, ct);
        return refused is not null ? refused.ToProblem() : TypedResults.Ok(posted!);
    }

    /// <summary>An X12 file sent as the body (application/edi-x12 or text/plain), at most 20 MB.</summary>
    public static async Task<(string? Text, Refusal? Refused)> ReadX12Async(HttpRequest request, string what, CancellationToken ct)
    {
        var type = request.ContentType ?? "";
        if (!type.StartsWith(ClaimsApi.X12ContentType, StringComparison.OrdinalIgnoreCase) && !type.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase))
            return (null, new Refusal(415, $"Send an {what} file", $"Send the {what} as the request body with Content-Type {ClaimsApi.X12ContentType} (or text/plain); '{type}' was sent."));
        var tooLarge = new Refusal(413, "Too large", $"An {what} file is at most 20 MB; split the file.");
        if (request.ContentLength > MaxBytes) return (null, tooLarge);
        using var reader = new StreamReader(request.Body);
        var text = new System.Text.StringBuilder();
        var chunk = new char[81920];
        int n;
        while ((n = await reader.ReadAsync(chunk, ct)) > 0)
        {
            text.Append(chunk, 0, n);
            if (text.Length > MaxBytes) return (null, tooLarge);
        }
        return (text.ToString(), null);
    }
}
