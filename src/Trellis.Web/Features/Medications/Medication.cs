using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Trellis.Web.Data;
using Trellis.Web.Features.Clinical;
using Trellis.Web.Features.Participants;

namespace Trellis.Web.Features.Medications;

public enum MedicationRoute { Oral, Sublingual, Buccal, Intramuscular, Subcutaneous, Intravenous, Transdermal, Topical, Inhaled, Intranasal, Rectal, Other }

/// <summary>
/// A medication the participant takes, prescribed here or elsewhere. No e-prescribing: this is the
/// list the team keeps and reconciles. A medication is stopped, never deleted; a wrong entry is
/// marked "entered in error" and stays visible in the history.
/// </summary>
public sealed class Medication : Entity, IParticipantOwned
{
    public Guid ParticipantId { get; set; }
    public Participant? Participant { get; set; }
    public string Name { get; set; } = "";
    /// <summary>The drug catalog's code (Catalog/drug-catalog.json), or null for a free-text entry, which is not checked.</summary>
    public string? DrugCode { get; set; }
    public string Dose { get; set; } = "";
    public MedicationRoute Route { get; set; }
    public string Frequency { get; set; } = "";
    /// <summary>What it is for ("depression", "opioid use disorder").</summary>
    public string? Reason { get; set; }
    /// <summary>One of the clinic's prescribers, or null with <see cref="PrescriberName"/> naming an outside prescriber.</summary>
    public Guid? PrescriberStaffId { get; set; }
    public string? PrescriberName { get; set; }
    public DateOnly? StartedOn { get; set; }
    public DateOnly? StoppedOn { get; set; }
    public string? StopReason { get; set; }
    public string? Notes { get; set; }
    public bool EnteredInError { get; set; }
    public string? ErrorReason { get; set; }
    /// <summary>Warnings (allergy, duplicate, dangerous combination) staff accepted when saving it, each with their reason.</summary>
    public List<MedicationAcknowledgment> Acknowledgments { get; set; } = [];

    public bool IsChecked => DrugCode is not null;

    public bool IsActiveOn(DateOnly day) => !EnteredInError && (StartedOn is null || StartedOn <= day) && (StoppedOn is null || StoppedOn > day);

    /// <summary>On the list now or starting soon: not stopped by <paramref name="day"/> and not entered in error.</summary>
    public bool IsCurrentOn(DateOnly day) => !EnteredInError && (StoppedOn is null || StoppedOn > day);

    public string Describe() => $"{Name} {Dose} {Infrastructure.EnumText.Label(Route).ToLowerInvariant()} {Frequency}".Trim();
}

/// <summary>Warnings accepted when a medication was saved: which, why, by whom and when. Kept with the medication; changes are in the audit trail.</summary>
public sealed class MedicationAcknowledgment
{
    public List<AcknowledgedWarning> Warnings { get; set; } = [];
    public string Reason { get; set; } = "";
    public Guid? ByStaffId { get; set; }
    public string ByName { get; set; } = "";
    public DateTimeOffset At { get; set; }
}

public sealed class AcknowledgedWarning
{
    public string Key { get; set; } = "";
    public string Message { get; set; } = "";
}

internal sealed class MedicationConfiguration : IEntityTypeConfiguration<Medication>
{
    public void Configure(EntityTypeBuilder<Medication> b)
    {
        b.ToTable("Medications");
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.DrugCode).HasMaxLength(60);
        b.Property(x => x.Acknowledgments).HasJsonConversion();
        b.Property(x => x.Dose).HasMaxLength(100);
        b.Property(x => x.Frequency).HasMaxLength(100);
        b.Property(x => x.Reason).HasMaxLength(300);
        b.Property(x => x.PrescriberName).HasMaxLength(200);
        b.Property(x => x.StopReason).HasMaxLength(300);
        b.Property(x => x.Notes).HasMaxLength(1000);
        b.Property(x => x.ErrorReason).HasMaxLength(300);
        b.HasOne(x => x.Participant).WithMany().HasForeignKey(x => x.ParticipantId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Staff.StaffMember>().WithMany().HasForeignKey(x => x.PrescriberStaffId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(x => x.ParticipantId);
        b.Ignore(x => x.IsChecked);
    }
}
