using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Trellis.Web.Data;
using Trellis.Web.Features.Clinical;
using Trellis.Web.Features.Participants;

namespace Trellis.Web.Features.Portal.CheckIns;

/// <summary>
/// A participant's daily check-in from the portal: mood and craving (0–10), hours slept, any use since the last one,
/// the coping skills of their own plan they used, and a line in their own words. Written once, never changed: a new
/// day is a new check-in. The program's rules it tripped are kept with it, so the chart shows why a task was raised.
/// </summary>
public sealed class CheckIn : Entity, IParticipantOwned
{
    public Guid ParticipantId { get; set; }
    public Participant? Participant { get; set; }
    public DateTimeOffset CheckedInAt { get; set; }
    /// <summary>The day in the program's time zone: trends and "three days without a check-in" count days, not hours.</summary>
    public DateOnly Day { get; set; }
    public int Mood { get; set; }
    public int Craving { get; set; }
    public double? SleepHours { get; set; }
    public bool Used { get; set; }
    public string? Substances { get; set; }
    public List<Guid> CopingSkillIds { get; set; } = [];
    public string? Note { get; set; }
    /// <summary>The program's rules this check-in met ("craving 9 at or above 8"); empty when none.</summary>
    public List<string> Alerts { get; set; } = [];
}

internal sealed class CheckInConfiguration : IEntityTypeConfiguration<CheckIn>
{
    public void Configure(EntityTypeBuilder<CheckIn> b)
    {
        b.Property(x => x.Substances).HasMaxLength(200);
        b.Property(x => x.Note).HasMaxLength(500);
        b.Property(x => x.CopingSkillIds).HasJsonConversion().HasMaxLength(1000);
        b.Property(x => x.Alerts).HasJsonConversion().HasMaxLength(1000);
        b.HasOne(x => x.Participant).WithMany().HasForeignKey(x => x.ParticipantId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.ParticipantId, x.CheckedInAt });
    }
}
