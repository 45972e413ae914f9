using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Trellis.Web.Features.Staff;

namespace Trellis.Web.Features.Notifications;

/// <summary>
/// An in-app message to one staff member ("Suicide risk flagged for Ro Quillfeather"). It names a
/// participant only by link; whoever opens it still passes care-team scoping.
/// </summary>
public sealed class Notification
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid RecipientStaffId { get; set; }
    public Guid? ParticipantId { get; set; }
    public string Kind { get; set; } = "";
    public string Title { get; set; } = "";
    public string? Body { get; set; }
    /// <summary>Where to go to act on it, a local path such as /participants/{id}.</summary>
    public string? Link { get; set; }
    public bool IsUrgent { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ReadAt { get; set; }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> b)
    {
        b.Property(x => x.Kind).HasMaxLength(40);
        b.Property(x => x.Title).HasMaxLength(200);
        b.Property(x => x.Body).HasMaxLength(2000);
        b.Property(x => x.Link).HasMaxLength(300);
        b.HasOne<StaffMember>().WithMany().HasForeignKey(x => x.RecipientStaffId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.RecipientStaffId, x.ReadAt });
    }
}
