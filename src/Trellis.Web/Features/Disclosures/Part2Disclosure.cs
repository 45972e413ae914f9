using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Trellis.Web.Features.Participants;

namespace Trellis.Web.Features.Disclosures;

/// <summary>
/// One disclosure of a Part 2 participant's records to an outside recipient (a SMART backend service reading /fhir or
/// exporting under the participant's Part 2 consent): who received what, when, under which consent and for what purpose.
/// Written before the records leave (<see cref="Part2Disclosures.RecordAsync"/>); the participant is shown it
/// (/my/disclosures), staff see it in the chart. Never changed or deleted.
/// </summary>
public sealed class Part2Disclosure : Entity, IParticipantOwned
{
    public Guid ParticipantId { get; set; }
    public Participant? Participant { get; set; }
    /// <summary>The Part 2 consent the disclosure was made under.</summary>
    public Guid? ConsentId { get; set; }
    public DateTimeOffset DisclosedAt { get; set; }
    /// <summary>The recipient as the SMART client's registration names it (the name the consent gives).</summary>
    public string Recipient { get; set; } = "";
    public string Purpose { get; set; } = "";
    /// <summary>The SMART client that received it, and its registered name.</summary>
    public string ClientId { get; set; } = "";
    public string ClientName { get; set; } = "";
    /// <summary>How: "FHIR read", "FHIR search", "FHIR $export {job}"…</summary>
    public string Interaction { get; set; } = "";
    /// <summary>Resource types and counts, e.g. "Observation 3, Patient 1".</summary>
    public string Resources { get; set; } = "";
    public int Count { get; set; }
}

internal sealed class Part2DisclosureConfiguration : IEntityTypeConfiguration<Part2Disclosure>
{
    public void Configure(EntityTypeBuilder<Part2Disclosure> b)
    {
        b.ToTable("Part2Disclosures");
        b.Property(x => x.Recipient).HasMaxLength(300);
        b.Property(x => x.Purpose).HasMaxLength(500);
        b.Property(x => x.ClientId).HasMaxLength(100);
        b.Property(x => x.ClientName).HasMaxLength(120);
        b.Property(x => x.Interaction).HasMaxLength(200);
        b.Property(x => x.Resources).HasMaxLength(2000);
        b.HasOne(x => x.Participant).WithMany().HasForeignKey(x => x.ParticipantId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.ParticipantId, x.DisclosedAt });
    }
}
