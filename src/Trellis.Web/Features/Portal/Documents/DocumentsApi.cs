using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Portal.Documents.Actions;

namespace Trellis.Web.Features.Portal.Documents;

public sealed record SignatureDto(Guid Id, string Key, int Version, string Title, string Sha256, string TypedName, DateTimeOffset SignedAt, string? ClientAddress, bool HasPdf)
{
    public static SignatureDto From(SignedDocument s, bool hasPdf) => new(s.Id, s.TemplateKey, s.TemplateVersion, s.Title, s.TextSha256, s.TypedName, s.SignedAt, s.ClientAddress, hasPdf);
}

public sealed record PacketItemDto(string Key, int Version, string Title, string Sha256, SignatureDto? Signature);

public sealed record DocumentDto(string Key, int Version, string Title, string Text, string Sha256, SignatureDto? Signature);

/// <summary>The intake packet over the API: the participant reads and signs their own; staff in scope see who signed what.</summary>
public static class DocumentsApi
{
    public static void MapDocumentsApi(this RouteGroupBuilder api)
    {
        var me = api.MapGroup("/me/documents").WithTags("Portal").RequireAuthorization(Permissions.OwnPortal);
        me.MapGet("/", Mine).WithSummary("Your intake packet: each document with its version, sha256 and your signature if you signed it.");
        me.MapGet("/{key}", One).WithSummary("One document to read: its exact text and the sha256 of that text, which signing sends back.");
        me.MapPost("/{key}/sign", Sign).WithSummary("Sign a document: { version, sha256, typedName }. A different text or hash is refused and nothing is saved; a signed document never changes.");

        var chart = api.MapGroup("/participants/{id:guid}/documents").WithTags("Portal").RequireAuthorization(Permissions.Anyone);
        chart.MapGet("/", OfParticipant).WithSummary("Who signed what: the participant's signed documents (staff in scope, and the participant themself; another chart answers 404).");
        chart.MapGet("/{documentId:guid}/pdf", Pdf).WithSummary("The signed copy as Chromium printed it (application/pdf).");
    }

    public static async Task<Results<Ok<List<PacketItemDto>>, ProblemHttpResult>> Mine(TrellisDbContext db, CancellationToken ct)
    {
        if (db.Me.ParticipantId is not { } pid || await Packet.LoadAsync(db, pid, ct) is not { } packet) return Refusal.NotFound("participant").ToProblem();
        return TypedResults.Ok(packet.Documents.Select(d => new PacketItemDto(d.Key, d.Version, d.Title, d.Sha256, packet.SignatureOf(d) is { } s ? SignatureDto.From(s, true) : null)).ToList());
    }

    public static async Task<Results<Ok<DocumentDto>, ProblemHttpResult>> One(string key, TrellisDbContext db, CancellationToken ct)
    {
        if (db.Me.ParticipantId is not { } pid || await Packet.LoadAsync(db, pid, ct) is not { } packet) return Refusal.NotFound("participant").ToProblem();
        if (packet.Documents.FirstOrDefault(d => d.Key == key) is not { } d) return Refusal.NotFound("document").ToProblem();
        return TypedResults.Ok(new DocumentDto(d.Key, d.Version, d.Title, d.Text, d.Sha256, packet.SignatureOf(d) is { } s ? SignatureDto.From(s, true) : null));
    }

    public static async Task<Results<Created<SignatureDto>, ProblemHttpResult>> Sign(string key, SignDocumentInput? input, TrellisDbContext db, ChromiumPdf printer, CancellationToken ct)
    {
        var (signed, refused) = await SignDocument.RunAsync(db, printer, key, input ?? new(), ct);
        if (refused is not null) return refused.ToProblem();
        return TypedResults.Created($"/api/participants/{signed!.ParticipantId}/documents/{signed.Id}/pdf", SignatureDto.From(signed, signed.Pdf is not null));
    }

    public static async Task<Results<Ok<List<SignatureDto>>, ProblemHttpResult>> OfParticipant(Guid id, TrellisDbContext db, CancellationToken ct)
    {
        if (!await db.Participants.AnyAsync(p => p.Id == id, ct)) return Refusal.NotFound("participant").ToProblem();
        var rows = await db.Set<SignedDocument>().AsNoTracking().Where(s => s.ParticipantId == id).OrderBy(s => s.SignedAt)
            .Select(s => new { s.Id, s.TemplateKey, s.TemplateVersion, s.Title, s.TextSha256, s.TypedName, s.SignedAt, s.ClientAddress, HasPdf = s.Pdf != null }).ToListAsync(ct);
        await db.AuditReadAsync(nameof(SignedDocument), rows.Select(r => ((object)r.Id, (Guid?)id)), "signed documents", ct);
        return TypedResults.Ok(rows.Select(r => new SignatureDto(r.Id, r.TemplateKey, r.TemplateVersion, r.Title, r.TextSha256, r.TypedName, r.SignedAt, r.ClientAddress, r.HasPdf)).ToList());
    }

    /// <summary>Shared by the API and the pages' download (cookie): through the scope filters, so another chart's id is a 404.</summary>
    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Pdf(Guid id, Guid documentId, TrellisDbContext db, CancellationToken ct)
    {
        var doc = await db.Set<SignedDocument>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == documentId && s.ParticipantId == id, ct);
        if (doc is null) return Refusal.NotFound("signed document").ToProblem();
        if (doc.Pdf is null) return new Refusal(404, "No PDF", "This document was signed where no Chromium was configured to print it; its text and hash are the record (GET /api/participants/{id}/documents).").ToProblem();
        await db.AuditReadAsync(nameof(SignedDocument), doc.Id, id, ct);
        return TypedResults.File(doc.Pdf, "application/pdf", $"{doc.TemplateKey}-v{doc.TemplateVersion}.pdf");
    }
}
