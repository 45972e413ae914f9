using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Trellis.Web.Data;
using Trellis.Web.Features.Organization;
using Trellis.Web.Features.Staff;

namespace Trellis.Web.Features.Scheduling;

/// <summary>What kind of service a session or appointment is; decides whether it counts toward weekly hours.</summary>
public enum ServiceType
{
    GroupTherapy, Psychoeducation, SkillsGroup, IndividualTherapy, FamilyTherapy,
    MedicationManagement, CaseManagement, ActivityTherapy,
    /// <summary>A psychiatric diagnostic evaluation (CPT 90791): an appointment, usually at intake; not counted toward weekly hours by default.</summary>
    DiagnosticEvaluation,
}

public enum SessionStatus { Scheduled, Cancelled }

/// <summary>
/// One dated group session of a program ("Skills group, Wed 10:00–10:50"), usually made from a
/// track's weekly template. Times are instants (UTC); the program's time zone turns them into
/// wall-clock times, so they stay right across daylight-saving changes.
/// </summary>
public sealed class GroupSession : Entity, IProgramOwned, IProgramFact
{
    public Guid ProgramId { get; set; }
    public TreatmentProgram? Program { get; set; }
    public Guid? TrackId { get; set; }
    public Track? Track { get; set; }
    public string Title { get; set; } = "";
    public ServiceType ServiceType { get; set; } = ServiceType.GroupTherapy;
    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset EndsAt { get; set; }
    /// <summary>The session's date in the program's time zone, for "today" and week views.</summary>
    public DateOnly LocalDate { get; set; }
    public Guid? RoomId { get; set; }
    public Room? Room { get; set; }
    public string? TelehealthUrl { get; set; }
    public int Capacity { get; set; }
    public SessionStatus Status { get; set; }
    public string? CancellationReason { get; set; }
    public List<SessionFacilitator> Facilitators { get; set; } = [];
    /// <summary>The track template item this session was made from; null for a session added by hand.</summary>
    public Guid? TemplateId { get; set; }
    /// <summary>
    /// The day the template planned it for. It stays when the session is moved to another day, so
    /// regeneration knows that day's session exists (moved) and does not make it again.
    /// </summary>
    public DateOnly? TemplateDate { get; set; }
    /// <summary>
    /// Set when someone changed this one session (room, facilitator, time, capacity, link): template
    /// edits and regeneration then leave it alone, so a one-off change never breaks the series.
    /// </summary>
    public bool IsOneOffChange { get; set; }
    /// <summary>The closure that cancelled it, so reopening the clinic can restore exactly these.</summary>
    public Guid? ClosureId { get; set; }

    public int DurationMinutes => (int)(EndsAt - StartsAt).TotalMinutes;
}

public sealed class SessionFacilitator
{
    public Guid GroupSessionId { get; set; }
    public Guid StaffMemberId { get; set; }
    public StaffMember? StaffMember { get; set; }
}

internal sealed class GroupSessionConfiguration : IEntityTypeConfiguration<GroupSession>
{
    public void Configure(EntityTypeBuilder<GroupSession> b)
    {
        b.Property(x => x.Title).HasMaxLength(120);
        b.Property(x => x.TelehealthUrl).HasMaxLength(500);
        b.Property(x => x.CancellationReason).HasMaxLength(500);
        b.HasOne(x => x.Program).WithMany().HasForeignKey(x => x.ProgramId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Track).WithMany().HasForeignKey(x => x.TrackId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Room).WithMany().HasForeignKey(x => x.RoomId).OnDelete(DeleteBehavior.SetNull);
        b.HasMany(x => x.Facilitators).WithOne().HasForeignKey(x => x.GroupSessionId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.ProgramId, x.LocalDate });
        b.HasIndex(x => new { x.TrackId, x.StartsAt });
        // One session per template item per day: generation on several app nodes at once cannot duplicate.
        b.HasIndex(x => new { x.TemplateId, x.TemplateDate }).IsUnique();
        b.HasOne<SessionTemplate>().WithMany().HasForeignKey(x => x.TemplateId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<Closure>().WithMany().HasForeignKey(x => x.ClosureId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(x => x.StartsAt);
        b.Ignore(x => x.DurationMinutes);
    }
}

internal sealed class SessionFacilitatorConfiguration : IEntityTypeConfiguration<SessionFacilitator>
{
    public void Configure(EntityTypeBuilder<SessionFacilitator> b)
    {
        b.ToTable("SessionFacilitators");
        b.HasKey(x => new { x.GroupSessionId, x.StaffMemberId });
        b.HasOne(x => x.StaffMember).WithMany().HasForeignKey(x => x.StaffMemberId).OnDelete(DeleteBehavior.Cascade);
    }
}
