using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Trellis.Web.Data;
using Trellis.Web.Features.Organization;
using Trellis.Web.Features.Participants;

namespace Trellis.Web.Features.Admissions.Authorizations;

public enum AuthorizationStatus { Requested, Approved, Denied, Closed }

/// <summary>Payers count IOP in days (per diem, e.g. S9480/H0015) or in units of service.</summary>
public enum AuthorizationUnit { Days, Units }

/// <summary>
/// A payer's approval for a level of care: how many days or units, between which dates. Use is
/// counted from attendance (<see cref="AuthorizationRecords.Rows"/>): a day is a date in the range
/// on which the participant attended any session or appointment, a unit each one attended.
/// <see cref="Used"/> holds only what attendance here cannot show (days used before the clinic
/// kept attendance in Trellis, or at another site), entered by hand.
/// </summary>
public sealed class InsuranceAuthorization : Entity, IParticipantOwned
{
    public Guid ParticipantId { get; set; }
    public Participant? Participant { get; set; }
    public string Payer { get; set; } = "";
    public string MemberId { get; set; } = "";
    /// <summary>The payer's reference for this approval; absent while requested.</summary>
    public string? AuthorizationNumber { get; set; }
    public LevelOfCare LevelOfCare { get; set; } = LevelOfCare.IntensiveOutpatient;
    public AuthorizationUnit Unit { get; set; }
    public int Authorized { get; set; }
    /// <summary>Use entered by hand that attendance in Trellis does not show; added to the attendance count.</summary>
    public int Used { get; set; }
    public DateOnly StartOn { get; set; }
    public DateOnly EndOn { get; set; }
    public AuthorizationStatus Status { get; set; }
    /// <summary>The payer's reviewer or utilization manager, and how to reach them.</summary>
    public string? Reviewer { get; set; }
    public string? ReviewerPhone { get; set; }
    public string? Notes { get; set; }
}

internal sealed class InsuranceAuthorizationConfiguration : IEntityTypeConfiguration<InsuranceAuthorization>
{
    public void Configure(EntityTypeBuilder<InsuranceAuthorization> b)
    {
        b.ToTable("InsuranceAuthorizations");
        b.Property(x => x.Payer).HasMaxLength(120);
        b.Property(x => x.MemberId).HasMaxLength(60);
        b.Property(x => x.AuthorizationNumber).HasMaxLength(60);
        b.Property(x => x.Reviewer).HasMaxLength(120);
        b.Property(x => x.ReviewerPhone).HasMaxLength(40);
        b.Property(x => x.Notes).HasMaxLength(2000);
        b.HasOne(x => x.Participant).WithMany().HasForeignKey(x => x.ParticipantId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.ParticipantId, x.StartOn });
        b.HasIndex(x => new { x.Status, x.EndOn });
    }
}
