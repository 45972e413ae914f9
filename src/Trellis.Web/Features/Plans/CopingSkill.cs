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

/// <summary>Body of POST /api/coping-skills and PUT /api/coping-skills/{id}, and the skill page's form.</summary>
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

    /// <summary>The checks and changes adding and changing a skill share: a unique name, then the fields copied.</summary>
    internal static async Task<Refusal?> CheckAsync(TrellisDbContext db, CopingSkillInput input, Guid? except, CancellationToken ct)
    {
        if (!db.Me.May(Auth.Permissions.ManageCopingSkills)) return Refusal.Forbidden("The coping skills library is kept by clinicians, program directors and administrators.");
        if (Validation.Check(input) is { } invalid) return invalid;
        var name = input.Name!.Trim();
        return await db.Set<CopingSkill>().AnyAsync(s => s.Name == name && s.Id != except, ct)
            ? Refusal.Invalid("name", $"The library already has a skill called {name}.")
            : null;
    }

    internal static void Apply(CopingSkill skill, CopingSkillInput input)
    {
        skill.Name = input.Name!.Trim();
        skill.Category = input.Category!.Value;
        skill.HowTo = input.HowTo!.Trim();
        skill.IsActive = input.IsActive;
    }

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
