using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;

namespace Trellis.Web.Features.Portal.Uploads.Actions;

/// <summary>The upload form and the multipart body of POST /api/participants/{id}/uploads and /api/me/uploads.</summary>
public sealed class UploadDocumentInput
{
    [Required(ErrorMessage = "Say what the file is: InsuranceCard, Identification, OutsideRecords or Other.")]
    public string? Kind { get; set; }

    [MaxLength(200, ErrorMessage = "Describe the file in 200 characters or fewer.")]
    public string? Description { get; set; }

    [Required(ErrorMessage = "Choose a file to upload.")]
    public IFormFile? File { get; set; }
}

/// <summary>
/// Adds a file to the chart's documents, by the participant themself or by staff in scope: the size limit (413), the
/// ClamAV scan when one is configured (infected: 422; configured but not answering: 503, never kept unscanned), then the
/// type read from the content (PDF, JPEG, PNG, HEIC; a name ending of another type is refused). Nothing is saved on a refusal.
/// </summary>
public static class UploadDocument
{
    public static async Task<Result<UploadedDocument>> RunAsync(TrellisDbContext db, UploadScanner scanner, Guid participantId, UploadDocumentInput input, CancellationToken ct = default)
    {
        if (!await db.Participants.AnyAsync(p => p.Id == participantId, ct)) return Refusal.NotFound("participant");
        var byParticipant = db.Me.ParticipantId == participantId && db.Me.May(Permissions.OwnPortal);
        if (!byParticipant && !db.Me.May(Permissions.AnyStaff)) return Refusal.Forbidden("Files are added to a chart by the participant themself or by their care team.");
        if (Validation.Check(input) is { } invalid) return invalid;
        if (!Enum.TryParse<UploadKind>(input.Kind, ignoreCase: true, out var kind) || !Enum.IsDefined(kind) || input.Kind!.Any(char.IsDigit))
            return Refusal.Invalid("kind", "kind is one of InsuranceCard, Identification, OutsideRecords or Other.");
        if (kind == UploadKind.MessageAttachment)
            return Refusal.Invalid("kind", "kind is one of InsuranceCard, Identification, OutsideRecords or Other.");
        var (doc, refused) = await ReceiveAsync(db, scanner, participantId, input.File!, "file", kind, input.Description, byParticipant, ct);
        if (refused is not null) return refused;
        await db.SaveChangesAsync(ct);
        return doc!;
    }

    /// <summary>
    /// The checks every file into a chart passes, in order: size (413), the ClamAV scan when configured (a virus 422, no
    /// answer 503), the type read from the content, the name's ending. Adds the file to the context without saving, so
    /// the caller saves it with what it belongs to (a message's attachment) or not at all. <paramref name="field"/> is
    /// the input's name for the file, for the refusal's field errors.
    /// </summary>
    public static async Task<Result<UploadedDocument>> ReceiveAsync(TrellisDbContext db, UploadScanner scanner, Guid participantId, IFormFile file,
        string field, UploadKind kind, string? description, bool byParticipant, CancellationToken ct)
    {
        var megabytes = scanner.MaxBytes / (1024.0 * 1024.0);
        if (file.Length == 0) return Refusal.Invalid(field, "The file is empty. Choose the file again.");
        if (file.Length > scanner.MaxBytes)
            return new Refusal(413, "File too large", $"The file is {file.Length / (1024.0 * 1024.0):0.#} MB; files may be at most {megabytes:0.#} MB. Nothing was uploaded.",
                new Dictionary<string, string[]> { [field] = [$"Files may be at most {megabytes:0.#} MB."] });

        var bytes = new byte[file.Length];
        await using (var stream = file.OpenReadStream()) await stream.ReadExactlyAsync(bytes, ct);
        // The scan comes first: a virus is reported as one whatever the file claims to be.
        string? scan = null;
        if (await scanner.ScanAsync(bytes, ct) is { } result)
        {
            if (result.Virus is { } virus)
                return new Refusal(422, "Virus found", $"The virus scan found {virus} in this file, so it was not kept. Do not open it again; if you need to send this document, scan a fresh copy.",
                    new Dictionary<string, string[]> { [field] = [$"The virus scan found {virus}; the file was not kept."] });
            if (!result.Clean)
                return new Refusal(503, "Virus scan unavailable", "The virus scanner did not answer, so the file was not kept. Try again in a few minutes; if it keeps happening, tell the clinic.");
            scan = "ClamAV: clean";
        }

        if (FileTypes.Sniff(bytes) is not { } type)
            return Refusal.Invalid(field, $"This file is not {FileTypes.Allowed} (its content was checked, not only its name). Nothing was uploaded.");
        var name = FileTypes.CleanName(file.FileName, type);
        if (!FileTypes.NameFits(name, type))
            return Refusal.Invalid(field, $"The file is a {type.Name} but its name ends in {Path.GetExtension(name)}. Rename it to end in {type.Extensions[0]} and upload it again.");

        var doc = new UploadedDocument
        {
            ParticipantId = participantId, Kind = kind, Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim(),
            FileName = name, ContentType = type.MediaType, Length = bytes.Length, Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)),
            UploadedAt = db.Now, UploadedBy = db.Me.DisplayName, ByParticipant = byParticipant, Scan = scan,
        };
        doc.Content = new UploadedContent { Id = doc.Id, ParticipantId = participantId, Bytes = bytes };
        db.Set<UploadedDocument>().Add(doc);
        return doc;
    }

    /// <summary>How a kind reads to a person.</summary>
    public static string Label(UploadKind kind) => kind switch
    {
        UploadKind.InsuranceCard => "Insurance card",
        UploadKind.Identification => "ID",
        UploadKind.OutsideRecords => "Outside records",
        UploadKind.MessageAttachment => "Message attachment",
        _ => "Other",
    };
}
