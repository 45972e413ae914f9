using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Trellis.Web.Features.Billing.Setup;

/// <summary>
/// The clinic as payers know it, configured once: the billing provider of every claim (name, NPI, tax id,
/// taxonomy, address), the sender and receiver of claim files, and the facility facts claims need that the
/// clinical record does not hold (type of facility, places of service). Until it exists, nothing is charged.
/// </summary>
public sealed class BillingIdentity : Entity
{
    public string Name { get; set; } = "";
    public string Npi { get; set; } = "";
    /// <summary>Employer identification number, nine digits.</summary>
    public string TaxId { get; set; } = "";
    public string Taxonomy { get; set; } = "";
    public string AddressLine { get; set; } = "";
    public string City { get; set; } = "";
    public string State { get; set; } = "";
    /// <summary>ZIP+4 as nine digits: the billing provider's address must carry all nine (837 2010AA N403).</summary>
    public string PostalCode { get; set; } = "";
    public string ContactName { get; set; } = "";
    public string Phone { get; set; } = "";
    /// <summary>The clinic's id at the clearinghouse (ISA06, GS02, submitter NM109).</summary>
    public string SubmitterId { get; set; } = "";
    public string ReceiverId { get; set; } = "";
    public string ReceiverName { get; set; } = "";
    /// <summary>ISA15: T while testing with the clearinghouse, P in production.</summary>
    public string UsageIndicator { get; set; } = "T";
    /// <summary>First two digits of the type of bill: 13 hospital outpatient, 76 community mental health center.</summary>
    public string FacilityTypeCode { get; set; } = "13";
    /// <summary>Place of service of in-person services on professional claims (11 office, 53 CMHC…).</summary>
    public string PlaceOfService { get; set; } = "11";
    /// <summary>Place of service of video services: 10 (patient at home) or 02 (elsewhere).</summary>
    public string TelehealthPlaceOfService { get; set; } = "10";
    /// <summary>Services before this day are not charged (what was billed before Trellis stays outside it).</summary>
    public DateOnly ChargesFrom { get; set; }
}

public sealed class BillingIdentityInput
{
    [Required(ErrorMessage = "Enter the clinic's billing name."), MaxLength(60)] public string? Name { get; set; }
    [Required(ErrorMessage = "Enter the clinic's NPI."), RegularExpression(@"^\d{10}$", ErrorMessage = "An NPI is 10 digits.")] public string? Npi { get; set; }
    [Required(ErrorMessage = "Enter the tax id (EIN)."), RegularExpression(@"^\d{9}$", ErrorMessage = "The tax id is 9 digits, without the dash.")] public string? TaxId { get; set; }
    [Required(ErrorMessage = "Enter the taxonomy code."), RegularExpression(@"^[0-9A-Z]{9}X$", ErrorMessage = "A taxonomy code is 10 characters ending in X, such as 261QM0801X.")] public string? Taxonomy { get; set; }
    [Required(ErrorMessage = "Enter the street address."), MaxLength(55)] public string? AddressLine { get; set; }
    [Required(ErrorMessage = "Enter the city."), MaxLength(30)] public string? City { get; set; }
    [Required(ErrorMessage = "Enter the state."), RegularExpression(@"^[A-Z]{2}$", ErrorMessage = "Use the two-letter state code.")] public string? State { get; set; }
    [Required(ErrorMessage = "Enter the ZIP+4."), RegularExpression(@"^\d{9}$", ErrorMessage = "The billing address needs all nine ZIP+4 digits, without the dash.")] public string? PostalCode { get; set; }
    [Required(ErrorMessage = "Name the billing contact."), MaxLength(60)] public string? ContactName { get; set; }
    [Required(ErrorMessage = "Enter the billing phone."), RegularExpression(@"^\d{10}$", ErrorMessage = "Enter the phone as 10 digits.")] public string? Phone { get; set; }
    [Required(ErrorMessage = "Enter the clinic's submitter id at the clearinghouse."), RegularExpression(@"^[A-Za-z0-9]{2,15}$", ErrorMessage = "A submitter id is 2 to 15 letters or digits.")] public string? SubmitterId { get; set; }
    [Required(ErrorMessage = "Enter the clearinghouse's receiver id."), RegularExpression(@"^[A-Za-z0-9]{2,15}$", ErrorMessage = "A receiver id is 2 to 15 letters or digits.")] public string? ReceiverId { get; set; }
    [Required(ErrorMessage = "Name the clearinghouse."), MaxLength(60)] public string? ReceiverName { get; set; }
    [Required, RegularExpression("^[TP]$", ErrorMessage = "Use T (test) or P (production).")] public string? UsageIndicator { get; set; } = "T";
    [Required, RegularExpression("^(13|76)$", ErrorMessage = "Use 13 (hospital outpatient) or 76 (community mental health center).")] public string? FacilityTypeCode { get; set; } = "13";
    [Required, RegularExpression(@"^\d{2}$", ErrorMessage = "A place of service is two digits.")] public string? PlaceOfService { get; set; } = "11";
    [Required, RegularExpression("^(02|10)$", ErrorMessage = "Video services use place of service 02 or 10.")] public string? TelehealthPlaceOfService { get; set; } = "10";
    [Required(ErrorMessage = "Enter the first day to charge.")] public DateOnly? ChargesFrom { get; set; }

