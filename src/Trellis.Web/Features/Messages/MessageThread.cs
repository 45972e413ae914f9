using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Trellis.Web.Features.Participants;

namespace Trellis.Web.Features.Messages;

/// <summary>
/// What the care team keeps about a participant's one thread beside its messages: who of them answers it. One row per
/// participant, made by the first assignment (a thread nobody was assigned has none). Chart-owned, so it is scoped and
/// every change of assignment is audited; its version is the assignment's ETag.
/// </summary>
public sealed class MessageThread : Entity, IParticipantOwned
{
    public Guid ParticipantId { get; set; }
    public Participant? Participant { get; set; }
    /// <summary>The staff member of the care team who answers the thread; null when it is the whole team's.</summary>
    public Guid? AssignedStaffId { get; set; }
    public DateTimeOffset? AssignedAt { get; set; }
    public Guid? AssignedByStaffId { get; set; }
}

internal sealed class MessageThreadConfiguration : IEntityTypeConfiguration<MessageThread>
{
    public void Configure(EntityTypeBuilder<MessageThread> b)
    {
        b.HasOne(x => x.Participant).WithMany().HasForeignKey(x => x.ParticipantId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => x.ParticipantId).IsUnique();
        b.HasIndex(x => x.AssignedStaffId);
    }
}

public sealed record AssignmentDto(Guid ParticipantId, Guid? AssignedStaffId, string? AssignedTo, DateTimeOffset? AssignedAt, long Version);
