using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Trellis.Web.Data;
using Trellis.Web.Features.Participants;

namespace Trellis.Web.Features.Risk;

public static class RiskFlagKinds
{
    public const string SuicideRisk = "suicide_risk";
}

/// <summary>
/// A standing warning on a chart ("suicide risk"), shown in the chart header until a clinician
/// clears it with a written reason. Raised by what showed the risk (an instrument, usually) and
/// never deleted: clearing keeps who, when and why.
/// </summary>
public sealed class RiskFlag : Entity, IParticipantOwned
{
    public Guid ParticipantId { get; set; }
    public Participant? Participant { get; set; }
    public string Kind { get; set; } = RiskFlagKinds.SuicideRisk;
    /// <summary>What showed the risk, in a sentence a colleague can act on.</summary>
    public string Reason { get; set; } = "";
    /// <summary>The C-SSRS level or the PHQ-9 item 9 answer that raised it, for sorting and display.</summary>
    public string? Severity { get; set; }
    public string? SourceType { get; set; }
    public Guid? SourceId { get; set; }
    public DateTimeOffset RaisedAt { get; set; }
    public string? RaisedBy { get; set; }
    /// <summary>Later signs while the flag was open ("PHQ-9 item 9 again on May 3").</summary>
    public int SignsSinceRaised { get; set; }
    public DateTimeOffset? LastSignAt { get; set; }
    public DateTimeOffset? ClearedAt { get; set; }
    public Guid? ClearedByStaffId { get; set; }
    public string? ClearedByName { get; set; }
    public string? ClearReason { get; set; }

    public bool IsOpen => ClearedAt is null;
}

internal sealed class RiskFlagConfiguration : IEntityTypeConfiguration<RiskFlag>
{
    public void Configure(EntityTypeBuilder<RiskFlag> b)
    {
        b.ToTable("RiskFlags");
        b.Property(x => x.Kind).HasMaxLength(40);
        b.Property(x => x.Reason).HasMaxLength(1000);
        b.Property(x => x.Severity).HasMaxLength(40);
        b.Property(x => x.SourceType).HasMaxLength(80);
        b.Property(x => x.RaisedBy).HasMaxLength(256);
        b.Property(x => x.ClearedByName).HasMaxLength(256);
        b.Property(x => x.ClearReason).HasMaxLength(2000);
        b.HasOne(x => x.Participant).WithMany().HasForeignKey(x => x.ParticipantId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Staff.StaffMember>().WithMany().HasForeignKey(x => x.ClearedByStaffId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(x => new { x.ParticipantId, x.ClearedAt });
        b.Ignore(x => x.IsOpen);
    }
}