    public static BillingIdentityInput From(BillingIdentity b) => new()
    {
        Name = b.Name, Npi = b.Npi, TaxId = b.TaxId, Taxonomy = b.Taxonomy, AddressLine = b.AddressLine, City = b.City, State = b.State,
        PostalCode = b.PostalCode, ContactName = b.ContactName, Phone = b.Phone, SubmitterId = b.SubmitterId, ReceiverId = b.ReceiverId,
        ReceiverName = b.ReceiverName, UsageIndicator = b.UsageIndicator, FacilityTypeCode = b.FacilityTypeCode, PlaceOfService = b.PlaceOfService,
        TelehealthPlaceOfService = b.TelehealthPlaceOfService, ChargesFrom = b.ChargesFrom,
    };

    public void ApplyTo(BillingIdentity b)
    {
        b.Name = Name!.Trim(); b.Npi = Npi!; b.TaxId = TaxId!; b.Taxonomy = Taxonomy!; b.AddressLine = AddressLine!.Trim(); b.City = City!.Trim();
        b.State = State!; b.PostalCode = PostalCode!; b.ContactName = ContactName!.Trim(); b.Phone = Phone!; b.SubmitterId = SubmitterId!;
        b.ReceiverId = ReceiverId!; b.ReceiverName = ReceiverName!.Trim(); b.UsageIndicator = UsageIndicator!; b.FacilityTypeCode = FacilityTypeCode!;
        b.PlaceOfService = PlaceOfService!; b.TelehealthPlaceOfService = TelehealthPlaceOfService!; b.ChargesFrom = ChargesFrom!.Value;
    }
}

/// <summary>
/// What a claim needs about a clinician that the staff record does not hold: their individual NPI and
/// taxonomy. Kept in billing's own table so that the staff feature stays as it is.
/// </summary>
public sealed class RenderingProvider : Entity
{
    public Guid StaffMemberId { get; set; }
    public string Npi { get; set; } = "";
    public string Taxonomy { get; set; } = "";
}

public sealed class RenderingProviderInput
{
    [Required(ErrorMessage = "Choose the clinician.")] public Guid? StaffMemberId { get; set; }
    [Required(ErrorMessage = "Enter the clinician's NPI."), RegularExpression(@"^\d{10}$", ErrorMessage = "An NPI is 10 digits.")] public string? Npi { get; set; }
    [Required(ErrorMessage = "Enter the taxonomy code."), RegularExpression(@"^[0-9A-Z]{9}X$", ErrorMessage = "A taxonomy code is 10 characters ending in X, such as 1041C0700X.")] public string? Taxonomy { get; set; }
}

/// <summary>Numbers that must only grow (claim numbers, interchange control numbers), one row per sequence.</summary>
[NotAudited]
public sealed class BillingCounter : Entity
{
    public string Name { get; set; } = "";
    public long Value { get; set; }
}

internal sealed class BillingIdentityConfiguration : IEntityTypeConfiguration<BillingIdentity>
{
    public void Configure(EntityTypeBuilder<BillingIdentity> b)
    {
        b.ToTable("BillingIdentities");
        b.Property(x => x.Name).HasMaxLength(60);
        b.Property(x => x.Npi).HasMaxLength(10);
        b.Property(x => x.TaxId).HasMaxLength(9);
        b.Property(x => x.Taxonomy).HasMaxLength(10);
        b.Property(x => x.AddressLine).HasMaxLength(55);
        b.Property(x => x.City).HasMaxLength(30);
        b.Property(x => x.State).HasMaxLength(2);
        b.Property(x => x.PostalCode).HasMaxLength(9);
        b.Property(x => x.ContactName).HasMaxLength(60);
        b.Property(x => x.Phone).HasMaxLength(10);
        b.Property(x => x.SubmitterId).HasMaxLength(15);
        b.Property(x => x.ReceiverId).HasMaxLength(15);
        b.Property(x => x.ReceiverName).HasMaxLength(60);
        b.Property(x => x.UsageIndicator).HasMaxLength(1);
        b.Property(x => x.FacilityTypeCode).HasMaxLength(2);
        b.Property(x => x.PlaceOfService).HasMaxLength(2);
        b.Property(x => x.TelehealthPlaceOfService).HasMaxLength(2);
    }
}

internal sealed class RenderingProviderConfiguration : IEntityTypeConfiguration<RenderingProvider>
{
    public void Configure(EntityTypeBuilder<RenderingProvider> b)
    {
        b.ToTable("RenderingProviders");
        b.Property(x => x.Npi).HasMaxLength(10);
        b.Property(x => x.Taxonomy).HasMaxLength(10);
        b.HasIndex(x => x.StaffMemberId).IsUnique();
        b.HasOne<Staff.StaffMember>().WithMany().HasForeignKey(x => x.StaffMemberId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class BillingCounterConfiguration : IEntityTypeConfiguration<BillingCounter>
{
    public void Configure(EntityTypeBuilder<BillingCounter> b)
    {
        b.ToTable("BillingCounters");
        b.Property(x => x.Name).HasMaxLength(40);
        b.HasIndex(x => x.Name).IsUnique();
    }
}
