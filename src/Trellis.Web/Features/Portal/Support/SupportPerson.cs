using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Trellis.Web.Data;
using Trellis.Web.Features.Admissions.Admission;
using Trellis.Web.Features.Participants;

namespace Trellis.Web.Features.Portal.Support;

/// <summary>
/// A family member or friend the participant invited to follow part of their care, under a signed consent to disclose
/// (<see cref="DisclosureConsent"/>, a Part 2 consent in a Part 2 program) that names them and says what they may see.
/// They sign in with their own account (role SupportPerson). Access lasts while the link is not revoked and the consent
/// is active (not revoked, not expired): <see cref="SupportAccess"/> checks it on every request.
/// </summary>
public sealed class SupportPerson : Entity, IParticipantOwned
{
    public Guid ParticipantId { get; set; }
    public Participant? Participant { get; set; }
    public string Name { get; set; } = "";
    public string Email { get; set; } = "";
    public string Relationship { get; set; } = "";
    /// <summary>The schedule of the participant's family sessions (day, time, place).</summary>
    public bool SeesFamilySessions { get; set; }
    /// <summary>General information about the program: its name, description, hours and how to reach the clinic.</summary>
    public bool SeesProgramInformation { get; set; }
    public Guid ConsentId { get; set; }
    public DisclosureConsent? Consent { get; set; }
    /// <summary>Their sign-in account (Identity user id).</summary>
    public string UserId { get; set; } = "";
    public DateTimeOffset InvitedAt { get; set; }
    public string InvitedBy { get; set; } = "";
    public DateTimeOffset? RevokedAt { get; set; }
    public string? RevokedBy { get; set; }
}

internal sealed class SupportPersonConfiguration : IEntityTypeConfiguration<SupportPerson>
{
    public void Configure(EntityTypeBuilder<SupportPerson> b)
    {
        b.ToTable("SupportPeople");
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.Email).HasMaxLength(256);
        b.Property(x => x.Relationship).HasMaxLength(60);
        b.Property(x => x.UserId).HasMaxLength(450);
        b.Property(x => x.InvitedBy).HasMaxLength(200);
        b.Property(x => x.RevokedBy).HasMaxLength(200);
        b.HasOne(x => x.Participant).WithMany().HasForeignKey(x => x.ParticipantId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.Consent).WithMany().HasForeignKey(x => x.ConsentId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.UserId);
        b.HasIndex(x => x.ParticipantId);
    }
}
