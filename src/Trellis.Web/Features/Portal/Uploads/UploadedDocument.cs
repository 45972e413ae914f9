using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Trellis.Web.Data;
using Trellis.Web.Features.Participants;

namespace Trellis.Web.Features.Portal.Uploads;

/// <summary>What an uploaded file is, as the person who sent it said.</summary>
public enum UploadKind
{
    InsuranceCard, Identification, OutsideRecords, Other,
    /// <summary>Attached to a secure message (Features/Messages); added only by sending one, never by the upload form.</summary>
    MessageAttachment,
}

/// <summary>
/// A file added to the chart's documents by the participant (portal) or staff (the chart's Documents tab): an insurance
/// card, an ID, outside records. The type was read from the content (<see cref="FileTypes"/>), the file was scanned when
/// ClamAV is configured, and the bytes are in <see cref="UploadedContent"/> (its own table, so lists never load them).
/// Written once: a corrected file is a new upload.
/// </summary>
public sealed class UploadedDocument : Entity, IParticipantOwned
{
    public Guid ParticipantId { get; set; }
    public Participant? Participant { get; set; }
    public UploadKind Kind { get; set; }
    public string? Description { get; set; }
    public string FileName { get; set; } = "";
    /// <summary>The type read from the bytes (application/pdf, image/jpeg, image/png, image/heic), never the one the client sent.</summary>
    public string ContentType { get; set; } = "";
    public long Length { get; set; }
    public string Sha256 { get; set; } = "";
    public DateTimeOffset UploadedAt { get; set; }
    public string UploadedBy { get; set; } = "";
    /// <summary>True when the participant sent it from the portal.</summary>
    public bool ByParticipant { get; set; }
    /// <summary>"ClamAV: clean" when scanned; null when no scanner is configured.</summary>
    public string? Scan { get; set; }
    public UploadedContent? Content { get; set; }
}

/// <summary>The bytes of an upload, one row per file, keyed by the upload's id; read only to download.</summary>
public sealed class UploadedContent : Entity, IParticipantOwned
{
    public Guid ParticipantId { get; set; }
    public Participant? Participant { get; set; }
    public byte[] Bytes { get; set; } = [];
}

internal sealed class UploadedDocumentConfiguration : IEntityTypeConfiguration<UploadedDocument>
{
    public void Configure(EntityTypeBuilder<UploadedDocument> b)
    {
        b.ToTable("Uploads");
        b.Property(x => x.Description).HasMaxLength(200);
        b.Property(x => x.FileName).HasMaxLength(200);
        b.Property(x => x.ContentType).HasMaxLength(60);
        b.Property(x => x.Sha256).HasMaxLength(64);
        b.Property(x => x.UploadedBy).HasMaxLength(200);
        b.Property(x => x.Scan).HasMaxLength(200);
        b.HasOne(x => x.Participant).WithMany().HasForeignKey(x => x.ParticipantId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.Content).WithOne().HasForeignKey<UploadedContent>(c => c.Id).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.ParticipantId, x.UploadedAt });
    }
}

internal sealed class UploadedContentConfiguration : IEntityTypeConfiguration<UploadedContent>
{
    public void Configure(EntityTypeBuilder<UploadedContent> b)
    {
        b.ToTable("UploadContents");
        b.HasOne(x => x.Participant).WithMany().HasForeignKey(x => x.ParticipantId).OnDelete(DeleteBehavior.NoAction);
        b.HasIndex(x => x.ParticipantId);
    }
}
