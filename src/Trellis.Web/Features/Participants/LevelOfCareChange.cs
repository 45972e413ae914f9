using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Trellis.Web.Data;
using Trellis.Web.Features.Organization;

namespace Trellis.Web.Features.Participants;

/// <summary>
/// One entry in a participant's level-of-care history. Programs step people down from inpatient
/// or partial hospitalization and up from outpatient, so every move is kept with its reason.
/// </summary>
public sealed class LevelOfCareChange : Entity, IParticipantOwned
{
    public Guid ParticipantId { get; set; }
    public Participant? Participant { get; set; }
    public DateOnly EffectiveOn { get; set; }
    public LevelOfCare? FromLevel { get; set; }
    public LevelOfCare ToLevel { get; set; }
    public string Rationale { get; set; } = "";
    public Guid? DecidedByStaffId { get; set; }
    public string? DecidedByName { get; set; }
}

internal sealed class LevelOfCareChangeConfiguration : IEntityTypeConfiguration<LevelOfCareChange>
{
    public void Configure(EntityTypeBuilder<LevelOfCareChange> b)
    {
        b.Property(x => x.Rationale).HasMaxLength(4000);
        b.Property(x => x.DecidedByName).HasMaxLength(200);
        b.HasOne(x => x.Participant).WithMany(p => p.LevelOfCareHistory).HasForeignKey(x => x.ParticipantId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.ParticipantId, x.EffectiveOn });
    }
}
