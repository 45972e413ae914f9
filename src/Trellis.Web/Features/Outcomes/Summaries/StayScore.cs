using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Trellis.Web.Data;
using Trellis.Web.Features.Participants;

namespace Trellis.Web.Features.Outcomes.Summaries;

/// <summary>
/// One instrument over one ended stay (<see cref="Stays"/>): the first score from the admission window on and the last
/// on or before discharge, the pair every outcome at discharge is judged from (<see cref="ChangeRules"/>,
/// applied when read, so a changed definition needs no rebuild). Derived and kept by <see cref="OutcomeSummaryHook"/>
/// in the same transaction as the scores, enrollments and discharges it comes from.
/// </summary>
[NotAudited]
public sealed class StayScore : Entity, IParticipantOwned
{
    public Guid ParticipantId { get; set; }
    public Participant? Participant { get; set; }
    public Guid ProgramId { get; set; }
    public DateOnly StayStartedOn { get; set; }
    public DateOnly StayEndedOn { get; set; }
    public string Instrument { get; set; } = "";
    /// <summary>Scores of this instrument in the stay (a change needs two).</summary>
    public int Scores { get; set; }
    public DateOnly BaselineOn { get; set; }
    public int Baseline { get; set; }
    public DateOnly LatestOn { get; set; }
    public int Latest { get; set; }
}

internal sealed class StayScoreConfiguration : IEntityTypeConfiguration<StayScore>
{
    public void Configure(EntityTypeBuilder<StayScore> b)
    {
        b.ToTable("StayScores");
        b.Property(x => x.Instrument).HasMaxLength(40);
        b.HasOne(x => x.Participant).WithMany().HasForeignKey(x => x.ParticipantId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.ParticipantId, x.ProgramId, x.StayStartedOn, x.Instrument }).IsUnique();
        b.HasIndex(x => x.StayEndedOn);
    }
}

/// <summary>Which definition of the summaries a database holds; a newer one in the code rebuilds them at start (<see cref="OutcomeSummaries.BackfillAsync"/>).</summary>
public sealed class OutcomeSummaryState
{
    public int Id { get; set; }
    public int Version { get; set; }
}

internal sealed class OutcomeSummaryStateConfiguration : IEntityTypeConfiguration<OutcomeSummaryState>
{
    public void Configure(EntityTypeBuilder<OutcomeSummaryState> b)
    {
        b.ToTable("OutcomeSummaryState");
        b.Property(x => x.Id).ValueGeneratedNever();
    }
}
