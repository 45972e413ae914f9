using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Trellis.Web.Data;

namespace Trellis.Web.Features.Organization;

/// <summary>The clinic that runs one or more programs. One per installation today.</summary>
public sealed class Organization : Entity
{
    public string Name { get; set; } = "";
    /// <summary>IANA time zone, the default for new programs.</summary>
    public string TimeZoneId { get; set; } = "America/New_York";
    /// <summary>When set, staff who have not enrolled an authenticator must do so before anything else.</summary>
    public bool RequireTwoFactorForStaff { get; set; }
    public string? Phone { get; set; }
    public string? Address { get; set; }
}

internal sealed class OrganizationConfiguration : IEntityTypeConfiguration<Organization>
{
    public void Configure(EntityTypeBuilder<Organization> b)
    {
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.TimeZoneId).HasMaxLength(64);
        b.Property(x => x.Phone).HasMaxLength(40);
        b.Property(x => x.Address).HasMaxLength(300);
    }
}
