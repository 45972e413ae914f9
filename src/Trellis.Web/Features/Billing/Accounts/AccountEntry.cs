using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Trellis.Web.Features.Participants;

namespace Trellis.Web.Features.Billing.Accounts;

/// <summary>SelfPayCharge and PatientResponsibility add to what the participant owes; Discount (sliding fee), Payment and Adjustment take from it.</summary>
public enum AccountEntryKind { SelfPayCharge, PatientResponsibility, Discount, Payment, Adjustment }

/// <summary>
/// One line of a participant's account: what they owe and what they paid. The balance is the sum; nothing
/// is edited, a mistake is corrected by an adjustment, so a printed statement always adds up.
/// </summary>
public sealed class AccountEntry : Entity, IParticipantOwned
{
    public Guid ParticipantId { get; set; }
    public Participant? Participant { get; set; }
    public DateOnly On { get; set; }
    public AccountEntryKind Kind { get; set; }
    /// <summary>Positive adds to the balance, negative takes from it.</summary>
    public decimal Amount { get; set; }
    public string Description { get; set; } = "";
    public Guid? ChargeId { get; set; }
    public Guid? ClaimId { get; set; }
    public Guid? RemittanceId { get; set; }
    /// <summary>For payments: card, cash, check…, and the receipt or check number.</summary>
    public string? Method { get; set; }
    public string? Reference { get; set; }
}

public sealed class PaymentInput
{
    [Required(ErrorMessage = "Enter the amount paid."), Range(0.01, 100000, ErrorMessage = "A payment is between $0.01 and $100,000.")] public decimal? Amount { get; set; }
    [Required(ErrorMessage = "Enter the day it was paid.")] public DateOnly? PaidOn { get; set; }
    [Required(ErrorMessage = "Choose how it was paid."), RegularExpression("^(cash|check|card|other)$", ErrorMessage = "Use cash, check, card or other.")] public string? Method { get; set; }
    [MaxLength(40)] public string? Reference { get; set; }
}

internal sealed class AccountEntryConfiguration : IEntityTypeConfiguration<AccountEntry>
{
    public void Configure(EntityTypeBuilder<AccountEntry> b)
    {
        b.ToTable("AccountEntries");
        b.Property(x => x.Amount).HasPrecision(12, 2);
        b.Property(x => x.Description).HasMaxLength(200);
        b.Property(x => x.Method).HasMaxLength(10);
        b.Property(x => x.Reference).HasMaxLength(40);
        b.HasOne(x => x.Participant).WithMany().HasForeignKey(x => x.ParticipantId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.ParticipantId, x.On });
    }
}
