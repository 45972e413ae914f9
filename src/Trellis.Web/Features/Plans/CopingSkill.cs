using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Trellis.Web.Data;

namespace Trellis.Web.Features.Plans;

public enum CopingCategory { Calming, Grounding, Distraction, Connection, Movement, Thinking, Recovery }

/// <summary>
/// A coping skill the clinic teaches ("Paced breathing", "Urge surfing"), with how to do it.
/// Safety and relapse prevention plans draw on the library; participants can read it.
/// </summary>
public sealed class CopingSkill : Entity
{
    public string Name { get; set; } = "";
    public CopingCategory Category { get; set; }
    public string HowTo { get; set; } = "";
    public bool IsActive { get; set; } = true;
}

public sealed class CopingSkillInput
{
    [Required(ErrorMessage = "Name the skill."), MaxLength(100)]
    public string? Name { get; set; }

    [Required(ErrorMessage = "Choose a category.")]
    public CopingCategory? Category { get; set; }

    [Required(ErrorMessage = "Explain how to do it, in plain words."), MaxLength(2000), Display(Name = "How to do it")]
    public string? HowTo { get; set; }

    public bool IsActive { get; set; } = true;
}

public sealed record CopingSkillDto(Guid Id, string Name, CopingCategory Category, string HowTo, bool IsActive, long Version)
{
    public static CopingSkillDto From(CopingSkill s) => new(s.Id, s.Name, s.Category, s.HowTo, s.IsActive, s.Version);
}

internal sealed class CopingSkillConfiguration : IEntityTypeConfiguration<CopingSkill>
{
    public void Configure(EntityTypeBuilder<CopingSkill> b)
    {
        b.ToTable("CopingSkills");
        b.Property(x => x.Name).HasMaxLength(100);
        b.Property(x => x.HowTo).HasMaxLength(2000);
        b.HasIndex(x => x.Name).IsUnique();
    }
}

public static class CopingSkills
{
    public static Task<List<CopingSkill>> ActiveAsync(TrellisDbContext db, CancellationToken ct = default) =>
        db.Set<CopingSkill>().AsNoTracking().Where(s => s.IsActive).OrderBy(s => s.Category).ThenBy(s => s.Name).ToListAsync(ct);

    public static string CategoryText(CopingCategory c) => c switch
    {
        CopingCategory.Calming => "Calming the body",
        CopingCategory.Grounding => "Grounding",
        CopingCategory.Distraction => "Distraction",
        CopingCategory.Connection => "Reaching out",
        CopingCategory.Movement => "Movement",
        CopingCategory.Thinking => "Working with thoughts",
        _ => "Recovery skills",
    };
}
