using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Mail;
using Trellis.Web.Features.Notifications;
using Trellis.Web.Features.Portal.Uploads;
using Trellis.Web.Features.Portal.Uploads.Actions;

namespace Trellis.Web.Features.Messages.Actions;

public sealed class MessageInput : IValidatableObject
{
    public const string Empty = "Write a message or attach a file.";

    /// <summary>The text; may be left out when a file is attached (a photo of an insurance card says enough).</summary>
    [MaxLength(4000, ErrorMessage = "Keep a message under 4,000 characters.")]
    public string? Body { get; set; }

    /// <summary>
    /// A file to send with the message (PDF, JPEG, PNG or HEIC, by content; size-limited; virus-scanned when ClamAV is
    /// configured): the pages' compose boxes and the multipart POST …/messages/with-file. Never part of the JSON body.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IFormFile? Attachment { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (string.IsNullOrWhiteSpace(Body) && Attachment is null) yield return new(Empty, [nameof(Body)]);
    }
}

/// <summary>
/// Adds a message to a participant's thread (text, a file, or both): by the participant themself, or by staff of their care team who read the
/// chart. The other side hears of it without its content: the participant by email (queued in the outbox with the
/// message, in one save), the care team by an in-app notification to the primary clinician. An attached file goes
/// through the chart's upload checks (<see cref="UploadDocument.ReceiveAsync"/>) and is saved with the message, or,
/// refused, nothing is saved; the notices never name it.
/// </summary>
public static class SendMessage
{
    public static async Task<Result<SecureMessage>> RunAsync(TrellisDbContext db, PublicLinks links, UploadScanner scanner, Guid participantId, MessageInput input,
        CancellationToken ct = default)
    {
        if (await db.Participants.AsNoTracking().FirstOrDefaultAsync(p => p.Id == participantId, ct) is not { } participant)
            return Refusal.NotFound("participant");
        var own = db.Me.ParticipantId == participantId;
        if (!own && !db.Me.May(Permissions.ReadClinical)) return Refusal.Forbidden("Only the participant and their clinical care team write in this thread.");
        if (Validation.Check(input) is { } invalid) return invalid;
        UploadedDocument? attachment = null;
        if (input.Attachment is { } file)
        {
            var (received, refused) = await UploadDocument.ReceiveAsync(db, scanner, participantId, file, "attachment", UploadKind.MessageAttachment, null, own, ct);
            if (refused is not null) return refused;
            attachment = received;
        }
        var message = new SecureMessage
        {
            ParticipantId = participantId, FromParticipant = own, AuthorStaffId = own ? null : db.Me.StaffId,
            AuthorName = own ? participant.DisplayName : db.Me.DisplayName, Body = input.Body?.Trim() ?? "", SentAt = db.Now,
            AttachmentId = attachment?.Id, Attachment = attachment,
        };
        db.Set<SecureMessage>().Add(message);
        if (own)
            Notifier.Notify(db, [participant.PrimaryClinicianId], "message", $"New message from {participant.DisplayName}",
                link: $"/participants/{participantId}", participantId: participantId);
        else if (!string.IsNullOrWhiteSpace(participant.Email))
            Outbox.Email(db, participant.Email, Notices.NewMessage(links.To("/my/messages")));
        await db.SaveChangesAsync(ct);
        return message;
    }
}
