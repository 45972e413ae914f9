using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Billing.Actions;
using Trellis.Web.Features.Billing.Claims;
using Trellis.Web.Features.Billing.X12;

namespace Trellis.Web.Features.Billing.Api;

/// <summary>Claims: build, send, the 837 of one, the form view's data, denials to work.</summary>
public static class ClaimsApi
{
    public const string X12ContentType = "application/edi-x12";

    public sealed record ClaimDetail(ClaimRow Claim, List<string> Diagnoses, string? AuthorizationNumber, string? PatientStatus, string? PayerClaimNumber,
        Guid? ReplacesClaimId, Guid? ReplacedByClaimId, List<string> Problems, string? WorkedNote, List<ClaimLineDto> Lines, decimal PriorPayerAmount);

    public sealed record ClaimLineDto(int Number, DateOnly ServiceDate, string Code, string? Modifier, string? RevenueCode, int Units, decimal Amount,
        string PlaceOfService, string Description, decimal Paid, decimal Adjusted, decimal PatientResponsibility, bool Denied, Guid ChargeId);

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/claims").WithTags("Billing: claims").RequireAuthorization(Permissions.ViewBilling);
        g.MapGet("/", List).WithSummary("Claims, newest first: ?status=draft|ready|sent|accepted|paid|denied|partly_paid|void, ?payerId=, ?participantId=, ?page= (from 1), ?pageSize= (1-200, 50). Answers {items: [{id, claimNumber, type, payerName, participantId, from, to, status, total…}], page, pageSize, total}.");
        g.MapGet("/denials", Denials).WithSummary("The denial work queue: denied or partly paid claims not yet resubmitted, appealed, written off or moved to the participant.");
        g.MapGet("/{id:guid}", Get).WithSummary("One claim with its lines and what the payer paid on each. ETag: its version.");
        g.MapGet("/{id:guid}/x12", X12).RequireAuthorization(Permissions.ManageBilling)
            .WithSummary("That claim's 837I or 837P (Content-Type application/edi-x12), with the next interchange control number; the file is kept and its disclosure audited.");
        g.MapPost("/build", Build).RequireAuthorization(Permissions.ManageBilling)
            .WithSummary("Batch released charges of {from, to} into claims by payer, participant and period; self-pay to accounts; corrections as replacement (7) or void (8) claims.");
        g.MapPost("/send", Send).RequireAuthorization(Permissions.ManageBilling)
            .WithSummary("Write ready claims ({claimIds} or all) into 837 files for the clearinghouse, one per claim type, and mark them sent. Answers the files.");
        g.MapPost("/{id:guid}/work", Work).RequireAuthorization(Permissions.ManageBilling)
            .WithSummary("Work a denial (If-Match required): {action: resubmit|appeal|write_off|patient, note}. Resubmit answers the replacement claim.");
        // No Accepts(...): it would answer 415 before authorization (see RemittancesApi).
        g.MapPost("/acknowledgments", Acknowledge).RequireAuthorization(Permissions.ManageBilling)
            .WithSummary("Import a 999 (implementation acknowledgment) or 277CA (claim acknowledgment) sent as the body with Content-Type application/edi-x12. Accepted claims become accepted; rejected ones go to the denial queue with the reason in words. Answers {id, kind, accepted, rejected, unmatched}; a malformed file answers 400 naming the segment and element, nothing applied.");
        g.MapGet("/acknowledgments", Acknowledgments).WithSummary("Imported 999 and 277CA files, newest first, with what each did.");
        api.MapGet("/claim-files/{id:guid}", File).WithTags("Billing: claims").RequireAuthorization(Permissions.ManageBilling)
            .WithSummary("A written 837 file as it was sent (Content-Type application/edi-x12).");
    }

    public static async Task<Results<Ok<ClaimPage>, ProblemHttpResult>> List(string? status, Guid? payerId, Guid? participantId, string? page, string? pageSize, TrellisDbContext db, CancellationToken ct)
    {
        ClaimStatus? s = null;
        if (status is not null)
        {
            if (!EnumText.TryParse<ClaimStatus>(status, out var parsed)) return Refusal.Invalid("status", $"'{status}' is not a claim status; use {EnumText.Allowed<ClaimStatus>()}.").ToProblem();
            s = parsed;
        }
        var (paging, bad) = Paging.Read(page, pageSize);
        if (bad is not null) return bad.ToProblem();
        var result = await ClaimQueries.PageAsync(db, ClaimQueries.Filter(db, s, payerId, participantId), paging.Page, paging.PageSize, ct);
        await db.AuditReadAsync(nameof(Claim), result.Items.Select(r => ((object)r.Id, (Guid?)r.ParticipantId)), "claim list", ct);
        return TypedResults.Ok(result);
    }

    public static async Task<Ok<ClaimPage>> Denials(TrellisDbContext db, CancellationToken ct)
    {
        var result = await ClaimQueries.PageAsync(db, ClaimQueries.DenialQueue(db), 1, 500, ct);
        await db.AuditReadAsync(nameof(Claim), result.Items.Select(r => ((object)r.Id, (Guid?)r.ParticipantId)), "denial queue", ct);
        return TypedResults.Ok(result);
    }

    public static async Task<Results<Ok<ClaimDetail>, ProblemHttpResult>> Get(Guid id, TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        if (await DetailAsync(db, id, ct) is not { } detail) return Refusal.NotFound("claim").ToProblem();
        await db.AuditReadAsync(nameof(Claim), id, detail.Claim.ParticipantId, ct);
        ETags.Set(http, detail.Claim.Version);
        return TypedResults.Ok(detail);
    }

    public static async Task<ClaimDetail?> DetailAsync(TrellisDbContext db, Guid id, CancellationToken ct)
    {
        var row = (await ClaimQueries.PageAsync(db, db.Set<Claim>().Where(c => c.Id == id), 1, 1, ct)).Items.FirstOrDefault();
        if (row is null) return null;
        var c = await db.Set<Claim>().AsNoTracking().Include(x => x.Lines).FirstAsync(x => x.Id == id, ct);
        return new ClaimDetail(row, c.Diagnoses, c.AuthorizationNumber, c.PatientStatus, c.PayerClaimNumber, c.ReplacesClaimId, c.ReplacedByClaimId, c.Problems, c.WorkedNote,
            c.Lines.OrderBy(l => l.Number).Select(l => new ClaimLineDto(l.Number, l.ServiceDate, l.Code, l.Modifier, l.RevenueCode, l.Units, l.Amount, l.PlaceOfService,
                l.Description, l.Paid, l.Adjusted, l.PatientResponsibility, l.Denied, l.ChargeId)).ToList(), c.PriorPayerAmount);
    }

    public sealed record AcknowledgmentRow(Guid Id, string Kind, DateOnly ReceivedOn, long? GroupControlNumber, int Accepted, int Rejected, int Unmatched,
        List<string> UnmatchedClaims, string Summary, DateTimeOffset ImportedAt);

    public static async Task<Results<Ok<PostedAcknowledgment>, ProblemHttpResult>> Acknowledge(HttpRequest request, TrellisDbContext db, CancellationToken ct)
    {
        var (text, bad) = await RemittancesApi.ReadX12Async(request, "999 or 277CA", ct);
        if (bad is not null) return bad.ToProblem();
        var (posted, refused) = await PostAcknowledgment.RunAsync(db, text!, ct);
        return refused is not null ? refused.ToProblem() : TypedResults.Ok(posted!);
    }

    public static async Task<Ok<List<AcknowledgmentRow>>> Acknowledgments(TrellisDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await db.Set<Acknowledgments.ClaimAcknowledgment>().AsNoTracking().OrderByDescending(a => a.CreatedAt).Take(500)
            .Select(a => new AcknowledgmentRow(a.Id, a.Kind, a.ReceivedOn, a.GroupControlNumber, a.Accepted, a.Rejected, a.Unmatched, a.UnmatchedClaims, a.Summary, a.CreatedAt))
            .ToListAsync(ct));

    public static async Task<IResult> X12(Guid id, TrellisDbContext db, CancellationToken ct)
    {
        var (file, refused) = await ClaimFileFor.RunAsync(db, id, ct);
        return refused is not null ? refused.ToProblem() : TypedResults.Text(file!.Content, X12ContentType);
    }

    public static async Task<IResult> File(Guid id, TrellisDbContext db, CancellationToken ct)
    {
        if (await db.Set<ClaimFile>().AsNoTracking().FirstOrDefaultAsync(f => f.Id == id, ct) is not { } file) return Refusal.NotFound("claim file").ToProblem();
        // A file holds many participants' claims: it is shown only to someone whose scope covers every one of them.
        if (await db.Set<Claim>().CountAsync(c => file.ClaimIds.Contains(c.Id), ct) != file.ClaimIds.Count) return Refusal.NotFound("claim file").ToProblem();
        db.Audit(Audit.AuditActions.Read, nameof(ClaimFile), file.Id, null, detail: $"837 interchange {file.ControlNumber}");
        await db.SaveChangesAsync(ct);
        return TypedResults.Text(file.Content, X12ContentType);
    }

    public static async Task<Results<Ok<BuildClaimsResult>, ProblemHttpResult>> Build(BuildClaimsInput? input, TrellisDbContext db, CancellationToken ct)
    {
        var (result, refused) = await BuildClaims.RunAsync(db, input ?? new(), ct);
        return refused is not null ? refused.ToProblem() : TypedResults.Ok(result!);
    }

    public static async Task<Results<Ok<List<SentFile>>, ProblemHttpResult>> Send(SendClaimsInput? input, TrellisDbContext db, CancellationToken ct)
    {
        var (files, refused) = await SendClaims.RunAsync(db, input ?? new(), ct);
        return refused is not null ? refused.ToProblem() : TypedResults.Ok(files!);
    }

    public static async Task<Results<Ok<ClaimDetail>, ProblemHttpResult>> Work(Guid id, WorkDenialInput? input, TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        var (claim, refused) = await WorkDenial.RunAsync(db, id, input ?? new(), ETags.From(http), ct);
        if (refused is not null) return refused.ToProblem();
        ETags.Set(http, claim!.Version);
        return TypedResults.Ok((await DetailAsync(db, claim.Id, ct))!);
    }
}
