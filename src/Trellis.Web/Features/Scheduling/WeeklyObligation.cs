using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Trellis.Web.Data;
using Trellis.Web.Features.Organization;
using Trellis.Web.Features.Participants;

namespace Trellis.Web.Features.Scheduling;

public enum ObligationKind { Work, Childcare, School, Caregiving, Medical, Other }

/// <summary>
/// A fixed commitment in a participant's week (a work shift, school pickup, a standing appointment)
/// that treatment has to fit around. Recorded at admission; read by placement.
/// </summary>
public sealed class WeeklyObligation : Entity, IParticipantOwned
{
    public Guid ParticipantId { get; set; }
    public Participant? Participant { get; set; }
    public ObligationKind Kind { get; set; }
    /// <summary>The participant's words: "Shift at the warehouse", "Pick up Maya from school".</summary>
    public string Label { get; set; } = "";
    public Weekdays Weekdays { get; set; }
    public TimeOnly StartTime { get; set; }
    /// <summary>An end at or before the start runs past midnight (a night shift).</summary>
    public TimeOnly EndTime { get; set; }
    /// <summary>Minutes needed to get from the clinic to it, or from it to the clinic.</summary>
    public int TravelMinutes { get; set; }
}

internal sealed class WeeklyObligationConfiguration : IEntityTypeConfiguration<WeeklyObligation>
{
    public void Configure(EntityTypeBuilder<WeeklyObligation> b)
    {
        b.ToTable("WeeklyObligations");
        b.Property(x => x.Label).HasMaxLength(200);
        b.Property(x => x.Weekdays).HasConversion<int>();
        b.HasOne(x => x.Participant).WithMany().HasForeignKey(x => x.ParticipantId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => x.ParticipantId);
    }
}
