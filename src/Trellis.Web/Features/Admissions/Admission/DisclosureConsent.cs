using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Trellis.Web.Data;
using Trellis.Web.Features.Participants;

namespace Trellis.Web.Features.Admissions.Admission;

/// <summary>
/// Part2: a written consent under 42 CFR 2.31 to disclose substance use records. Release: a HIPAA
/// authorization to release information to someone (family, another provider, an employer).
/// </summary>
public enum ConsentKind { Part2, Release }

/// <summary>
/// A signed consent to disclose information, holding every element the rules require so that a
/// disclosure can be checked against it later. Revoked consents are kept, never deleted.
/// </summary>
public sealed class DisclosureConsent : Entity, IParticipantOwned
{
    public Guid ParticipantId { get; set; }
    public Participant? Participant { get; set; }
    public ConsentKind Kind { get; set; }
    /// <summary>The patient's name as on the signed form.</summary>
    public string PatientName { get; set; } = "";
    /// <summary>Who may disclose: the program (or programs) by name or general designation.</summary>
    public string DisclosingParty { get; set; } = "";
    /// <summary>How much and what kind of information, in a specific and meaningful way.</summary>
    public string Information { get; set; } = "";
    /// <summary>The recipients, by name or (for treatment, payment and operations) general designation.</summary>
    public string Recipient { get; set; } = "";
    public string Purpose { get; set; } = "";
    /// <summary>The date or the event on which the consent expires; at least one is required.</summary>
    public DateOnly? ExpiresOn { get; set; }
    public string? ExpiresOnEvent { get; set; }
    /// <summary>The participant was told they may revoke it in writing at any time, and how.</summary>
    public bool RightToRevokeExplained { get; set; }
    /// <summary>Part 2: told that records disclosed may be redisclosed as the rules allow, and that treatment does not depend on signing.</summary>
    public bool RedisclosureNoticeGiven { get; set; }
    public string SignedBy { get; set; } = "";
    /// <summary>self, parent or guardian, personal representative.</summary>
    public string SignerRelationship { get; set; } = "self";
    public DateOnly SignedOn { get; set; }
    public DateOnly? RevokedOn { get; set; }
    public string? RevocationNote { get; set; }

    public bool IsActiveOn(DateOnly day) => RevokedOn is null && SignedOn <= day && (ExpiresOn is null || ExpiresOn >= day);
}

internal sealed class DisclosureConsentConfiguration : IEntityTypeConfiguration<DisclosureConsent>
{
    public void Configure(EntityTypeBuilder<DisclosureConsent> b)
    {
        b.ToTable("DisclosureConsents");
        b.Property(x => x.PatientName).HasMaxLength(200);
        b.Property(x => x.DisclosingParty).HasMaxLength(300);
        b.Property(x => x.Information).HasMaxLength(1000);
        b.Property(x => x.Recipient).HasMaxLength(300);
        b.Property(x => x.Purpose).HasMaxLength(500);
        b.Property(x => x.ExpiresOnEvent).HasMaxLength(300);
        b.Property(x => x.SignedBy).HasMaxLength(200);
        b.Property(x => x.SignerRelationship).HasMaxLength(60);
        b.Property(x => x.RevocationNote).HasMaxLength(500);
        b.HasOne(x => x.Participant).WithMany().HasForeignKey(x => x.ParticipantId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.ParticipantId, x.Kind });
    }
}
