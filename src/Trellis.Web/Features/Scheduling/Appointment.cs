using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Trellis.Web.Data;
using Trellis.Web.Features.Organization;
using Trellis.Web.Features.Participants;
using Trellis.Web.Features.Staff;

namespace Trellis.Web.Features.Scheduling;

public enum AppointmentStatus { Scheduled, Cancelled }

/// <summary>An individual appointment: individual therapy, medication management, case management or a family session.</summary>
public sealed class Appointment : Entity, IParticipantOwned
{
    public Guid ParticipantId { get; set; }
    public Participant? Participant { get; set; }
    public Guid StaffMemberId { get; set; }
    public StaffMember? StaffMember { get; set; }
    public ServiceType ServiceType { get; set; } = ServiceType.IndividualTherapy;
    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset EndsAt { get; set; }
    public DateOnly LocalDate { get; set; }
    public Guid? RoomId { get; set; }
    public Room? Room { get; set; }
    public string? TelehealthUrl { get; set; }
    public AppointmentStatus Status { get; set; }
    public string? CancellationReason { get; set; }
    /// <summary>Shared by the appointments of one recurring series.</summary>
    public Guid? SeriesId { get; set; }
    public string? Notes { get; set; }
    /// <summary>The closure that cancelled it, so reopening the clinic can restore it.</summary>
    public Guid? ClosureId { get; set; }

    public int DurationMinutes => (int)(EndsAt - StartsAt).TotalMinutes;
}

internal sealed class AppointmentConfiguration : IEntityTypeConfiguration<Appointment>
{
    public void Configure(EntityTypeBuilder<Appointment> b)
    {
        b.Property(x => x.TelehealthUrl).HasMaxLength(500);
        b.Property(x => x.CancellationReason).HasMaxLength(500);
        b.Property(x => x.Notes).HasMaxLength(2000);
        b.HasOne(x => x.Participant).WithMany().HasForeignKey(x => x.ParticipantId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.StaffMember).WithMany().HasForeignKey(x => x.StaffMemberId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Room).WithMany().HasForeignKey(x => x.RoomId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(x => new { x.StaffMemberId, x.StartsAt });
        b.HasIndex(x => new { x.ParticipantId, x.StartsAt });
        b.HasIndex(x => x.SeriesId);
        b.HasOne<Closure>().WithMany().HasForeignKey(x => x.ClosureId).OnDelete(DeleteBehavior.SetNull);
        b.Ignore(x => x.DurationMinutes);
    }
}
