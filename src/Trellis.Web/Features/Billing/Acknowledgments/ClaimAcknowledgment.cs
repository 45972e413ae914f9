using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Trellis.Web.Features.Clinical;

namespace Trellis.Web.Features.Billing.Acknowledgments;

/// <summary>
/// An imported 999 or 277CA, kept as it came with what it did: claims accepted into adjudication, claims
/// rejected (into the work queue), and claim numbers it named that are not ours. Clinic-wide, like a remittance.
/// </summary>
public sealed class ClaimAcknowledgment : Entity, IClinicOrProgramOwned
{
    public Guid? ProgramId { get; set; }
    /// <summary>999 or 277CA.</summary>
    public string Kind { get; set; } = "";
    /// <summary>999: the group control number of our 837 it answers.</summary>
    public long? GroupControlNumber { get; set; }
    public DateOnly ReceivedOn { get; set; }
    public int Accepted { get; set; }
    public int Rejected { get; set; }
    public int Unmatched { get; set; }
    public List<string> UnmatchedClaims { get; set; } = [];
    public string Summary { get; set; } = "";
    public string Content { get; set; } = "";
}

internal sealed class ClaimAcknowledgmentConfiguration : IEntityTypeConfiguration<ClaimAcknowledgment>
{
    public void Configure(EntityTypeBuilder<ClaimAcknowledgment> b)
    {
        b.ToTable("ClaimAcknowledgments");
        b.Property(x => x.Kind).HasMaxLength(5);
        b.Property(x => x.Summary).HasMaxLength(500);
        b.Property(x => x.UnmatchedClaims).HasJsonConversion();
        b.HasIndex(x => x.CreatedAt);
    }
}
