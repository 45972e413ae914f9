using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Trellis.Web.Data;
using Trellis.Web.Features.Clinical;
using Trellis.Web.Features.Participants;

namespace Trellis.Web.Features.Medications;

public enum ReconciliationKind { Admission, Discharge, Transition }
public enum ReconciliationDecision { Continue, Change, Hold, Stop }

/// <summary>
/// A medication reconciliation at admission, discharge or another transition: every medication
/// reviewed against the sources, with a decision for each, and the allergies confirmed. Kept as
/// a snapshot of the list as it was reconciled; the decisions are applied to the list itself.
/// </summary>
public sealed class MedicationReconciliation : Entity, IParticipantOwned
{
    public Guid ParticipantId { get; set; }
    public Participant? Participant { get; set; }
    public ReconciliationKind Kind { get; set; }
    public DateOnly ReconciledOn { get; set; }
    public Guid? ReconciledByStaffId { get; set; }
    public string ReconciledByName { get; set; } = "";
    /// <summary>Where the list was checked against: the participant's report, pharmacy fill history, a hospital discharge list…</summary>
    public string Sources { get; set; } = "";
    public List<ReconciledMedication> Items { get; set; } = [];
    public bool NoKnownAllergies { get; set; }
    /// <summary>The allergies as confirmed at the time, in words.</summary>
    public string AllergySummary { get; set; } = "";
    public string? Notes { get; set; }
}

public sealed class ReconciledMedication
{
    public Guid MedicationId { get; set; }
    public string Description { get; set; } = "";
    public ReconciliationDecision Decision { get; set; }
    public string? Comment { get; set; }
}

/// <summary>Body of POST /api/participants/{id}/medication-reconciliations, the reconciliation page's form and part of a discharge.</summary>
public sealed class ReconciliationInput
{
    [Required(ErrorMessage = "Choose admission, discharge or transition.")]
    public ReconciliationKind? Kind { get; set; }

    [Required(ErrorMessage = "Enter the date of the reconciliation."), Display(Name = "Reconciled on")]
    public DateOnly? ReconciledOn { get; set; }

    [Required(ErrorMessage = "Say what the list was checked against (the participant's report, pharmacy history…)."), MaxLength(500)]
    public string? Sources { get; set; }

    /// <summary>A decision for every active medication.</summary>
    public List<ReconciliationItemInput> Items { get; set; } = [];

    /// <summary>The allergy list was reviewed with the participant (required).</summary>
    public bool AllergiesReviewed { get; set; }

    public bool NoKnownAllergies { get; set; }

    [MaxLength(2000)]
    public string? Notes { get; set; }
}

public sealed class ReconciliationItemInput
{
    [Required(ErrorMessage = "Say which medication (its id).")]
    public Guid? MedicationId { get; set; }

    [Required(ErrorMessage = "Choose continue, change, hold or stop.")]
    public ReconciliationDecision? Decision { get; set; }

    [MaxLength(500)]
    public string? Comment { get; set; }
}

internal sealed class MedicationReconciliationConfiguration : IEntityTypeConfiguration<MedicationReconciliation>
{
    public void Configure(EntityTypeBuilder<MedicationReconciliation> b)
    {
        b.ToTable("MedicationReconciliations");
        b.Property(x => x.ReconciledByName).HasMaxLength(200);
        b.Property(x => x.Sources).HasMaxLength(500);
        b.Property(x => x.Items).HasJsonConversion();
        b.Property(x => x.AllergySummary).HasMaxLength(2000);
        b.Property(x => x.Notes).HasMaxLength(2000);
        b.HasOne(x => x.Participant).WithMany().HasForeignKey(x => x.ParticipantId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.ParticipantId, x.Kind });
    }
}
