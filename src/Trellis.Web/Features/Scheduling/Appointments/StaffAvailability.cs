using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Trellis.Web.Data;
using Trellis.Web.Features.Organization;
using Trellis.Web.Features.Staff;

namespace Trellis.Web.Features.Scheduling;

/// <summary>
/// Weekly hours a staff member keeps open for individual appointments ("Tuesdays 13:00–17:00,
/// individual therapy, Office 2"). Cut into slots of <see cref="SlotMinutes"/>, minus what is
/// already booked, they are the free individual slots placement offers.
/// </summary>
public sealed class StaffAvailability : Entity, IProgramOwned
{
    public Guid StaffMemberId { get; set; }
    public StaffMember? StaffMember { get; set; }
    public Guid ProgramId { get; set; }
    public DayOfWeek Day { get; set; }
    /// <summary>Wall-clock times in the program's time zone.</summary>
    public TimeOnly StartTime { get; set; }
    public TimeOnly EndTime { get; set; }
    public ServiceType ServiceType { get; set; } = ServiceType.IndividualTherapy;
    public int SlotMinutes { get; set; } = 50;
    public Guid? RoomId { get; set; }
    public Room? Room { get; set; }
    /// <summary>Offered by video, so the participant needs no travel time around it.</summary>
    public bool IsTelehealth { get; set; }
}

internal sealed class StaffAvailabilityConfiguration : IEntityTypeConfiguration<StaffAvailability>
{
    public void Configure(EntityTypeBuilder<StaffAvailability> b)
    {
        b.ToTable("StaffAvailability");
        b.HasOne(x => x.StaffMember).WithMany().HasForeignKey(x => x.StaffMemberId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<TreatmentProgram>().WithMany().HasForeignKey(x => x.ProgramId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.Room).WithMany().HasForeignKey(x => x.RoomId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(x => new { x.StaffMemberId, x.Day });
    }
}
