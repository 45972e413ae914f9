using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Trellis.Web.Data;
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

    public bool IsActiveOn(DateOnly day) => !EnteredInError && (StartedOn is null || StartedOn <= day) && (StoppedOn is null || StoppedOn > day);

    public string Describe() => $"{Name} {Dose} {Infrastructure.EnumText.Label(Route).ToLowerInvariant()} {Frequency}".Trim();
}

public sealed class MedicationInput : IValidatableObject
{
    [Required(ErrorMessage = "Enter the medication's name."), MaxLength(200)]
    public string? Name { get; set; }

    [Required(ErrorMessage = "Enter the dose, e.g. 50 mg."), MaxLength(100)]
    public string? Dose { get; set; }

    [Required(ErrorMessage = "Choose the route.")]
    public MedicationRoute? Route { get; set; }

    [Required(ErrorMessage = "Enter how often, e.g. once daily."), MaxLength(100)]
    public string? Frequency { get; set; }

    [MaxLength(300)]
    public string? Reason { get; set; }

    [Display(Name = "Prescriber")]
    public Guid? PrescriberStaffId { get; set; }

    [MaxLength(200), Display(Name = "Outside prescriber")]
    public string? PrescriberName { get; set; }

    [Display(Name = "Started")]
    public DateOnly? StartedOn { get; set; }

    [Display(Name = "Stopped")]
    public DateOnly? StoppedOn { get; set; }

    [MaxLength(300), Display(Name = "Why stopped")]
    public string? StopReason { get; set; }

    [MaxLength(1000)]
    public string? Notes { get; set; }

    public bool EnteredInError { get; set; }

    [MaxLength(300), Display(Name = "What was wrong")]
    public string? ErrorReason { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (PrescriberStaffId is null && string.IsNullOrWhiteSpace(PrescriberName))
            yield return new("Say who prescribed it: one of the clinic's prescribers, or the outside prescriber's name.", [nameof(PrescriberName)]);
        if (StartedOn is { } s && StoppedOn is { } e && e < s)
            yield return new("The stop date is before the start date.", [nameof(StoppedOn)]);
        if (StoppedOn is not null && string.IsNullOrWhiteSpace(StopReason))
            yield return new("Say why it was stopped.", [nameof(StopReason)]);
        if (EnteredInError && string.IsNullOrWhiteSpace(ErrorReason))
            yield return new("Say what was wrong with the entry.", [nameof(ErrorReason)]);
    }

    public static MedicationInput From(Medication m) => new()
    {
        Name = m.Name, Dose = m.Dose, Route = m.Route, Frequency = m.Frequency, Reason = m.Reason, PrescriberStaffId = m.PrescriberStaffId,
        PrescriberName = m.PrescriberStaffId is null ? m.PrescriberName : null, StartedOn = m.StartedOn, StoppedOn = m.StoppedOn,
        StopReason = m.StopReason, Notes = m.Notes, EnteredInError = m.EnteredInError, ErrorReason = m.ErrorReason,
    };
}

internal sealed class MedicationConfiguration : IEntityTypeConfiguration<Medication>
{
    public void Configure(EntityTypeBuilder<Medication> b)
    {
        b.ToTable("Medications");
        b.Property(x => x.Name).HasMaxLength(200);
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
    }
}
