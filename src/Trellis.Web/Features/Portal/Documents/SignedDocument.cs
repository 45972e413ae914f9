using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Trellis.Web.Data;
using Trellis.Web.Features.Participants;

namespace Trellis.Web.Features.Portal.Documents;

/// <summary>
/// A document of the intake packet as the participant signed it: the exact text and its SHA-256, the typed name, the
/// time and the client address, and the PDF Chromium printed of it. Written once and never changed: a new version of
/// the template is signed anew.
/// </summary>
public sealed class SignedDocument : Entity, IParticipantOwned
{
    public Guid ParticipantId { get; set; }
    public Participant? Participant { get; set; }
    public string TemplateKey { get; set; } = "";
    public int TemplateVersion { get; set; }
    public string Title { get; set; } = "";
    public string Text { get; set; } = "";
    public string TextSha256 { get; set; } = "";
    public string TypedName { get; set; } = "";
    public DateTimeOffset SignedAt { get; set; }
    public string? ClientAddress { get; set; }
    /// <summary>The signed copy as printed by Chromium; null when no Chromium was configured (the text and hash remain the record).</summary>
    public byte[]? Pdf { get; set; }
}

internal sealed class SignedDocumentConfiguration : IEntityTypeConfiguration<SignedDocument>
{
    public void Configure(EntityTypeBuilder<SignedDocument> b)
    {
        b.ToTable("SignedDocuments");
        b.Property(x => x.TemplateKey).HasMaxLength(60);
        b.Property(x => x.Title).HasMaxLength(200);
        b.Property(x => x.Text).HasMaxLength(20000);
        b.Property(x => x.TextSha256).HasMaxLength(64);
        b.Property(x => x.TypedName).HasMaxLength(200);
        b.Property(x => x.ClientAddress).HasMaxLength(64);
        b.HasOne(x => x.Participant).WithMany().HasForeignKey(x => x.ParticipantId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.ParticipantId, x.TemplateKey, x.TemplateVersion }).IsUnique();
    }
}
