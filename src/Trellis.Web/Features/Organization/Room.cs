using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Trellis.Web.Data;

namespace Trellis.Web.Features.Organization;

public sealed class Room : Entity
{
    public Guid OrganizationId { get; set; }
    public string Name { get; set; } = "";
    public string? Location { get; set; }
    public int Capacity { get; set; }
    /// <summary>A standing video room rather than a physical one.</summary>
    public bool IsTelehealth { get; set; }
    public string? TelehealthUrl { get; set; }
    public bool IsActive { get; set; } = true;
}

internal sealed class RoomConfiguration : IEntityTypeConfiguration<Room>
{
    public void Configure(EntityTypeBuilder<Room> b)
    {
        b.Property(x => x.Name).HasMaxLength(120);
        b.Property(x => x.Location).HasMaxLength(200);
        b.Property(x => x.TelehealthUrl).HasMaxLength(500);
        b.HasIndex(x => x.Name).IsUnique();
        b.HasOne<Organization>().WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}
