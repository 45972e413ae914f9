using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Trellis.Web.Features.Billing.Payers;
using Trellis.Web.Features.Organization;
using Trellis.Web.Features.Scheduling;

namespace Trellis.Web.Features.Billing.FeeSchedules;

/// <summary>
/// What a line of a fee schedule prices. PerDiem: the day's code for per-diem payers (S9480, H0015).
/// Service: one service type from a number of minutes (90832/90834/90837 by time, 90853, 90847…).
/// IopTier3 / IopTier4Plus: Medicare's IOP day, paid by the number of qualifying services that day.
/// </summary>
public enum FeeLineKind { PerDiem, Service, IopTier3, IopTier4Plus }

public static class FeeLineKinds
{
    /// <summary>How a billing specialist names each kind of line.</summary>
    public static string Label(FeeLineKind kind) => kind switch
    {
        FeeLineKind.PerDiem => "Per diem (the day)",
        FeeLineKind.Service => "A service",
        FeeLineKind.IopTier3 => "IOP day, 3 qualifying services",
        _ => "IOP day, 4 or more qualifying services",
    };
}

/// <summary>
/// One program's prices and codes for one payer, from a date. Every number a charge uses comes from
/// here, never from code, so a new year's rates are a new schedule, not a release.
/// </summary>
public sealed class FeeSchedule : Entity, IProgramOwned
{
    public Guid ProgramId { get; set; }
    public TreatmentProgram? Program { get; set; }
    public Guid PayerId { get; set; }
    public Payer? Payer { get; set; }
    public DateOnly EffectiveFrom { get; set; }
    public DateOnly? EffectiveTo { get; set; }
    public List<FeeLine> Lines { get; set; } = [];

    public bool IsActiveOn(DateOnly day) => EffectiveFrom <= day && (EffectiveTo is null || EffectiveTo >= day);
}

public sealed class FeeLine
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid FeeScheduleId { get; set; }
    public FeeLineKind Kind { get; set; }
    /// <summary>For Service lines: which sessions and appointments it prices.</summary>
    public ServiceType? ServiceType { get; set; }
    /// <summary>For Service lines: the least minutes attended for this code (CPT time rules: 16 for 90832, 38 for 90834, 53 for 90837).</summary>
    public int MinMinutes { get; set; }
    /// <summary>HCPCS or CPT code.</summary>
    public string Code { get; set; } = "";
    public string? RevenueCode { get; set; }
    public decimal Rate { get; set; }
    /// <summary>Counts toward Medicare's IOP day (3, or 4 and more, qualifying services).</summary>
    public bool Qualifies { get; set; }
    public string Description { get; set; } = "";
}

public sealed class FeeScheduleInput : IValidatableObject
{
    [Required(ErrorMessage = "Choose the program.")] public Guid? ProgramId { get; set; }
    [Required(ErrorMessage = "Choose the payer.")] public Guid? PayerId { get; set; }
    [Required(ErrorMessage = "Enter the first day these prices apply.")] public DateOnly? EffectiveFrom { get; set; }
    public DateOnly? EffectiveTo { get; set; }
    /// <summary>A JSON null reads as no lines (and is refused as such), never as a missing list.</summary>
    public List<FeeLineInput> Lines { get => lines; set => lines = value ?? []; }
    private List<FeeLineInput> lines = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (EffectiveFrom is { } f && EffectiveTo is { } t && t < f) yield return new("The last day is before the first.", [nameof(EffectiveTo)]);
        if (Lines.Count == 0) yield return new("Add at least one priced line.", [nameof(Lines)]);
        var twice = Lines.GroupBy(l => (l.Kind, l.ServiceType, l.MinMinutes)).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null) yield return new($"Two lines price the same thing ({twice.Key.Kind} {twice.Key.ServiceType} from {twice.Key.MinMinutes} min); keep one.", [nameof(Lines)]);
    }
}

public sealed class FeeLineInput : IValidatableObject
{
    [Required(ErrorMessage = "Choose what the line prices.")] public FeeLineKind? Kind { get; set; }
    public ServiceType? ServiceType { get; set; }
    [Range(0, 600, ErrorMessage = "Minutes are between 0 and 600.")] public int MinMinutes { get; set; }
    [RegularExpression(@"^[A-Z0-9]{5}$", ErrorMessage = "A HCPCS or CPT code is 5 letters or digits, such as S9480 or 90853.")] public string? Code { get; set; }
    [RegularExpression(@"^\d{4}$", ErrorMessage = "A revenue code is 4 digits, such as 0905.")] public string? RevenueCode { get; set; }
    [Required(ErrorMessage = "Enter the rate."), Range(0.01, 100000, ErrorMessage = "The rate is between $0.01 and $100,000.")] public decimal? Rate { get; set; }
    public bool Qualifies { get; set; }
    [MaxLength(120)] public string? Description { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (Kind == FeeLineKind.Service && ServiceType is null) yield return new("Choose the service type this line prices.", [nameof(ServiceType)]);
        if (Kind != FeeLineKind.Service && ServiceType is not null) yield return new("Only service lines name a service type.", [nameof(ServiceType)]);
        if (Kind is FeeLineKind.PerDiem or FeeLineKind.Service && string.IsNullOrEmpty(Code)) yield return new("Enter the HCPCS or CPT code billed.", [nameof(Code)]);
    }

    public FeeLine ToLine() => new()
    {
        Kind = Kind!.Value, ServiceType = ServiceType, MinMinutes = MinMinutes, Code = Code ?? "", RevenueCode = string.IsNullOrWhiteSpace(RevenueCode) ? null : RevenueCode,
        Rate = Rate!.Value, Qualifies = Qualifies, Description = Description?.Trim() ?? "",
    };

    public static FeeLineInput From(FeeLine l) => new()
    {
        Kind = l.Kind, ServiceType = l.ServiceType, MinMinutes = l.MinMinutes, Code = l.Code, RevenueCode = l.RevenueCode, Rate = l.Rate, Qualifies = l.Qualifies, Description = l.Description,
    };
}

internal sealed class FeeScheduleConfiguration : IEntityTypeConfiguration<FeeSchedule>
{
    public void Configure(EntityTypeBuilder<FeeSchedule> b)
    {
        b.ToTable("FeeSchedules");
        b.HasOne(x => x.Program).WithMany().HasForeignKey(x => x.ProgramId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Payer).WithMany().HasForeignKey(x => x.PayerId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Lines).WithOne().HasForeignKey(x => x.FeeScheduleId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.ProgramId, x.PayerId, x.EffectiveFrom });
    }
}

internal sealed class FeeLineConfiguration : IEntityTypeConfiguration<FeeLine>
{
    public void Configure(EntityTypeBuilder<FeeLine> b)
    {
        b.ToTable("FeeLines");
        b.Property(x => x.Code).HasMaxLength(5);
        b.Property(x => x.RevenueCode).HasMaxLength(4);
        b.Property(x => x.Description).HasMaxLength(120);
        b.Property(x => x.Rate).HasPrecision(10, 2);
    }
}
