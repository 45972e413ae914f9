using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Trellis.Web.Data;
using Trellis.Web.Features.Participants;

namespace Trellis.Web.Features.Scheduling;

public enum AttendanceStatus { Present, Late, LeftEarly, Telehealth, AbsentExcused, AbsentUnexcused }

/// <summary>
/// Whether a participant came to one group session or appointment, and for how many minutes.
/// Exactly one of <see cref="GroupSessionId"/> and <see cref="AppointmentId"/> is set.
/// </summary>
public sealed class AttendanceRecord : Entity, IParticipantOwned
{
    public Guid ParticipantId { get; set; }
    public Participant? Participant { get; set; }
    public Guid? GroupSessionId { get; set; }
    public GroupSession? GroupSession { get; set; }
    public Guid? AppointmentId { get; set; }
    public Appointment? Appointment { get; set; }
    public AttendanceStatus Status { get; set; }
    /// <summary>In person or by video (<see cref="Modalities.Of"/>), set with the status: what the charge and the note read.</summary>
    public Modality Modality { get; set; }
    public int? MinutesLate { get; set; }
    public int? MinutesLeftEarly { get; set; }
    /// <summary>Derived from the session's length, status and the minutes late or left early.</summary>
    public int MinutesAttended { get; set; }
    public string? Note { get; set; }

    public bool Attended => IsAttended(Status);

    /// <summary>"Attended": present, late, left early or by video. The one spelling of the rule; queries use <see cref="AttendedStatuses"/>.</summary>
    public static readonly AttendanceStatus[] AttendedStatuses = [AttendanceStatus.Present, AttendanceStatus.Late, AttendanceStatus.LeftEarly, AttendanceStatus.Telehealth];

    public static bool IsAttended(AttendanceStatus status) => AttendedStatuses.Contains(status);
}

internal sealed class AttendanceRecordConfiguration : IEntityTypeConfiguration<AttendanceRecord>
{
    public void Configure(EntityTypeBuilder<AttendanceRecord> b)
    {
        b.ToTable("Attendance");
        b.Property(x => x.Note).HasMaxLength(500);
        b.HasOne(x => x.Participant).WithMany().HasForeignKey(x => x.ParticipantId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.GroupSession).WithMany().HasForeignKey(x => x.GroupSessionId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.Appointment).WithMany().HasForeignKey(x => x.AppointmentId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.GroupSessionId, x.ParticipantId }).IsUnique();
        b.HasIndex(x => new { x.AppointmentId, x.ParticipantId }).IsUnique();
        b.HasIndex(x => x.ParticipantId);
        b.Ignore(x => x.Attended);
        b.ToTable(t => t.HasCheckConstraint("CK_Attendance_OneEvent", "(\"GroupSessionId\" IS NULL) <> (\"AppointmentId\" IS NULL)"));
    }
}
