using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Trellis.Web.Features.Participants;

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
}

internal sealed class SecureMessageConfiguration : IEntityTypeConfiguration<SecureMessage>
{
    public void Configure(EntityTypeBuilder<SecureMessage> b)
    {
        b.Property(x => x.AuthorName).HasMaxLength(200);
        b.Property(x => x.Body).HasMaxLength(4000);
        b.HasOne(x => x.Participant).WithMany().HasForeignKey(x => x.ParticipantId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.ParticipantId, x.SentAt });
    }
}

public sealed record MessageDto(Guid Id, bool FromParticipant, string AuthorName, string Body, DateTimeOffset SentAt, DateTimeOffset? ReadAt)
{
    public static MessageDto From(SecureMessage m) => new(m.Id, m.FromParticipant, m.AuthorName, m.Body, m.SentAt, m.ReadAt);
}

public sealed record InboxRow(Guid ParticipantId, string ParticipantName, int Unread, DateTimeOffset LastAt, bool LastFromParticipant, Guid? AssignedStaffId, string? AssignedTo);
