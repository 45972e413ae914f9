using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Trellis.Web.Data;
using Trellis.Web.Features.Clinical;
using Trellis.Web.Features.Participants;

namespace Trellis.Web.Features.Medications;

public enum Specimen { Urine, OralFluid, Breath, Blood, Hair, Sweat }
public enum DrugResult { Negative, Positive, Invalid, Pending }

/// <summary>
/// One drug test: when and how it was collected, the panel, and a result per substance, each marked
/// whether it was expected given the participant's prescriptions. Corrections (a lab confirming a
/// screen) change the record under the audit trail; a test recorded by mistake is marked in error.
/// </summary>
public sealed class DrugTest : Entity, IParticipantOwned
{
    public Guid ParticipantId { get; set; }
    public Participant? Participant { get; set; }
    public DateOnly CollectedOn { get; set; }
    public TimeOnly? CollectedAt { get; set; }
    public Specimen Specimen { get; set; }
    public string Panel { get; set; } = "";
    public bool Observed { get; set; }
    /// <summary>Sent to a laboratory (confirmation) rather than read at the point of care.</summary>
    public bool LabConfirmed { get; set; }
    public List<SubstanceResult> Results { get; set; } = [];
    public string? Notes { get; set; }
    public Guid? CollectedByStaffId { get; set; }
    public string? CollectedByName { get; set; }
    public bool EnteredInError { get; set; }
    public string? ErrorReason { get; set; }

    public IEnumerable<SubstanceResult> Unexpected => Results.Where(r => r.IsUnexpected);
    public bool HasUnexpected => Results.Any(r => r.IsUnexpected);
}

public sealed class SubstanceResult
{
    /// <summary>A code of <see cref="DrugPanels.Substances"/>: amp, bup, bzo, coc, etg, fty, mtd, opi, oxy, thc…</summary>
    public string Substance { get; set; } = "";
    public DrugResult Result { get; set; }
    /// <summary>An active prescription explains a positive (e.g. buprenorphine for OUD).</summary>
    public bool Prescribed { get; set; }
    /// <summary>The medication that makes it expected, in words.</summary>
    public string? PrescribedAs { get; set; }

    /// <summary>A positive without a prescription, or a negative for a prescribed medication (not being taken, or diverted).</summary>
    public bool IsUnexpected => (Result == DrugResult.Positive && !Prescribed) || (Result == DrugResult.Negative && Prescribed);
    public bool IsExpected => Result is DrugResult.Positive or DrugResult.Negative && !IsUnexpected;
}

/// <summary>Body of POST /api/participants/{id}/drug-tests and PUT /api/drug-tests/{id}, and the drug test page's form.</summary>
public sealed class DrugTestInput : IValidatableObject
{
    [Required(ErrorMessage = "Enter the collection date."), Display(Name = "Collected on")]
    public DateOnly? CollectedOn { get; set; }

    public TimeOnly? CollectedAt { get; set; }

    [Required(ErrorMessage = "Choose the specimen.")]
    public Specimen? Specimen { get; set; }

    [Required(ErrorMessage = "Choose the panel."), MaxLength(100)]
    public string? Panel { get; set; }

    public bool Observed { get; set; }

    public bool LabConfirmed { get; set; }

    [MaxLength(20)]
    public List<SubstanceResultInput> Results { get; set; } = [];

    [MaxLength(1000)]
    public string? Notes { get; set; }

    public bool EnteredInError { get; set; }

    [MaxLength(300), Display(Name = "What was wrong")]
    public string? ErrorReason { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (Results.Count == 0) yield return new("Record a result for at least one substance.", [nameof(Results)]);
        var codes = Results.Where(r => r.Substance is not null).Select(r => r.Substance!.Trim().ToLowerInvariant()).ToList();
        if (codes.Count != codes.Distinct().Count()) yield return new("A substance is listed twice.", [nameof(Results)]);
        if (EnteredInError && string.IsNullOrWhiteSpace(ErrorReason)) yield return new("Say what was wrong with the entry.", [nameof(ErrorReason)]);
    }
}

public sealed class SubstanceResultInput : IValidatableObject
{
    [Required(ErrorMessage = "Name the substance (its code).")]
    public string? Substance { get; set; }

    [Required(ErrorMessage = "Choose negative, positive, invalid or pending.")]
    public DrugResult? Result { get; set; }

    /// <summary>Leave empty to work it out from the active medications; true or false to say so.</summary>
    public bool? Prescribed { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (Substance is { } s && DrugPanels.Substance(s) is null)
            yield return new($"'{s}' is not a substance Trellis knows; use one of {string.Join(", ", DrugPanels.Substances.Select(x => x.Code))}.", [nameof(Substance)]);
    }
}

internal sealed class DrugTestConfiguration : IEntityTypeConfiguration<DrugTest>
{
    public void Configure(EntityTypeBuilder<DrugTest> b)
    {
        b.ToTable("DrugTests");
        b.Property(x => x.Panel).HasMaxLength(100);
        b.Property(x => x.Results).HasJsonConversion();
        b.Property(x => x.Notes).HasMaxLength(1000);
        b.Property(x => x.CollectedByName).HasMaxLength(200);
        b.Property(x => x.ErrorReason).HasMaxLength(300);
        b.HasOne(x => x.Participant).WithMany().HasForeignKey(x => x.ParticipantId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.ParticipantId, x.CollectedOn });
        b.Ignore(x => x.Unexpected);
        b.Ignore(x => x.HasUnexpected);
    }
}
