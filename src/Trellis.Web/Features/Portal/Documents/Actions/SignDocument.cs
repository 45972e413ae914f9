using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Admissions.Admission;
using Trellis.Web.Features.Auth;

namespace Trellis.Web.Features.Portal.Documents.Actions;

/// <summary>Body of POST /api/me/documents/{key}/sign and the signing form: the version and hash of the text read, and the typed name.</summary>
public sealed class SignDocumentInput
{
    [Required(ErrorMessage = "Send the version of the document you read.")]
    public int? Version { get; set; }

    [Required(ErrorMessage = "Send the sha256 of the text you read (from GET /api/me/documents/{key})."), StringLength(64, MinimumLength = 64, ErrorMessage = "sha256 is 64 hexadecimal characters.")]
    public string? Sha256 { get; set; }

    [Required(ErrorMessage = "Type your name to sign."), MaxLength(200, ErrorMessage = "Type your name in 200 characters or fewer.")]
    public string? TypedName { get; set; }
}

/// <summary>
/// The participant signs a document of their intake packet: the version and SHA-256 they read must be the text Trellis
/// would show them now (a tampered hash, an old version or another text is refused and nothing is saved); the typed name
/// must be their own. The exact text, hash, typed name, time and client address are kept with the PDF Chromium prints;
/// the orientation item it stands for is completed, and a consent to disclose is recorded with its elements, in the same save.
/// </summary>
public static class SignDocument
{
    public static async Task<Result<SignedDocument>> RunAsync(TrellisDbContext db, ChromiumPdf printer, string key, SignDocumentInput input, CancellationToken ct = default)
    {
        if (!db.Me.May(Permissions.OwnPortal) || db.Me.ParticipantId is not { } pid) return Refusal.Forbidden("Documents in the portal are signed by the participant they belong to.");
        if (await Packet.LoadAsync(db, pid, ct) is not { } packet) return Refusal.NotFound("participant");
        if (packet.Documents.FirstOrDefault(d => d.Key == key) is not { } doc) return Refusal.NotFound("document");
        if (Validation.Check(input) is { } invalid) return invalid;
        if (packet.SignatureOf(doc) is { } already) return Refusal.Conflict("Already signed", $"You signed {doc.Title} on {ProgramClock.Show(already.SignedAt, packet.Participant.Program!.TimeZoneId)}. A signed document never changes.");
        if (input.Version != doc.Version) return Refusal.Invalid("version", $"{doc.Title} is now version {doc.Version}; read it again before signing.");
        if (!string.Equals(input.Sha256, doc.Sha256, StringComparison.OrdinalIgnoreCase))
            return Refusal.Invalid("sha256", "The document you signed is not the one Trellis shows you now. Nothing was signed: open it again, read it, and sign.");
        var typed = input.TypedName!.Trim();
        if (!NameMatches(typed, packet.Participant)) return Refusal.Invalid("typedName", $"Type your own name to sign, for example {packet.Participant.LegalName}.");

        var signed = new SignedDocument
        {
            ParticipantId = pid, TemplateKey = doc.Key, TemplateVersion = doc.Version, Title = doc.Title, Text = doc.Text, TextSha256 = doc.Sha256,
            TypedName = typed, SignedAt = db.Now, ClientAddress = db.Me.ClientAddress,
        };
        signed.Pdf = await printer.PrintAsync(SignedCopy.Html(signed, packet.Clinic, packet.Participant.Program!.TimeZoneId), ct);
        db.Set<SignedDocument>().Add(signed);
        if (doc.Consent is { } consent) OrientationRecords.AddConsent(db, pid, consent);
        else if (doc.Completes is { } item)
        {
            var tracked = await db.Participants.Include(p => p.Program).FirstAsync(p => p.Id == pid, ct);
            var (_, refused) = await OrientationRecords.SetAsync(db, tracked, item, true, $"Signed in the portal: {doc.Title}.", ct);
            if (refused is not null) return refused;
        }
        await db.SaveChangesAsync(ct);
        return signed;
    }

    /// <summary>Their legal or preferred name, as they would type it: case, spaces and accents aside.</summary>
    public static bool NameMatches(string typed, Participants.Participant p)
    {
        static string N(string s) => string.Join(" ", s.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return N(typed) == N(p.LegalName) || N(typed) == N(p.DisplayName);
    }
}
