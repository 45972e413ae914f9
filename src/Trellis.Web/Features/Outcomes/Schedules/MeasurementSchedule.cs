using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Trellis.Web.Data;
using Trellis.Web.Features.Clinical;
using Trellis.Web.Features.Instruments;

namespace Trellis.Web.Features.Outcomes;

/// <summary>
/// Which instruments a program gives, and when: at admission, every N days in treatment, at discharge
/// (issue 10 point 1). One row per program, its rules kept together so one version guards them. A program
/// without a row gives nothing on a schedule. Its participants read it too (what is due for them).
/// </summary>
public sealed class MeasurementSchedule : Entity, IProgramOwned, IProgramFact
{
    public Guid ProgramId { get; set; }
    public List<MeasureRule> Rules { get; set; } = [];

    public static Task<MeasurementSchedule?> ForProgramAsync(TrellisDbContext db, Guid programId, CancellationToken ct = default) =>
        db.Set<MeasurementSchedule>().AsNoTracking().FirstOrDefaultAsync(s => s.ProgramId == programId, ct);
}

/// <summary>One instrument of a program's schedule.</summary>
public sealed class MeasureRule : IValidatableObject
{
    /// <summary>The instrument's code: phq-9, gad-7, audit-c, dast-10, c-ssrs-screener, pcl-5.</summary>
    [Required(ErrorMessage = "Name the instrument.")]
    public string? Instrument { get; set; }
    public bool AtAdmission { get; set; }
    /// <summary>Repeat every this many days from admission while in treatment; null for no repeat.</summary>
    [Range(7, 180, ErrorMessage = "Repeat every 7 to 180 days, or leave it empty for no repeat.")]
    public int? EveryDays { get; set; }
    public bool AtDischarge { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (Instrument is not null && InstrumentCatalog.Get(Instrument) is null)
            yield return new ValidationResult($"Unknown instrument \"{Instrument}\"; use one of {InstrumentCatalog.Codes}.", [nameof(Instrument)]);
        if (!AtAdmission && EveryDays is null && !AtDischarge)
            yield return new ValidationResult("Give it at admission, every N days, at discharge, or remove the line.", [nameof(AtAdmission)]);
    }
}

internal sealed class MeasurementScheduleConfiguration : IEntityTypeConfiguration<MeasurementSchedule>
{
    public void Configure(EntityTypeBuilder<MeasurementSchedule> b)
    {
        b.Property(x => x.Rules).HasJsonConversion().HasMaxLength(4000);
        b.HasIndex(x => x.ProgramId).IsUnique();
        b.HasOne<Organization.TreatmentProgram>().WithMany().HasForeignKey(x => x.ProgramId).OnDelete(DeleteBehavior.Cascade);
    }
}
