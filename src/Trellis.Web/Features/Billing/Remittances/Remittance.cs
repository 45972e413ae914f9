using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Trellis.Web.Features.Clinical;
using Trellis.Web.Features.Participants;

namespace Trellis.Web.Features.Billing.Remittances;

/// <summary>
/// An imported 835: one payment from one payer, posted whole in one transaction. The file is kept as it
/// came. It is clinic-wide (a payment spans programs); what it says about each claim is kept per participant
/// (<see cref="RemittanceClaim"/>), so care-team scope applies to the details.
/// </summary>
public sealed class Remittance : Entity, IClinicOrProgramOwned
{
    public Guid? ProgramId { get; set; }
    public string PayerName { get; set; } = "";
    public string TraceNumber { get; set; } = "";
    public DateOnly PaymentDate { get; set; }
    public decimal TotalPaid { get; set; }
    public string Method { get; set; } = "";
    public decimal ProviderAdjustments { get; set; }
    public int Posted { get; set; }
    public int Denied { get; set; }
    public int Unmatched { get; set; }
    /// <summary>Secondary claims made from it: the patient's share billed on to a secondary coverage.</summary>
    public int Secondary { get; set; }
    /// <summary>Claims the file named that no claim here matches, with what the payer said (for follow-up).</summary>
    public List<UnmatchedClaim> UnmatchedClaims { get; set; } = [];
    public string Content { get; set; } = "";
}

/// <summary>
/// A claim payment the file named that was not posted, for follow-up: no claim here has that number, or (with
/// <see cref="Reason"/> in words) it could not be posted as sent, such as a reversal (CLP02 22) of a payment never posted here.
/// </summary>
public sealed record UnmatchedClaim(string PatientControlNumber, string? PatientName, string Status, decimal Charge, decimal Paid, string? Reason = null);

/// <summary>What one 835 said about one of our claims: status, amounts, and each adjustment with its reason.</summary>
public sealed class RemittanceClaim : Entity, IParticipantOwned
{
    public Guid RemittanceId { get; set; }
    public Guid ClaimId { get; set; }
    public Guid ParticipantId { get; set; }
    public Participant? Participant { get; set; }
    public string StatusCode { get; set; } = "";
    public decimal Charge { get; set; }
    public decimal Paid { get; set; }
    public decimal PatientResponsibility { get; set; }
    public string? PayerClaimNumber { get; set; }
    /// <summary>Claim- and line-level adjustments: group (CO, PR, OA, PI), reason code (CARC), amount, and the line number when on a line.</summary>
    public List<PostedAdjustment> Adjustments { get; set; } = [];
    /// <summary>Remark codes (RARC).</summary>
    public List<string> Remarks { get; set; } = [];
    /// <summary>What this posting booked onto the claim, its lines and the account, so that a reversal takes back exactly that.</summary>
    public PostedAmounts Booked { get; set; } = new();
    /// <summary>The reversal (CLP02 22, another <see cref="RemittanceClaim"/>) that took this posting back; the posting itself is kept as history.</summary>
    public Guid? ReversedById { get; set; }

    /// <summary>
    /// The reversal rule: a payer's reversal (CLP02 22) takes back one earlier posting on the same claim that is not a
    /// reversal itself, not yet reversed, recorded line by line, with the negated payment and patient share, and
    /// the same payer claim number (CLP07) when both carry one. The latest such posting is the one reversed.
    /// </summary>
    public static RemittanceClaim? Reversed(IEnumerable<RemittanceClaim> postings, ClaimPayment reversal) =>
        postings.Where(p => p.StatusCode != Reversal && p.ReversedById is null && p.Booked.Recorded && p.Paid == -reversal.Paid
                && p.PatientResponsibility == -reversal.PatientResponsibility
                && (p.PayerClaimNumber is null || reversal.PayerClaimNumber is null || p.PayerClaimNumber == reversal.PayerClaimNumber))
            .OrderByDescending(p => p.CreatedAt).FirstOrDefault();

    /// <summary>CLP02 22: reversal of a previous payment.</summary>
    public const string Reversal = "22";
}

/// <summary>
/// What one posting added: to the claim's adjustments (<see cref="Adjusted"/>; its payment and patient share are
/// the posting's own), to each line, and where the patient's share went (the account, or a secondary claim).
/// <see cref="Recorded"/> is false on postings made before this was kept: those are reversed by hand.
/// </summary>
public sealed class PostedAmounts
{
    public bool Recorded { get; set; }
    public decimal Adjusted { get; set; }
    public Claims.ClaimStatus StatusBefore { get; set; }
    public List<PostedLine> Lines { get; set; } = [];
    public Guid? SecondaryClaimId { get; set; }
    public decimal ToAccount { get; set; }
}

public sealed record PostedLine(int Line, decimal Paid, decimal Adjusted, decimal PatientResponsibility, bool DeniedBefore);

public sealed record PostedAdjustment(string Group, string Reason, decimal Amount, int? Line);

internal sealed class RemittanceConfiguration : IEntityTypeConfiguration<Remittance>
{
    public void Configure(EntityTypeBuilder<Remittance> b)
    {
        b.ToTable("Remittances");
        b.Property(x => x.PayerName).HasMaxLength(60);
        b.Property(x => x.TraceNumber).HasMaxLength(50);
        b.Property(x => x.Method).HasMaxLength(3);
        b.Property(x => x.TotalPaid).HasPrecision(12, 2);
        b.Property(x => x.ProviderAdjustments).HasPrecision(12, 2);
        b.Property(x => x.UnmatchedClaims).HasJsonConversion();
        b.HasIndex(x => new { x.PayerName, x.TraceNumber }).IsUnique();
    }
}

internal sealed class RemittanceClaimConfiguration : IEntityTypeConfiguration<RemittanceClaim>
{
    public void Configure(EntityTypeBuilder<RemittanceClaim> b)
    {
        b.ToTable("RemittanceClaims");
        b.Property(x => x.StatusCode).HasMaxLength(2);
        b.Property(x => x.PayerClaimNumber).HasMaxLength(50);
        foreach (var p in new[] { nameof(RemittanceClaim.Charge), nameof(RemittanceClaim.Paid), nameof(RemittanceClaim.PatientResponsibility) }) b.Property(p).HasPrecision(12, 2);
        b.Property(x => x.Adjustments).HasJsonConversion();
        b.Property(x => x.Remarks).HasJsonConversion();
        b.Property(x => x.Booked).HasJsonConversion();
        b.HasOne(x => x.Participant).WithMany().HasForeignKey(x => x.ParticipantId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Remittance>().WithMany().HasForeignKey(x => x.RemittanceId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Claims.Claim>().WithMany().HasForeignKey(x => x.ClaimId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.ClaimId);
    }
}
