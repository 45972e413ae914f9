using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Trellis.Web.Features.Participants;
using Trellis.Web.Features.Portal.Uploads;

namespace Trellis.Web.Features.Messages;

/// <summary>
/// One message in a participant's one thread with their care team. Chart-owned, so the context's filters scope it (a
/// participant sees only their own thread; staff only their programs'), and every change is audited.
/// </summary>
public sealed class SecureMessage : Entity, IParticipantOwned
{
    public Guid ParticipantId { get; set; }
    public Participant? Participant { get; set; }
    public bool FromParticipant { get; set; }
    public Guid? AuthorStaffId { get; set; }
    public string AuthorName { get; set; } = "";
    public string Body { get; set; } = "";
    public DateTimeOffset SentAt { get; set; }
    /// <summary>When the other side (the participant, or anyone of the care team) first opened the thread after it arrived.</summary>
    public DateTimeOffset? ReadAt { get; set; }
    /// <summary>A file sent with the message: an upload of the chart (kind MessageAttachment), checked and scanned as every upload is.</summary>
    public Guid? AttachmentId { get; set; }
    public UploadedDocument? Attachment { get; set; }
}

internal sealed class SecureMessageConfiguration : IEntityTypeConfiguration<SecureMessage>
{
    public void Configure(EntityTypeBuilder<SecureMessage> b)
    {
        b.Property(x => x.AuthorName).HasMaxLength(200);
        b.Property(x => x.Body).HasMaxLength(4000);
        b.HasOne(x => x.Participant).WithMany().HasForeignKey(x => x.ParticipantId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.ParticipantId, x.SentAt });
        b.HasOne(x => x.Attachment).WithMany().HasForeignKey(x => x.AttachmentId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed record MessageDto(Guid Id, bool FromParticipant, string AuthorName, string Body, DateTimeOffset SentAt, DateTimeOffset? ReadAt,
    MessageAttachmentDto? Attachment)
{
    public static MessageDto From(SecureMessage m) => new(m.Id, m.FromParticipant, m.AuthorName, m.Body, m.SentAt, m.ReadAt,
        m.Attachment is { } a ? new(a.Id, a.FileName, a.ContentType, a.Length, $"/api/participants/{m.ParticipantId}/uploads/{a.Id}") : null);
}

/// <summary>A message's file: download it at <c>Url</c> (the chart's upload download: scope-filtered and audited).</summary>
public sealed record MessageAttachmentDto(Guid Id, string FileName, string ContentType, long Length, string Url);

public sealed record InboxRow(Guid ParticipantId, string ParticipantName, int Unread, DateTimeOffset LastAt, bool LastFromParticipant, Guid? AssignedStaffId, string? AssignedTo);
