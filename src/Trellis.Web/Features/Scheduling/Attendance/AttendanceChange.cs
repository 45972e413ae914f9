using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Trellis.Web.Data;
using Trellis.Web.Features.Participants;

namespace Trellis.Web.Features.Scheduling;

/// <summary>
/// One version of an attendance record: what it said after a save, who saved it and why. The first
/// row is the record as first taken; every later edit adds a row, so the history is never lost.
/// </summary>
public sealed class AttendanceChange : Entity, IParticipantOwned
{
    public Guid AttendanceRecordId { get; set; }
    public Guid ParticipantId { get; set; }
    public Participant? Participant { get; set; }
    public AttendanceStatus Status { get; set; }
    public int? MinutesLate { get; set; }
    public int? MinutesLeftEarly { get; set; }
    public int MinutesAttended { get; set; }
    public string? Note { get; set; }
    /// <summary>Why a record was changed after it was first taken; required for late corrections.</summary>
    public string? Reason { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
    public string? ChangedBy { get; set; }
}

internal sealed class AttendanceChangeConfiguration : IEntityTypeConfiguration<AttendanceChange>
{
    public void Configure(EntityTypeBuilder<AttendanceChange> b)
    {
        b.ToTable("AttendanceChanges");
        b.Property(x => x.Note).HasMaxLength(500);
        b.Property(x => x.Reason).HasMaxLength(500);
        b.Property(x => x.ChangedBy).HasMaxLength(256);
        b.HasOne(x => x.Participant).WithMany().HasForeignKey(x => x.ParticipantId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<AttendanceRecord>().WithMany().HasForeignKey(x => x.AttendanceRecordId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => x.AttendanceRecordId);
    }
}
