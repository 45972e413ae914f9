using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Trellis.Web.Features.Billing.Payers;

public enum PayerKind { Medicare, Medicaid, Commercial, SelfPay }

/// <summary>837I (UB-04 shape) or 837P (CMS-1500 shape).</summary>
public enum ClaimType { Institutional, Professional }

/// <summary>Per diem: one charge per attended day (S9480/H0015, or Medicare's IOP day). Per service: one charge per service (CPT).</summary>
public enum BillingMethod { PerDiem, PerService }

/// <summary>
/// A payer and its rules: how it is billed and what it requires before it pays. Clinic-wide reference
/// data (every program bills the same payers), so it carries no program scope.
/// </summary>
public sealed class Payer : Entity
{
    public string Name { get; set; } = "";
    /// <summary>The payer's id at the clearinghouse (2010BB NM109).</summary>
    public string PayerId { get; set; } = "";
    public PayerKind Kind { get; set; }
    public ClaimType ClaimType { get; set; }
    public BillingMethod Method { get; set; }
    /// <summary>SBR09 claim filing indicator: MA/MB Medicare, MC Medicaid, CI commercial, BL Blue Cross, HM HMO, 09 self-pay.</summary>
    public string FilingIndicator { get; set; } = "CI";
    /// <summary>The least time of counted services in a day for a per diem to apply (e.g. 180 minutes); 0 for none.</summary>
    public int MinimumMinutesForPerDiem { get; set; }
    /// <summary>Medicare's IOP day: the per-diem tier follows the number of qualifying services (3, or 4 and more).</summary>
    public bool TiersByServiceCount { get; set; }
    public bool RequiresAuthorization { get; set; }
    /// <summary>Modifier on services given by video (95 for synchronous audio-video).</summary>
    public string TelehealthModifier { get; set; } = "95";
    public bool IsActive { get; set; } = true;

    public bool IsSelfPay => Kind == PayerKind.SelfPay;
}

public sealed class PayerInput : IValidatableObject
{
    [Required(ErrorMessage = "Name the payer."), MaxLength(60)] public string? Name { get; set; }
    [Required(ErrorMessage = "Enter the payer id from the clearinghouse's list."), RegularExpression(@"^[A-Za-z0-9]{2,20}$", ErrorMessage = "A payer id is 2 to 20 letters or digits.")]
    public string? PayerId { get; set; }
    [Required(ErrorMessage = "Choose the kind of payer.")] public PayerKind? Kind { get; set; }
    [Required(ErrorMessage = "Choose institutional or professional claims.")] public ClaimType? ClaimType { get; set; }
    [Required(ErrorMessage = "Choose per diem or per service.")] public BillingMethod? Method { get; set; }
    [Required(ErrorMessage = "Enter the claim filing indicator."), RegularExpression("^(09|11|12|13|14|15|16|17|AM|BL|CH|CI|DS|FI|HM|LM|MA|MB|MC|OF|TV|VA|WC|ZZ)$", ErrorMessage = "Use an X12 claim filing indicator such as MB, MC, CI, BL or HM.")]
    public string? FilingIndicator { get; set; }
    [Range(0, 600, ErrorMessage = "The minimum is between 0 and 600 minutes.")] public int MinimumMinutesForPerDiem { get; set; }
    public bool TiersByServiceCount { get; set; }
    public bool RequiresAuthorization { get; set; }
    [RegularExpression("^[A-Z0-9]{2}$", ErrorMessage = "A modifier is two letters or digits, such as 95.")] public string? TelehealthModifier { get; set; } = "95";
    public bool IsActive { get; set; } = true;

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (TiersByServiceCount && (Method != BillingMethod.PerDiem || ClaimType != Payers.ClaimType.Institutional))
            yield return new("Tiers by service count are Medicare's IOP day: institutional and per diem.", [nameof(TiersByServiceCount)]);
        if (Kind == PayerKind.SelfPay && RequiresAuthorization)
            yield return new("Self-pay needs no authorization.", [nameof(RequiresAuthorization)]);
    }

    public static PayerInput From(Payer p) => new()
    {
        Name = p.Name, PayerId = p.PayerId, Kind = p.Kind, ClaimType = p.ClaimType, Method = p.Method, FilingIndicator = p.FilingIndicator,
        MinimumMinutesForPerDiem = p.MinimumMinutesForPerDiem, TiersByServiceCount = p.TiersByServiceCount, RequiresAuthorization = p.RequiresAuthorization,
        TelehealthModifier = p.TelehealthModifier, IsActive = p.IsActive,
    };

    public void ApplyTo(Payer p)
    {
        p.Name = Name!.Trim(); p.PayerId = PayerId!; p.Kind = Kind!.Value; p.ClaimType = ClaimType!.Value; p.Method = Method!.Value;
        p.FilingIndicator = FilingIndicator!; p.MinimumMinutesForPerDiem = MinimumMinutesForPerDiem; p.TiersByServiceCount = TiersByServiceCount;
        p.RequiresAuthorization = RequiresAuthorization; p.TelehealthModifier = string.IsNullOrWhiteSpace(TelehealthModifier) ? "95" : TelehealthModifier;
        p.IsActive = IsActive;
    }
}

internal sealed class PayerConfiguration : IEntityTypeConfiguration<Payer>
{
    public void Configure(EntityTypeBuilder<Payer> b)
    {
        b.ToTable("Payers");
        b.Property(x => x.Name).HasMaxLength(60);
        b.Property(x => x.PayerId).HasMaxLength(20);
        b.Property(x => x.FilingIndicator).HasMaxLength(2);
        b.Property(x => x.TelehealthModifier).HasMaxLength(2);
        b.HasIndex(x => x.Name).IsUnique();
        b.Ignore(x => x.IsSelfPay);
    }
}
