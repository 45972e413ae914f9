using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Trellis.Web.Features.Clinical;
using Trellis.Web.Features.Organization;

namespace Trellis.Web.Features.Billing.FeeSchedules;

/// <summary>
/// A program's sliding-fee scale for self-pay: bands of household income as a percentage of the federal
/// poverty guideline for the household's size, each with the share of the charge the person pays. The
/// guideline (first person, each additional person) is kept here so a new year's figures are data.
/// Also holds the typical stay the public cost estimate is made from.
/// </summary>
public sealed class SlidingFeeScale : Entity, IProgramOwned
{
    public Guid ProgramId { get; set; }
    public TreatmentProgram? Program { get; set; }
    public decimal PovertyGuidelineFirstPerson { get; set; }
    public decimal PovertyGuidelineEachAdditional { get; set; }
    /// <summary>Bands, lowest first; income above the last band pays the full charge.</summary>
    public List<SlidingFeeBand> Bands { get; set; } = [];
    /// <summary>The typical stay, for the public estimate: weeks and attended days a week.</summary>
    public int TypicalWeeks { get; set; } = 8;
    public int TypicalDaysPerWeek { get; set; } = 3;

    public decimal PovertyGuideline(int householdSize) => PovertyGuidelineFirstPerson + PovertyGuidelineEachAdditional * Math.Max(0, householdSize - 1);

    /// <summary>The share of a charge this household pays (1 = all of it).</summary>
    public decimal ShareFor(int householdSize, decimal annualIncome)
    {
        var percent = annualIncome / PovertyGuideline(householdSize) * 100m;
        foreach (var band in Bands.OrderBy(b => b.UpToPercentOfPoverty))
            if (percent <= band.UpToPercentOfPoverty) return band.PatientPaysPercent / 100m;
        return 1m;
    }
}

public sealed class SlidingFeeBand
{
    public int UpToPercentOfPoverty { get; set; }
    public int PatientPaysPercent { get; set; }
}

public sealed class SlidingFeeScaleInput : IValidatableObject
{
    [Required(ErrorMessage = "Enter the poverty guideline for one person."), Range(1000.0, 100000.0, ErrorMessage = "Enter the guideline in dollars a year.")] public decimal? PovertyGuidelineFirstPerson { get; set; }
    [Required(ErrorMessage = "Enter the amount for each additional person."), Range(100.0, 50000.0, ErrorMessage = "Enter the amount in dollars a year.")] public decimal? PovertyGuidelineEachAdditional { get; set; }
    /// <summary>A JSON null reads as no bands, never as a missing list.</summary>
    public List<SlidingFeeBand> Bands { get => bands; set => bands = value ?? []; }
    private List<SlidingFeeBand> bands = [];
    [Range(1, 52, ErrorMessage = "A typical stay is 1 to 52 weeks.")] public int TypicalWeeks { get; set; } = 8;
    [Range(1, 7, ErrorMessage = "Days a week are 1 to 7.")] public int TypicalDaysPerWeek { get; set; } = 3;

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (Bands.Count == 0) yield return new("Add at least one band.", [nameof(Bands)]);
        for (var i = 0; i < Bands.Count; i++)
        {
            if (Bands[i].UpToPercentOfPoverty is < 1 or > 1000) yield return new("A band's upper limit is 1 to 1000 % of the guideline.", [$"{nameof(Bands)}[{i}].{nameof(SlidingFeeBand.UpToPercentOfPoverty)}"]);
            if (Bands[i].PatientPaysPercent is < 0 or > 100) yield return new("The share paid is 0 to 100 %.", [$"{nameof(Bands)}[{i}].{nameof(SlidingFeeBand.PatientPaysPercent)}"]);
        }
        if (Bands.Select(b => b.UpToPercentOfPoverty).Distinct().Count() != Bands.Count) yield return new("Two bands end at the same percentage.", [nameof(Bands)]);
    }
}

internal sealed class SlidingFeeScaleConfiguration : IEntityTypeConfiguration<SlidingFeeScale>
{
    public void Configure(EntityTypeBuilder<SlidingFeeScale> b)
    {
        b.ToTable("SlidingFeeScales");
        b.Property(x => x.PovertyGuidelineFirstPerson).HasPrecision(10, 2);
        b.Property(x => x.PovertyGuidelineEachAdditional).HasPrecision(10, 2);
        b.Property(x => x.Bands).HasJsonConversion();
        b.HasOne(x => x.Program).WithMany().HasForeignKey(x => x.ProgramId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.ProgramId).IsUnique();
    }
}
