using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Trellis.Web.Data;

namespace Trellis.Web.Features.Scheduling;

/// <summary>
/// A secret calendar subscription URL for one participant or one staff member. Only a hash of the
/// secret is stored, so the database cannot give the URL away; issuing a new one revokes the old.
/// </summary>
public sealed class CalendarFeed : Entity
{
    /// <summary>Exactly one of ParticipantId and StaffMemberId is set.</summary>
    public Guid? ParticipantId { get; set; }
    public Guid? StaffMemberId { get; set; }
    /// <summary>SHA-256 of the secret token, hex.</summary>
    public string TokenHash { get; set; } = "";
    /// <summary>The owner chose to show session titles and names; otherwise every event is "Trellis session".</summary>
    public bool IncludeDetails { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public string? RevokedBy { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
}

internal sealed class CalendarFeedConfiguration : IEntityTypeConfiguration<CalendarFeed>
{
    public void Configure(EntityTypeBuilder<CalendarFeed> b)
    {
        b.ToTable("CalendarFeeds");
        b.Property(x => x.TokenHash).HasMaxLength(64);
        b.Property(x => x.RevokedBy).HasMaxLength(256);
        b.HasIndex(x => x.TokenHash).IsUnique();
        b.HasIndex(x => x.ParticipantId);
        b.HasIndex(x => x.StaffMemberId);
        b.HasOne<Participants.Participant>().WithMany().HasForeignKey(x => x.ParticipantId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Staff.StaffMember>().WithMany().HasForeignKey(x => x.StaffMemberId).OnDelete(DeleteBehavior.Cascade);
        b.ToTable(t => t.HasCheckConstraint("CK_CalendarFeeds_OneOwner", "(\"ParticipantId\" IS NULL) <> (\"StaffMemberId\" IS NULL)"));
    }
}
