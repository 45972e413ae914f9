using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Trellis.Web.Features.Billing.Payers;
using Trellis.Web.Features.Participants;

namespace Trellis.Web.Features.Billing.Coverage;

public enum CoverageRank { Primary, Secondary, SelfPay }

/// <summary>The subscriber's relationship to the patient, with its X12 individual relationship code.</summary>
public enum SubscriberRelationship { Self, Spouse, Child, Other }

/// <summary>
/// A participant's insurance (or self-pay) for a span of dates: who pays, the member and group, the
/// subscriber, and when and by whom eligibility was last verified. Charges are priced against the
/// primary coverage active on the day of service, or the self-pay one.
/// </summary>
public sealed class PayerCoverage : Entity, IParticipantOwned
{
    public Guid ParticipantId { get; set; }
    public Participant? Participant { get; set; }
    public Guid PayerId { get; set; }
    public Payer? Payer { get; set; }
    public CoverageRank Rank { get; set; }
    public string? MemberId { get; set; }
    public string? GroupNumber { get; set; }
    public SubscriberRelationship Relationship { get; set; }
    /// <summary>The subscriber when it is not the participant (a parent's or spouse's plan).</summary>
    public string? SubscriberFirstName { get; set; }
    public string? SubscriberLastName { get; set; }
    public DateOnly? SubscriberDateOfBirth { get; set; }
    /// <summary>The sex the plan has on file (F, M or U), which the claim repeats (DMG03).</summary>
    public string Sex { get; set; } = "U";
    public DateOnly EffectiveFrom { get; set; }
    public DateOnly? EffectiveTo { get; set; }
    public DateOnly? VerifiedOn { get; set; }
    public string? VerifiedBy { get; set; }
    /// <summary>For self-pay: the household size and yearly income the sliding-fee scale reads.</summary>
    public int? HouseholdSize { get; set; }
    public decimal? AnnualIncome { get; set; }

    public bool IsActiveOn(DateOnly day) => EffectiveFrom <= day && (EffectiveTo is null || EffectiveTo >= day);

    /// <summary>
    /// The sex a new coverage starts with when nobody gave the plan's (DMG03): the chart's administrative gender where it
    /// maps (female F, male M), else U. A guess at what the plan has on file, so whoever reads the card can still correct it.
    /// </summary>
    public static string SexFrom(AdministrativeGender? gender) => gender switch
    {
        AdministrativeGender.Female => "F",
        AdministrativeGender.Male => "M",
        _ => "U",
    };

    public static string RelationshipCode(SubscriberRelationship r) => r switch
    {
        SubscriberRelationship.Self => "18",
        SubscriberRelationship.Spouse => "01",
        SubscriberRelationship.Child => "19",
        _ => "G8",
    };
}

