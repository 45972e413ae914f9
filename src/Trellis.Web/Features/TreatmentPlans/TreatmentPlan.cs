using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Trellis.Web.Data;
using Trellis.Web.Features.Clinical;
using Trellis.Web.Features.Participants;

namespace Trellis.Web.Features.TreatmentPlans;

/// <summary>
/// One version of a participant's treatment plan. A change never edits a version: it writes the
/// next one, so every version the participant and clinician ever signed stays viewable as it was.
/// Signatures attach to a version; a new version needs its own.
/// </summary>
public sealed class TreatmentPlan : Entity, IParticipantOwned
{
    public Guid ParticipantId { get; set; }
    public Participant? Participant { get; set; }
    /// <summary>1, 2, 3… per participant ("version 3"); distinct from the row's concurrency Version.</summary>
    public int Number { get; set; }
    public PlanContent Content { get; set; } = new();
    /// <summary>What changed from the previous version and why.</summary>
    public string? ChangeSummary { get; set; }
    public Guid? WrittenByStaffId { get; set; }
    public string WrittenByName { get; set; } = "";
    /// <summary>When this version was written (kept apart from the row's CreatedAt so imported or back-dated records read true).</summary>
    public DateTimeOffset WrittenAt { get; set; }

    public Guid? ClinicianStaffId { get; set; }
    public string? ClinicianName { get; set; }
    public DateTimeOffset? ClinicianSignedAt { get; set; }
    /// <summary>Set when the signing clinician practises under supervision: the plan then needs the supervisor too.</summary>
    public bool SupervisorRequired { get; set; }
    public Guid? SupervisorStaffId { get; set; }
    public string? SupervisorName { get; set; }
    public DateTimeOffset? SupervisorSignedAt { get; set; }
    /// <summary>The participant's typed name as their signature, given on the portal or in person.</summary>
    public string? ParticipantSignature { get; set; }
    public string? ParticipantSignatureMethod { get; set; }
    public DateTimeOffset? ParticipantSignedAt { get; set; }
    /// <summary>When the participant would not sign, the reason, recorded by the clinician (an auditor accepts a documented refusal).</summary>
    public string? ParticipantDeclinedReason { get; set; }
    /// <summary>What the cloned-text check found when the clinician signed, confirmed anyway (<see cref="ClonedPlanCheck"/>); null when nothing was similar.</summary>
    public string? SimilarityWarning { get; set; }

    public bool ParticipantSigned => ParticipantSignedAt is not null;
    public bool ClinicianSigned => ClinicianSignedAt is not null;
    public bool SupervisorSigned => SupervisorSignedAt is not null;

    /// <summary>Every signature it needs: clinician, supervisor where required, and participant (or a documented refusal).</summary>
    public bool IsComplete => ClinicianSigned && (!SupervisorRequired || SupervisorSigned) && ParticipantSigned;

    /// <summary>When the last needed signature was given: the day the plan took effect.</summary>
    public DateTimeOffset? CompletedAt => IsComplete
        ? new[] { ClinicianSignedAt, SupervisorSignedAt, ParticipantSignedAt }.Where(d => d is not null).Max()
        : null;

    public IEnumerable<PlanGoal> Goals => Content.Problems.SelectMany(p => p.Goals);
}

internal sealed class TreatmentPlanConfiguration : IEntityTypeConfiguration<TreatmentPlan>
{
    public void Configure(EntityTypeBuilder<TreatmentPlan> b)
    {
        b.ToTable("TreatmentPlans");
        b.Property(x => x.Content).HasJsonConversion();
        b.Property(x => x.ChangeSummary).HasMaxLength(1000);
        b.Property(x => x.WrittenByName).HasMaxLength(200);
        b.Property(x => x.ClinicianName).HasMaxLength(200);
        b.Property(x => x.SupervisorName).HasMaxLength(200);
        b.Property(x => x.ParticipantSignature).HasMaxLength(200);
        b.Property(x => x.ParticipantSignatureMethod).HasMaxLength(20);
        b.Property(x => x.ParticipantDeclinedReason).HasMaxLength(1000);
        b.Property(x => x.SimilarityWarning).HasMaxLength(2000);
        b.HasOne(x => x.Participant).WithMany().HasForeignKey(x => x.ParticipantId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.ParticipantId, x.Number }).IsUnique();
        b.Ignore(x => x.ParticipantSigned);
        b.Ignore(x => x.ClinicianSigned);
        b.Ignore(x => x.SupervisorSigned);
        b.Ignore(x => x.IsComplete);
        b.Ignore(x => x.CompletedAt);
        b.Ignore(x => x.Goals);
    }
}
