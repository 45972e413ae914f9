using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Trellis.Web.Data;
using Trellis.Web.Features.Organization;

namespace Trellis.Web.Features.Scheduling;

/// <summary>
/// A program's scheduling and attendance rules. One row per program, made with the defaults the
/// first time it is needed; program directors change them on the program's scheduling page.
/// </summary>
public sealed class ScheduleSettings : Entity, IProgramOwned, IProgramFact
{
    public const int DefaultWeeksAhead = 8;
    public const int DefaultLockDays = 7;
    public const int DefaultConsecutiveAbsences = 2;
    public const int DefaultMinimumAttendancePercent = 75;
    public const int DefaultAttendanceWindowWeeks = 2;
    public static readonly ServiceType[] DefaultCounted =
    [
        ServiceType.GroupTherapy, ServiceType.Psychoeducation, ServiceType.SkillsGroup, ServiceType.IndividualTherapy,
        ServiceType.FamilyTherapy, ServiceType.ActivityTherapy,
    ];

    public Guid ProgramId { get; set; }
    public TreatmentProgram? Program { get; set; }
    /// <summary>How many weeks ahead group sessions are generated from the track templates.</summary>
    public int WeeksAhead { get; set; } = DefaultWeeksAhead;
    /// <summary>Days after a session when only a program director may change its attendance.</summary>
    public int AttendanceLockDays { get; set; } = DefaultLockDays;
    /// <summary>This many absences in a row raise an engagement alert.</summary>
    public int ConsecutiveAbsencesAlert { get; set; } = DefaultConsecutiveAbsences;
    /// <summary>Attendance below this share of sessions over the window raises an engagement alert.</summary>
    public int MinimumAttendancePercent { get; set; } = DefaultMinimumAttendancePercent;
    public int AttendanceWindowWeeks { get; set; } = DefaultAttendanceWindowWeeks;
    /// <summary>Service types that count toward weekly hours, comma separated (see <see cref="Counted"/>).</summary>
    public string CountedServiceTypes { get; set; } = string.Join(",", DefaultCounted);

    public IReadOnlySet<ServiceType> Counted =>
        CountedServiceTypes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => Enum.TryParse<ServiceType>(s, out var t) ? t : (ServiceType?)null)
            .Where(t => t is not null).Select(t => t!.Value).ToHashSet();

    public static ScheduleSettings Defaults(Guid programId) => new() { ProgramId = programId };

    /// <summary>Attendance of a day more than <see cref="AttendanceLockDays"/> ago is locked: only a program director changes it, and says why.</summary>
    public bool LocksAttendanceOf(DateOnly day, DateOnly today) => today.DayNumber - day.DayNumber > AttendanceLockDays;

    /// <summary>The program's settings, or the defaults (not saved) when none were set.</summary>
    public static async Task<ScheduleSettings> ForAsync(TrellisDbContext db, Guid programId, CancellationToken ct = default) =>
        await db.Set<ScheduleSettings>().AsNoTracking().FirstOrDefaultAsync(s => s.ProgramId == programId, ct) ?? Defaults(programId);
}

internal sealed class ScheduleSettingsConfiguration : IEntityTypeConfiguration<ScheduleSettings>
{
    public void Configure(EntityTypeBuilder<ScheduleSettings> b)
    {
        b.ToTable("ScheduleSettings");
        b.Property(x => x.CountedServiceTypes).HasMaxLength(300);
        b.HasOne(x => x.Program).WithMany().HasForeignKey(x => x.ProgramId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => x.ProgramId).IsUnique();
        b.Ignore(x => x.Counted);
    }
}
