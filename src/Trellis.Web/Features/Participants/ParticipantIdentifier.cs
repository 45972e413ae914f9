using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Trellis.Web.Data;

namespace Trellis.Web.Features.Participants;

/// <summary>
/// An identifier another system gave this person (a referring hospital's MRN: system + value), kept so that system's
/// next message about them finds this chart instead of opening a second one. Trellis's own MRN is <see cref="Participant.Mrn"/>.
/// Not unique across the clinic: two programs may each hold a chart the same hospital referred, and a uniqueness error
/// would tell a caller that a chart outside their programs exists. Within the caller's scope it is unique
/// (<see cref="SaveParticipant.CheckAsync"/>).
/// </summary>
public sealed class ParticipantIdentifier : Entity, IParticipantOwned
{
    public Guid ParticipantId { get; set; }
    public Participant? Participant { get; set; }
    /// <summary>The namespace of the value, an absolute URI (http://hospital.example.org/mrn, urn:oid:…).</summary>
    public string System { get; set; } = "";
    public string Value { get; set; } = "";
}

internal sealed class ParticipantIdentifierConfiguration : IEntityTypeConfiguration<ParticipantIdentifier>
{
    public void Configure(EntityTypeBuilder<ParticipantIdentifier> b)
    {
        b.ToTable("ParticipantIdentifiers");
        b.Property(x => x.System).HasMaxLength(ParticipantIdentifierInput.SystemLength);
        b.Property(x => x.Value).HasMaxLength(ParticipantIdentifierInput.ValueLength);
        b.HasIndex(x => new { x.System, x.Value });
        b.HasOne(x => x.Participant).WithMany(p => p.Identifiers).HasForeignKey(x => x.ParticipantId).OnDelete(DeleteBehavior.Cascade);
    }
}
