using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Trellis.Web.Features.Participants;

namespace Trellis.Web.Features.Telehealth;

/// <summary>
/// Where a participant says they are for one video visit (a group session or an appointment), and whether it is a
/// private place: what the care team needs to send help in a crisis, and what billing needs for the place of service.
/// One per participant and visit; confirming again (they moved) updates it. Chart-owned: scoped and audited.
/// </summary>
public sealed class VideoLocation : Entity, IParticipantOwned
{
    public Guid ParticipantId { get; set; }
    public Participant? Participant { get; set; }
    public Guid? GroupSessionId { get; set; }
    public Guid? AppointmentId { get; set; }
    /// <summary>"session:&lt;id&gt;" or "appointment:&lt;id&gt;": unique with the participant (a nullable pair would not be).</summary>
    public string Visit { get; set; } = "";
    public string Location { get; set; } = "";
    public bool PrivatePlace { get; set; }
    public DateTimeOffset ConfirmedAt { get; set; }
}

internal sealed class VideoLocationConfiguration : IEntityTypeConfiguration<VideoLocation>
{
    public void Configure(EntityTypeBuilder<VideoLocation> b)
    {
        b.Property(x => x.Visit).HasMaxLength(60);
        b.Property(x => x.Location).HasMaxLength(300);
        b.HasOne(x => x.Participant).WithMany().HasForeignKey(x => x.ParticipantId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.ParticipantId, x.Visit }).IsUnique();
        b.HasIndex(x => x.GroupSessionId);
        b.HasIndex(x => x.AppointmentId);
    }
}

public sealed class VideoLocationInput
{
    [Required(ErrorMessage = "Write where you are now: an address, or a description the care team could find."), MaxLength(300, ErrorMessage = "Keep it under 300 characters.")]
    public string? Location { get; set; }

    [Required(ErrorMessage = "Join from a private place where nobody can overhear you, then tick this box."), AllowedValues(true, ErrorMessage = "Join from a private place where nobody can overhear you, then tick this box.")]
    public bool? PrivatePlace { get; set; }
}

/// <summary>What the portal shows for one video visit; <see cref="JoinUrl"/> only when the consent is signed, the window is open and the location confirmed.</summary>
public sealed record VideoVisitDto(string Kind, Guid Id, DateTimeOffset StartsAt, DateTimeOffset EndsAt, DateTimeOffset OpensAt, bool ConsentSigned,
    bool WindowOpen, string? Location, bool? PrivatePlace, string? JoinUrl, string Status);
