using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Trellis.Web.Data;

namespace Trellis.Web.Features.Organization;

/// <summary>Days of the week as flags, so a track's pattern ("Mon/Wed/Thu") is one column.</summary>
[Flags]
public enum Weekdays
{
    None = 0,
    Monday = 1, Tuesday = 2, Wednesday = 4, Thursday = 8, Friday = 16, Saturday = 32, Sunday = 64,
}

public static class WeekdaysExtensions
{
    public static Weekdays ToFlag(this DayOfWeek day) => day switch
    {
        DayOfWeek.Monday => Weekdays.Monday,
        DayOfWeek.Tuesday => Weekdays.Tuesday,
        DayOfWeek.Wednesday => Weekdays.Wednesday,
        DayOfWeek.Thursday => Weekdays.Thursday,
        DayOfWeek.Friday => Weekdays.Friday,
        DayOfWeek.Saturday => Weekdays.Saturday,
        _ => Weekdays.Sunday,
    };

    public static IEnumerable<DayOfWeek> Days(this Weekdays days) =>
        new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday }
            .Where(d => days.HasFlag(d.ToFlag()));

    public static int Count(this Weekdays days) => System.Numerics.BitOperations.PopCount((uint)days);

    /// <summary>"Mon/Wed/Thu", as clinics write it.</summary>
    public static string ToShortText(this Weekdays days) =>
        days == Weekdays.None ? "no days" : string.Join("/", days.Days().Select(d => d.ToString()[..3]));
}

/// <summary>A recurring slot of a program, e.g. "Morning, Mon/Wed/Thu 9:00–12:00".</summary>
public sealed class Track : Entity, IProgramOwned, IProgramFact
{
    public Guid ProgramId { get; set; }
    public TreatmentProgram? Program { get; set; }
    public string Name { get; set; } = "";
    public Weekdays Weekdays { get; set; }
    public TimeOnly StartTime { get; set; }
    public TimeOnly EndTime { get; set; }
    public int Capacity { get; set; }
    public Guid? DefaultRoomId { get; set; }
    public bool IsActive { get; set; } = true;

    public decimal HoursPerWeek => (decimal)(EndTime - StartTime).TotalHours * Weekdays.Count();

    public string Describe() => $"{Weekdays.ToShortText()} {StartTime:H\\:mm}–{EndTime:H\\:mm}";
}

internal sealed class TrackConfiguration : IEntityTypeConfiguration<Track>
{
    public void Configure(EntityTypeBuilder<Track> b)
    {
        b.Property(x => x.Name).HasMaxLength(120);
        b.Property(x => x.Weekdays).HasConversion<int>();
        b.HasOne(x => x.Program).WithMany(p => p.Tracks).HasForeignKey(x => x.ProgramId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Room>().WithMany().HasForeignKey(x => x.DefaultRoomId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(x => new { x.ProgramId, x.Name }).IsUnique();
        b.Ignore(x => x.HoursPerWeek);
    }
}
