using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Trellis.Web.Data;
using Trellis.Web.Features.Participants;

namespace Trellis.Web.Features.Medications;

public enum AllergyKind { Medication, Food, Environmental, Other }
public enum AllergySeverity { Mild, Moderate, Severe, Unknown }

/// <summary>An allergy or intolerance. Never deleted: an allergy found not to be one is marked entered in error.</summary>
public sealed class Allergy : Entity, IParticipantOwned
{
    public Guid ParticipantId { get; set; }
    public Participant? Participant { get; set; }
    public string Substance { get; set; } = "";
    public AllergyKind Kind { get; set; }
    public string? Reaction { get; set; }
    public AllergySeverity Severity { get; set; } = AllergySeverity.Unknown;
    public DateOnly? NotedOn { get; set; }
    public bool EnteredInError { get; set; }
    public string? ErrorReason { get; set; }
}

/// <summary>Body of POST /api/participants/{id}/allergies and PUT /api/allergies/{id}, and the allergy page's form.</summary>
public sealed class AllergyInput : IValidatableObject
{
    [Required(ErrorMessage = "Enter what they are allergic to."), MaxLength(200)]
    public string? Substance { get; set; }

    [Required(ErrorMessage = "Choose the kind of allergy.")]
    public AllergyKind? Kind { get; set; }

    [MaxLength(300)]
    public string? Reaction { get; set; }

    [Required(ErrorMessage = "Choose the severity (unknown if not known).")]
    public AllergySeverity? Severity { get; set; }

    [Display(Name = "Noted on")]
    public DateOnly? NotedOn { get; set; }

    public bool EnteredInError { get; set; }

    [MaxLength(300), Display(Name = "What was wrong")]
    public string? ErrorReason { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (EnteredInError && string.IsNullOrWhiteSpace(ErrorReason))
            yield return new("Say what was wrong with the entry.", [nameof(ErrorReason)]);
    }

    public static AllergyInput From(Allergy a) => new()
    {
        Substance = a.Substance, Kind = a.Kind, Reaction = a.Reaction, Severity = a.Severity, NotedOn = a.NotedOn,
        EnteredInError = a.EnteredInError, ErrorReason = a.ErrorReason,
    };

    public void ApplyTo(Allergy a)
    {
        a.Substance = Substance!.Trim();
        a.Kind = Kind!.Value;
        a.Reaction = Clinical.ClinicalText.Clean(Reaction);
        a.Severity = Severity!.Value;
        a.NotedOn = NotedOn;
        a.EnteredInError = EnteredInError;
        a.ErrorReason = EnteredInError ? Clinical.ClinicalText.Clean(ErrorReason) : null;
    }
}

internal sealed class AllergyConfiguration : IEntityTypeConfiguration<Allergy>
{
    public void Configure(EntityTypeBuilder<Allergy> b)
    {
        b.ToTable("Allergies");
        b.Property(x => x.Substance).HasMaxLength(200);
        b.Property(x => x.Reaction).HasMaxLength(300);
        b.Property(x => x.ErrorReason).HasMaxLength(300);
        b.HasOne(x => x.Participant).WithMany().HasForeignKey(x => x.ParticipantId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => x.ParticipantId);
    }
}
