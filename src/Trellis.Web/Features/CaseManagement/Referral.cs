using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Trellis.Web.Data;
using Trellis.Web.Features.Participants;

namespace Trellis.Web.Features.CaseManagement;

public enum ReferralStatus { Made, Scheduled, Connected, Declined, NotReached, Closed }

/// <summary>
/// A referral to a community resource (or another service), followed until its outcome is known.
/// Making one raises a follow-up task for its owner; recording a final outcome closes the task.
/// </summary>
public sealed class Referral : Entity, IParticipantOwned
{
    public Guid ParticipantId { get; set; }
    public Participant? Participant { get; set; }
    public Guid? CommunityResourceId { get; set; }
    public CommunityResource? CommunityResource { get; set; }
    /// <summary>The resource's name as referred to (or an outside service not in the directory).</summary>
    public string ResourceName { get; set; } = "";
    public NeedDomain? Need { get; set; }
    public DateOnly ReferredOn { get; set; }
    public string Reason { get; set; } = "";
    public ReferralStatus Status { get; set; }
    public string? Outcome { get; set; }
    public DateOnly? OutcomeOn { get; set; }
    public Guid? ReferredByStaffId { get; set; }
    public string ReferredByName { get; set; } = "";

    public bool IsOpen => Status is ReferralStatus.Made or ReferralStatus.Scheduled;

    public static string StatusText(ReferralStatus s) => s switch
    {
        ReferralStatus.Made => "Referred",
        ReferralStatus.Scheduled => "Appointment scheduled",
        ReferralStatus.Connected => "Connected",
        ReferralStatus.Declined => "Declined",
        ReferralStatus.NotReached => "Could not connect",
        _ => "Closed",
    };
}

/// <summary>Body of POST /api/participants/{id}/referrals, and the referral page's form.</summary>
public sealed class ReferralInput : IValidatableObject
{
    /// <summary>A directory entry, or leave empty and name an outside service.</summary>
    public Guid? CommunityResourceId { get; set; }

    [MaxLength(200), Display(Name = "Service")]
    public string? ResourceName { get; set; }

    public NeedDomain? Need { get; set; }

    [Required(ErrorMessage = "Enter the date of the referral."), Display(Name = "Referred on")]
    public DateOnly? ReferredOn { get; set; }

    [Required(ErrorMessage = "Say why: what the participant needs from this service."), MaxLength(1000)]
    public string? Reason { get; set; }

    /// <summary>When to follow up; a week after the referral by default.</summary>
    [Display(Name = "Follow up by")]
    public DateOnly? FollowUpOn { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (CommunityResourceId is null && string.IsNullOrWhiteSpace(ResourceName))
            yield return new("Choose a resource from the directory, or name the service.", [nameof(ResourceName)]);
        if (FollowUpOn is { } f && ReferredOn is { } r && f < r)
            yield return new("The follow-up date is before the referral.", [nameof(FollowUpOn)]);
    }
}

/// <summary>Body of PUT /api/referrals/{id}, and the referral page's outcome form.</summary>
public sealed class ReferralOutcomeInput : IValidatableObject
{
    [Required(ErrorMessage = "Choose the referral's status.")]
    public ReferralStatus? Status { get; set; }

    [MaxLength(1000)]
    public string? Outcome { get; set; }

    [Display(Name = "Outcome date")]
    public DateOnly? OutcomeOn { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (Status is not (ReferralStatus.Made or ReferralStatus.Scheduled or null) && string.IsNullOrWhiteSpace(Outcome))
            yield return new("Describe the outcome: what happened, and what comes next.", [nameof(Outcome)]);
    }
}

public sealed record ReferralDto(Guid Id, Guid ParticipantId, Guid? CommunityResourceId, string ResourceName, NeedDomain? Need, DateOnly ReferredOn,
    string Reason, ReferralStatus Status, string? Outcome, DateOnly? OutcomeOn, string ReferredBy, long Version)
{
    public static ReferralDto From(Referral r) => new(r.Id, r.ParticipantId, r.CommunityResourceId, r.ResourceName, r.Need, r.ReferredOn, r.Reason,
        r.Status, r.Outcome, r.OutcomeOn, r.ReferredByName, r.Version);
}

internal sealed class ReferralConfiguration : IEntityTypeConfiguration<Referral>
{
    public void Configure(EntityTypeBuilder<Referral> b)
    {
        b.ToTable("Referrals");
        b.Property(x => x.ResourceName).HasMaxLength(200);
        b.Property(x => x.Reason).HasMaxLength(1000);
        b.Property(x => x.Outcome).HasMaxLength(1000);
        b.Property(x => x.ReferredByName).HasMaxLength(200);
        b.HasOne(x => x.Participant).WithMany().HasForeignKey(x => x.ParticipantId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.CommunityResource).WithMany().HasForeignKey(x => x.CommunityResourceId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(x => new { x.ParticipantId, x.Status });
        b.Ignore(x => x.IsOpen);
    }
}
