using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Trellis.Web.Data;
using Trellis.Web.Features.Participants;

namespace Trellis.Web.Features.Outcomes.Summaries;

/// <summary>
/// One participant's attendance on one day, summed over every session and appointment marked that day: the
/// dashboard's attendance rate and hours read these instead of the attendance records (issue 10 point 7). Derived:
/// <see cref="OutcomeSummaryHook"/> keeps it in the same transaction as the attendance it sums, and
/// <see cref="OutcomeSummaries.VerifyAsync"/> recomputes it from scratch. Chart-owned, so scope and soft delete apply.
/// </summary>
[NotAudited]
public sealed class AttendanceDay : Entity, IParticipantOwned
{
    public Guid ParticipantId { get; set; }
    public Participant? Participant { get; set; }
    public DateOnly On { get; set; }
    /// <summary>Monday of <see cref="On"/>'s week (<see cref="ProgramClock.WeekStart"/>), so hours per week are grouped in SQL.</summary>
    public DateOnly WeekStart { get; set; }
    /// <summary>Attendance records marked that day (any status).</summary>
    public int Marked { get; set; }
    /// <summary>Of those, attended (<see cref="Scheduling.AttendanceRecord.IsAttended"/>).</summary>
    public int Attended { get; set; }
    public int Minutes { get; set; }
}

internal sealed class AttendanceDayConfiguration : IEntityTypeConfiguration<AttendanceDay>
{
    public void Configure(EntityTypeBuilder<AttendanceDay> b)
    {
        b.ToTable("AttendanceDays");
        b.HasOne(x => x.Participant).WithMany().HasForeignKey(x => x.ParticipantId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.ParticipantId, x.On }).IsUnique();
        b.HasIndex(x => x.On); // the dashboard sums a period's days for everyone in it
    }
}
