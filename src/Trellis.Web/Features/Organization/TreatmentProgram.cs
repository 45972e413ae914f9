using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Trellis.Web.Data;

namespace Trellis.Web.Features.Organization;

public enum Population { Adult, Adolescent }

/// <summary>ASAM levels of care a participant can move between.</summary>
public enum LevelOfCare
{
    Outpatient,               // ASAM 1: under 9 h/week (adults)
    IntensiveOutpatient,      // ASAM 2.1: at least 9 h/week adults, 6 adolescents
    PartialHospitalization,   // ASAM 2.5: 20 h/week or more
    Residential,              // ASAM 3.x
    Inpatient,                // ASAM 4, medically managed
}

/// <summary>
/// A treatment program ("Adult Mental Health IOP"). Named TreatmentProgram so it does not clash
/// with the app's entry point; the clinic calls it a program everywhere on screen.
/// </summary>
public sealed class TreatmentProgram : Entity
{
    public Guid OrganizationId { get; set; }
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public Population Population { get; set; }
    public LevelOfCare LevelOfCare { get; set; } = LevelOfCare.IntensiveOutpatient;
    /// <summary>Minimum hours of counted services per week: 9 for adults, 6 for adolescents by default (ASAM 2.1).</summary>
    public decimal MinimumWeeklyHours { get; set; }
    /// <summary>Substance use program whose records fall under 42 CFR Part 2.</summary>
    public bool IsPart2 { get; set; }
    public string TimeZoneId { get; set; } = "America/New_York";
    public bool IsActive { get; set; } = true;
    public List<Track> Tracks { get; set; } = [];

    public static decimal DefaultMinimumHours(Population population) => population == Population.Adolescent ? 6m : 9m;
}

internal sealed class TreatmentProgramConfiguration : IEntityTypeConfiguration<TreatmentProgram>
{
    public void Configure(EntityTypeBuilder<TreatmentProgram> b)
    {
        b.ToTable("Programs");
        b.Property(x => x.Name).HasMaxLength(120);
        b.Property(x => x.Description).HasMaxLength(2000);
        b.Property(x => x.TimeZoneId).HasMaxLength(64);
        b.Property(x => x.MinimumWeeklyHours).HasPrecision(5, 2);
        b.HasIndex(x => x.Name).IsUnique();
        b.HasOne<Organization>().WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}