public sealed class CoverageInput : IValidatableObject
{
    [Required(ErrorMessage = "Choose the payer.")] public Guid? PayerId { get; set; }
    [Required(ErrorMessage = "Choose primary, secondary or self-pay.")] public CoverageRank? Rank { get; set; }
    [MaxLength(30), RegularExpression(@"^[A-Za-z0-9\-]*$", ErrorMessage = "The member id has letters, digits and dashes only.")] public string? MemberId { get; set; }
    [MaxLength(30)] public string? GroupNumber { get; set; }
    public SubscriberRelationship Relationship { get; set; } = SubscriberRelationship.Self;
    [MaxLength(35)] public string? SubscriberFirstName { get; set; }
    [MaxLength(60)] public string? SubscriberLastName { get; set; }
    public DateOnly? SubscriberDateOfBirth { get; set; }
    /// <summary>F, M or U; none on a new coverage takes <see cref="PayerCoverage.SexFrom"/> the chart (an empty choice posts "", which is none).</summary>
    [RegularExpression("^[FMU]$", ErrorMessage = "Use F, M or U as on the plan's records.")] public string? Sex { get; set; }
    [Required(ErrorMessage = "Enter the first day covered.")] public DateOnly? EffectiveFrom { get; set; }
    public DateOnly? EffectiveTo { get; set; }
    public DateOnly? VerifiedOn { get; set; }
    [Range(1, 20, ErrorMessage = "A household is 1 to 20 people.")] public int? HouseholdSize { get; set; }
    [Range(0.0, 10_000_000.0, ErrorMessage = "Enter the yearly income in dollars.")] public decimal? AnnualIncome { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (Rank is CoverageRank.Primary or CoverageRank.Secondary && string.IsNullOrWhiteSpace(MemberId))
            yield return new("Enter the member id from the insurance card.", [nameof(MemberId)]);
        if (EffectiveFrom is { } f && EffectiveTo is { } t && t < f)
            yield return new("The last day covered is before the first.", [nameof(EffectiveTo)]);
        if (Relationship != SubscriberRelationship.Self && Rank != CoverageRank.SelfPay)
        {
            if (string.IsNullOrWhiteSpace(SubscriberFirstName)) yield return new("Enter the subscriber's first name as on the card.", [nameof(SubscriberFirstName)]);
            if (string.IsNullOrWhiteSpace(SubscriberLastName)) yield return new("Enter the subscriber's last name as on the card.", [nameof(SubscriberLastName)]);
            if (SubscriberDateOfBirth is null) yield return new("Enter the subscriber's date of birth.", [nameof(SubscriberDateOfBirth)]);
        }
        if (HouseholdSize is null != AnnualIncome is null)
            yield return new("Enter both the household size and the yearly income, or neither.", [HouseholdSize is null ? nameof(HouseholdSize) : nameof(AnnualIncome)]);
    }

    public static CoverageInput From(PayerCoverage c) => new()
    {
        PayerId = c.PayerId, Rank = c.Rank, MemberId = c.MemberId, GroupNumber = c.GroupNumber, Relationship = c.Relationship,
        SubscriberFirstName = c.SubscriberFirstName, SubscriberLastName = c.SubscriberLastName, SubscriberDateOfBirth = c.SubscriberDateOfBirth,
        Sex = c.Sex, EffectiveFrom = c.EffectiveFrom, EffectiveTo = c.EffectiveTo, VerifiedOn = c.VerifiedOn, HouseholdSize = c.HouseholdSize, AnnualIncome = c.AnnualIncome,
    };

    public void ApplyTo(PayerCoverage c, string verifiedBy)
    {
        c.PayerId = PayerId!.Value; c.Rank = Rank!.Value; c.MemberId = Clean(MemberId); c.GroupNumber = Clean(GroupNumber);
        c.Relationship = Relationship; c.Sex = string.IsNullOrEmpty(Sex) ? "U" : Sex;
        var self = Relationship == SubscriberRelationship.Self;
        c.SubscriberFirstName = self ? null : Clean(SubscriberFirstName);
        c.SubscriberLastName = self ? null : Clean(SubscriberLastName);
        c.SubscriberDateOfBirth = self ? null : SubscriberDateOfBirth;
        c.EffectiveFrom = EffectiveFrom!.Value; c.EffectiveTo = EffectiveTo;
        if (VerifiedOn != c.VerifiedOn) { c.VerifiedOn = VerifiedOn; c.VerifiedBy = VerifiedOn is null ? null : verifiedBy; }
        c.HouseholdSize = HouseholdSize; c.AnnualIncome = AnnualIncome;
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

internal sealed class PayerCoverageConfiguration : IEntityTypeConfiguration<PayerCoverage>
{
    public void Configure(EntityTypeBuilder<PayerCoverage> b)
    {
        b.ToTable("Coverages");
        b.Property(x => x.MemberId).HasMaxLength(30);
        b.Property(x => x.GroupNumber).HasMaxLength(30);
        b.Property(x => x.SubscriberFirstName).HasMaxLength(35);
        b.Property(x => x.SubscriberLastName).HasMaxLength(60);
        b.Property(x => x.Sex).HasMaxLength(1);
        b.Property(x => x.VerifiedBy).HasMaxLength(200);
        b.Property(x => x.AnnualIncome).HasPrecision(12, 2);
        b.HasOne(x => x.Participant).WithMany().HasForeignKey(x => x.ParticipantId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.Payer).WithMany().HasForeignKey(x => x.PayerId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.ParticipantId, x.EffectiveFrom });
    }
}
