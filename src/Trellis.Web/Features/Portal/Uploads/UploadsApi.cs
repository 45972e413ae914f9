using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Portal.Uploads.Actions;

namespace Trellis.Web.Features.Portal.Uploads;

public sealed record UploadDto(Guid Id, string Kind, string? Description, string FileName, string ContentType, long Length, string Sha256,
    DateTimeOffset UploadedAt, string UploadedBy, bool ByParticipant, string? Scan);

/// <summary>Files added to the chart (insurance card, ID, outside records): upload, list, download. All through the scope filters.</summary>
public static class UploadsApi
{
    /// <remarks>
    /// The bodies are read by the handler (not declared with Accepts): a route that declares its content type answers 415 in
    /// routing, before authorization, and would tell a caller who may not use it that it exists.
    /// </remarks>
    public static void MapUploadsApi(this RouteGroupBuilder api)
    {
        var me = api.MapGroup("/me/uploads").WithTags("Portal").RequireAuthorization(Permissions.OwnPortal);
        me.MapGet("/", Mine).WithSummary("The files you added to your chart.");
        me.MapPost("/", UploadMine).WithSummary("Add a file to your chart: multipart/form-data with file (PDF, JPEG, PNG or HEIC, by content), kind (InsuranceCard, Identification, OutsideRecords, Other) and optionally description.");

        var chart = api.MapGroup("/participants/{id:guid}/uploads").WithTags("Portal").RequireAuthorization(Permissions.Anyone);
        chart.MapGet("/", OfParticipant).WithSummary("Files added to the chart (staff in scope, and the participant themself; another chart answers 404).");
        chart.MapPost("/", Upload).WithSummary("Add a file to the chart: multipart/form-data with file, kind and optionally description. Too large: 413; not an allowed type by content: 400; a virus: 422; the scanner configured but not answering: 503. Nothing is saved on a refusal.");
        chart.MapGet("/{uploadId:guid}", Download).WithSummary("The file, as an attachment with the type read from its content.");
    }

    private static async Task<Results<Created<UploadDto>, ProblemHttpResult>> UploadMine(HttpRequest request, TrellisDbContext db, UploadScanner scanner, CancellationToken ct) =>
        db.Me.ParticipantId is { } pid ? await Upload(pid, request, db, scanner, ct) : Refusal.NotFound("participant").ToProblem();

    public static async Task<Results<Created<UploadDto>, ProblemHttpResult>> Upload(Guid id, HttpRequest request, TrellisDbContext db, UploadScanner scanner, CancellationToken ct)
    {
        if (!request.HasFormContentType)
            return new Refusal(415, "Send a form", "Send the file as multipart/form-data: a part named file, kind (InsuranceCard, Identification, OutsideRecords or Other) and optionally description.").ToProblem();
        var form = await request.ReadFormAsync(ct);
        var input = new UploadDocumentInput { Kind = form["kind"].FirstOrDefault(), Description = form["description"].FirstOrDefault(), File = form.Files.GetFile("file") };
        var (doc, refused) = await UploadDocument.RunAsync(db, scanner, id, input, ct);
        if (refused is not null) return refused.ToProblem();
        return TypedResults.Created($"/api/participants/{doc!.ParticipantId}/uploads/{doc.Id}", From(doc));
    }

    private static async Task<Results<Ok<List<UploadDto>>, ProblemHttpResult>> Mine(TrellisDbContext db, CancellationToken ct) =>
        db.Me.ParticipantId is { } pid ? await OfParticipant(pid, db, ct) : Refusal.NotFound("participant").ToProblem();

    public static async Task<Results<Ok<List<UploadDto>>, ProblemHttpResult>> OfParticipant(Guid id, TrellisDbContext db, CancellationToken ct)
    {
        if (!await db.Participants.AnyAsync(p => p.Id == id, ct)) return Refusal.NotFound("participant").ToProblem();
        var rows = await Uploaded.ListAsync(db, id, ct);
        await db.AuditReadAsync(nameof(UploadedDocument), rows.Select(r => ((object)r.Id, (Guid?)id)), "uploaded files", ct);
        return TypedResults.Ok(rows.Select(From).ToList());
    }

    /// <summary>Shared by the API and the pages' download (cookie): through the scope filters, so another chart's id is a 404; audited.</summary>
    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Download(Guid id, Guid uploadId, TrellisDbContext db, CancellationToken ct)
    {
        var doc = await db.Set<UploadedDocument>().AsNoTracking().Include(d => d.Content).FirstOrDefaultAsync(d => d.Id == uploadId && d.ParticipantId == id, ct);
        if (doc?.Content is null) return Refusal.NotFound("uploaded file").ToProblem();
        await db.AuditReadAsync(nameof(UploadedDocument), doc.Id, id, ct);
        return TypedResults.File(doc.Content.Bytes, doc.ContentType, doc.FileName);
    }

    private static UploadDto From(UploadedDocument d) =>
        new(d.Id, d.Kind.ToString(), d.Description, d.FileName, d.ContentType, d.Length, d.Sha256, d.UploadedAt, d.UploadedBy, d.ByParticipant, d.Scan);
}

/// <summary>The chart's uploaded files, newest first, without their bytes.</summary>
public static class Uploaded
{
    public static Task<List<UploadedDocument>> ListAsync(TrellisDbContext db, Guid participantId, CancellationToken ct = default) =>
        db.Set<UploadedDocument>().AsNoTracking().Where(d => d.ParticipantId == participantId).OrderByDescending(d => d.UploadedAt).ToListAsync(ct);
}
