using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Trellis.Web.Data;
using Trellis.Web.Features.Clinical;
using Trellis.Web.Features.Participants;

namespace Trellis.Web.Features.CaseManagement;

public enum NeedDomain { Housing, Employment, Transportation, Childcare, Legal, Finances, Benefits }
public enum NeedLevel { NoNeed, Some, Significant, Urgent }

/// <summary>
/// A dated needs assessment across the life domains that decide whether someone can keep coming:
/// housing, employment, transport, childcare, legal, finances and benefits. Reassessments are new
/// records, so the history shows needs being met over time.
/// </summary>
public sealed class NeedsAssessment : Entity, IParticipantOwned
{
    public Guid ParticipantId { get; set; }
    public Participant? Participant { get; set; }
    public DateOnly AssessedOn { get; set; }
    public List<NeedRating> Needs { get; set; } = [];
    public string? Summary { get; set; }
    public Guid? AssessedByStaffId { get; set; }
    public string AssessedByName { get; set; } = "";

    public NeedRating? For(NeedDomain d) => Needs.FirstOrDefault(n => n.Domain == d);
}

public sealed class NeedRating
{
    [Required(ErrorMessage = "Say which domain.")]
    public NeedDomain? Domain { get; set; }

    [Required(ErrorMessage = "Rate the need.")]
    public NeedLevel? Level { get; set; }

    [MaxLength(1000), Display(Name = "Notes")]
    public string? Note { get; set; }
}

/// <summary>Body of POST /api/participants/{id}/needs-assessments, and the needs page's form.</summary>
public sealed class NeedsAssessmentInput : IValidatableObject
{
    [Required(ErrorMessage = "Enter the date of the assessment."), Display(Name = "Assessed on")]
    public DateOnly? AssessedOn { get; set; }

    /// <summary>A rating for every domain.</summary>
    public List<NeedRating> Needs { get; set; } = [];

    [MaxLength(2000)]
    public string? Summary { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        foreach (var d in Enum.GetValues<NeedDomain>().Where(d => Needs.Count(n => n.Domain == d) != 1))
            yield return new(Needs.Any(n => n.Domain == d) ? $"{d} is rated twice." : $"Rate {d.ToString().ToLowerInvariant()} (no need is a rating too).", [nameof(Needs)]);
        foreach (var n in Needs.Where(n => n.Level is NeedLevel.Significant or NeedLevel.Urgent && string.IsNullOrWhiteSpace(n.Note)))
            yield return new($"Describe the {n.Domain?.ToString().ToLowerInvariant()} need: what is happening.", [nameof(Needs)]);
    }
}

internal sealed class NeedsAssessmentConfiguration : IEntityTypeConfiguration<NeedsAssessment>
{
    public void Configure(EntityTypeBuilder<NeedsAssessment> b)
    {
        b.ToTable("NeedsAssessments");
        b.Property(x => x.Needs).HasJsonConversion();
        b.Property(x => x.Summary).HasMaxLength(2000);
        b.Property(x => x.AssessedByName).HasMaxLength(200);
        b.HasOne(x => x.Participant).WithMany().HasForeignKey(x => x.ParticipantId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.ParticipantId, x.AssessedOn });
    }
}

public static class Needs
{
    public static string DomainText(NeedDomain d) => d switch
    {
        NeedDomain.Transportation => "Transport",
        _ => d.ToString(),
    };

    public static string LevelText(NeedLevel l) => l switch
    {
        NeedLevel.NoNeed => "No need",
        NeedLevel.Some => "Some need",
        NeedLevel.Significant => "Significant need",
        _ => "Urgent",
    };

    public static string LevelClass(NeedLevel l) => l switch
    {
        NeedLevel.NoNeed => "ok",
        NeedLevel.Some => "",
        NeedLevel.Significant => "warn",
        _ => "danger",
    };
}
