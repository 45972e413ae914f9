using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Trellis.Web.Data;
using Trellis.Web.Features.Participants;

namespace Trellis.Web.Features.Scheduling;

/// <summary>
/// A notice to a participant about their schedule ("Thursday's groups are cancelled: the clinic is
/// closed for Thanksgiving"). Shown on their portal home and schedule until they mark it read.
/// Staff hear about the same change through in-app notifications.
/// </summary>
public sealed class ScheduleNotice : Entity, IParticipantOwned
{
    public Guid ParticipantId { get; set; }
    public Participant? Participant { get; set; }
    public string Title { get; set; } = "";
    public string? Body { get; set; }
    /// <summary>The first day the notice is about, so old notices can drop off the portal.</summary>
    public DateOnly AboutDate { get; set; }
    public Guid? ClosureId { get; set; }
    public Guid? GroupSessionId { get; set; }
    public DateTimeOffset? ReadAt { get; set; }
}

internal sealed class ScheduleNoticeConfiguration : IEntityTypeConfiguration<ScheduleNotice>
{
    public void Configure(EntityTypeBuilder<ScheduleNotice> b)
    {
        b.ToTable("ScheduleNotices");
        b.Property(x => x.Title).HasMaxLength(200);
        b.Property(x => x.Body).HasMaxLength(1000);
        b.HasOne(x => x.Participant).WithMany().HasForeignKey(x => x.ParticipantId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.ParticipantId, x.ReadAt });
    }
}
