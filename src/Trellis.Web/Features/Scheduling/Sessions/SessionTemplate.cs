using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Trellis.Web.Data;
using Trellis.Web.Features.Organization;
using Trellis.Web.Features.Staff;

namespace Trellis.Web.Features.Scheduling;

/// <summary>
/// One item of a track's weekly template: "Skills group, 10:00–10:50 on the track's days". A track
/// meeting Mon/Wed/Thu 9:00–12:00 as three 50-minute groups has three of these. Generation turns
/// each into one dated <see cref="GroupSession"/> per meeting day, in the program's time zone.
/// </summary>
public sealed class SessionTemplate : Entity
{
    public Guid TrackId { get; set; }
    public Track? Track { get; set; }
    public string Title { get; set; } = "";
    public ServiceType ServiceType { get; set; } = ServiceType.GroupTherapy;
    /// <summary>The days it meets: the track's days, or some of them.</summary>
    public Weekdays Weekdays { get; set; }
    /// <summary>Wall-clock times in the program's time zone.</summary>
    public TimeOnly StartTime { get; set; }
    public TimeOnly EndTime { get; set; }
    /// <summary>Null: the track's usual room.</summary>
    public Guid? RoomId { get; set; }
    public Room? Room { get; set; }
    public string? TelehealthUrl { get; set; }
    /// <summary>Null: the track's capacity.</summary>
    public int? Capacity { get; set; }
    public bool IsActive { get; set; } = true;
    public List<SessionTemplateFacilitator> Facilitators { get; set; } = [];

    public int DurationMinutes => (int)(EndTime - StartTime).TotalMinutes;
}

public sealed class SessionTemplateFacilitator
{
    public Guid SessionTemplateId { get; set; }
    public Guid StaffMemberId { get; set; }
    public StaffMember? StaffMember { get; set; }
}

internal sealed class SessionTemplateConfiguration : IEntityTypeConfiguration<SessionTemplate>
{
    public void Configure(EntityTypeBuilder<SessionTemplate> b)
    {
        b.ToTable("SessionTemplates");
        b.Property(x => x.Title).HasMaxLength(120);
        b.Property(x => x.TelehealthUrl).HasMaxLength(500);
        b.Property(x => x.Weekdays).HasConversion<int>();
        b.HasOne(x => x.Track).WithMany().HasForeignKey(x => x.TrackId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.Room).WithMany().HasForeignKey(x => x.RoomId).OnDelete(DeleteBehavior.SetNull);
        b.HasMany(x => x.Facilitators).WithOne().HasForeignKey(x => x.SessionTemplateId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => x.TrackId);
        b.Ignore(x => x.DurationMinutes);
    }
}

internal sealed class SessionTemplateFacilitatorConfiguration : IEntityTypeConfiguration<SessionTemplateFacilitator>
{
    public void Configure(EntityTypeBuilder<SessionTemplateFacilitator> b)
    {
        b.ToTable("SessionTemplateFacilitators");
        b.HasKey(x => new { x.SessionTemplateId, x.StaffMemberId });
        b.HasOne(x => x.StaffMember).WithMany().HasForeignKey(x => x.StaffMemberId).OnDelete(DeleteBehavior.Cascade);
    }
}
