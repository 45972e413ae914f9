using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Trellis.Web.Data;
using Trellis.Web.Features.Organization;

namespace Trellis.Web.Features.Staff;

/// <summary>
/// A person who works in the clinic. Their roles live on their sign-in account (ASP.NET Core
/// Identity roles); the programs they are assigned to decide which participants they can see.
/// </summary>
public sealed class StaffMember : Entity
{
    public string FirstName { get; set; } = "";
    public string LastName { get; set; } = "";
    public string Email { get; set; } = "";
    public string? Phone { get; set; }
    /// <summary>LCSW, LPC, LMFT, PsyD, MD, PMHNP, RN, CADC…</summary>
    public string? CredentialType { get; set; }
    public string? LicenseNumber { get; set; }
    /// <summary>Two-letter state of the licence.</summary>
    public string? LicenseState { get; set; }
    public DateOnly? LicenseExpiresOn { get; set; }
    /// <summary>Pre-licensed staff whose notes need a supervisor's co-signature.</summary>
    public bool RequiresSupervision { get; set; }
    public Guid? SupervisorId { get; set; }
    public bool IsActive { get; set; } = true;
    public string? UserId { get; set; }
    public List<StaffProgramAssignment> Programs { get; set; } = [];

    public string FullName => $"{FirstName} {LastName}";
    public string DisplayName => string.IsNullOrEmpty(CredentialType) ? FullName : $"{FullName}, {CredentialType}";

    /// <summary>Days until the licence expires; negative when it already has.</summary>
    public int? DaysUntilLicenseExpiry(DateOnly today) => LicenseExpiresOn is { } d ? d.DayNumber - today.DayNumber : null;
}

public sealed class StaffProgramAssignment
{
    public Guid StaffMemberId { get; set; }
    public Guid ProgramId { get; set; }
    public TreatmentProgram? Program { get; set; }
}

internal sealed class StaffMemberConfiguration : IEntityTypeConfiguration<StaffMember>
{
    public void Configure(EntityTypeBuilder<StaffMember> b)
    {
        b.ToTable("Staff");
        b.Property(x => x.FirstName).HasMaxLength(100);
        b.Property(x => x.LastName).HasMaxLength(100);
        b.Property(x => x.Email).HasMaxLength(256);
        b.Property(x => x.Phone).HasMaxLength(40);
        b.Property(x => x.CredentialType).HasMaxLength(40);
        b.Property(x => x.LicenseNumber).HasMaxLength(60);
        b.Property(x => x.LicenseState).HasMaxLength(2);
        b.Property(x => x.UserId).HasMaxLength(450);
        b.HasIndex(x => x.Email).IsUnique();
        b.HasIndex(x => x.UserId).IsUnique();
        b.HasOne<StaffMember>().WithMany().HasForeignKey(x => x.SupervisorId).OnDelete(DeleteBehavior.SetNull);
        b.HasMany(x => x.Programs).WithOne().HasForeignKey(x => x.StaffMemberId).OnDelete(DeleteBehavior.Cascade);
        b.Ignore(x => x.FullName);
        b.Ignore(x => x.DisplayName);
    }
}

internal sealed class StaffProgramAssignmentConfiguration : IEntityTypeConfiguration<StaffProgramAssignment>
{
    public void Configure(EntityTypeBuilder<StaffProgramAssignment> b)
    {
        b.HasKey(x => new { x.StaffMemberId, x.ProgramId });
        b.HasOne(x => x.Program).WithMany().HasForeignKey(x => x.ProgramId).OnDelete(DeleteBehavior.Cascade);
    }
}
