using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Trellis.Web.Data;

namespace Trellis.Web.Features.CaseManagement;

public enum ResourceCategory { Housing, Employment, Transportation, Childcare, Legal, Finances, Benefits, Food, Health, RecoverySupport, Crisis, Other }

/// <summary>A service in the community a case manager refers people to. Administrators keep the directory; everyone can search it.</summary>
public sealed class CommunityResource : Entity
{
    public string Name { get; set; } = "";
    public ResourceCategory Category { get; set; }
    public string? Description { get; set; }
    public string? Address { get; set; }
    public string? Phone { get; set; }
    public string? Website { get; set; }
    public string? Hours { get; set; }
    /// <summary>"Free", "Sliding scale", "$25 a month"…</summary>
    public string? Cost { get; set; }
    /// <summary>Languages served, comma separated ("English, Spanish").</summary>
    public string? Languages { get; set; }
    public string? Eligibility { get; set; }
    public bool IsActive { get; set; } = true;
}

/// <summary>Body of POST /api/community-resources and PUT /api/community-resources/{id}, and the resource page's form.</summary>
public sealed class CommunityResourceInput
{
    [Required(ErrorMessage = "Name the resource."), MaxLength(200)]
    public string? Name { get; set; }

    [Required(ErrorMessage = "Choose a category.")]
    public ResourceCategory? Category { get; set; }

    [MaxLength(2000)] public string? Description { get; set; }
    [MaxLength(300)] public string? Address { get; set; }

    [MaxLength(40), RegularExpression(@"^[0-9+()\-. ]{3,40}$", ErrorMessage = "Enter a phone number using digits, spaces, +, -, ( and ).")]
    public string? Phone { get; set; }

    [MaxLength(300), Url(ErrorMessage = "Enter a web address starting with https://.")]
    public string? Website { get; set; }

    [MaxLength(300)] public string? Hours { get; set; }
    [MaxLength(200)] public string? Cost { get; set; }
    [MaxLength(200)] public string? Languages { get; set; }
    [MaxLength(1000)] public string? Eligibility { get; set; }
    public bool IsActive { get; set; } = true;

    public static CommunityResourceInput From(CommunityResource r) => new()
    {
        Name = r.Name, Category = r.Category, Description = r.Description, Address = r.Address, Phone = r.Phone, Website = r.Website,
        Hours = r.Hours, Cost = r.Cost, Languages = r.Languages, Eligibility = r.Eligibility, IsActive = r.IsActive,
    };

    public void ApplyTo(CommunityResource r)
    {
        r.Name = Name!.Trim();
        r.Category = Category!.Value;
        r.Description = Clinical.ClinicalText.Clean(Description);
        r.Address = Clinical.ClinicalText.Clean(Address);
        r.Phone = Clinical.ClinicalText.Clean(Phone);
        r.Website = Clinical.ClinicalText.Clean(Website);
        r.Hours = Clinical.ClinicalText.Clean(Hours);
        r.Cost = Clinical.ClinicalText.Clean(Cost);
        r.Languages = Clinical.ClinicalText.Clean(Languages);
        r.Eligibility = Clinical.ClinicalText.Clean(Eligibility);
        r.IsActive = IsActive;
    }
}

public sealed record CommunityResourceDto(Guid Id, string Name, ResourceCategory Category, string? Description, string? Address, string? Phone,
    string? Website, string? Hours, string? Cost, string? Languages, string? Eligibility, bool IsActive, long Version)
{
    public static CommunityResourceDto From(CommunityResource r) => new(r.Id, r.Name, r.Category, r.Description, r.Address, r.Phone, r.Website,
        r.Hours, r.Cost, r.Languages, r.Eligibility, r.IsActive, r.Version);
}

internal sealed class CommunityResourceConfiguration : IEntityTypeConfiguration<CommunityResource>
{
    public void Configure(EntityTypeBuilder<CommunityResource> b)
    {
        b.ToTable("CommunityResources");
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.Description).HasMaxLength(2000);
        b.Property(x => x.Address).HasMaxLength(300);
        b.Property(x => x.Phone).HasMaxLength(40);
        b.Property(x => x.Website).HasMaxLength(300);
        b.Property(x => x.Hours).HasMaxLength(300);
        b.Property(x => x.Cost).HasMaxLength(200);
        b.Property(x => x.Languages).HasMaxLength(200);
        b.Property(x => x.Eligibility).HasMaxLength(1000);
        b.HasIndex(x => x.Name).IsUnique();
        b.HasIndex(x => new { x.Category, x.IsActive });
    }
}

public static class CommunityResources
{
    /// <summary>Search by words in the name, description, eligibility or address, with category and language filters.</summary>
    public static IQueryable<CommunityResource> Search(TrellisDbContext db, string? text, ResourceCategory? category, string? language, bool includeInactive = false)
    {
        var q = db.Set<CommunityResource>().AsNoTracking().Where(r => includeInactive || r.IsActive);
        if (category is { } c) q = q.Where(r => r.Category == c);
        if (!string.IsNullOrWhiteSpace(language))
        {
            var l = language.Trim().ToLower();
            q = q.Where(r => r.Languages != null && r.Languages.ToLower().Contains(l));
        }
        foreach (var word in (text ?? "").ToLower().Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(6))
            q = q.Where(r => r.Name.ToLower().Contains(word) || (r.Description != null && r.Description.ToLower().Contains(word))
                || (r.Eligibility != null && r.Eligibility.ToLower().Contains(word)) || (r.Address != null && r.Address.ToLower().Contains(word)));
        return q.OrderBy(r => r.Category).ThenBy(r => r.Name);
    }

    /// <summary>The checks adding and changing a resource share: administrators only, the input's rules, a name the directory does not list yet.</summary>
    internal static async Task<Refusal?> CheckAsync(TrellisDbContext db, CommunityResourceInput input, Guid? except, CancellationToken ct)
    {
        if (!db.Me.May(Auth.Permissions.ManageResources)) return Refusal.Forbidden("The community resources directory is kept by administrators.");
        if (Validation.Check(input) is { } invalid) return invalid;
        var name = input.Name!.Trim();
        return await db.Set<CommunityResource>().AnyAsync(r => r.Name == name && r.Id != except, ct)
            ? Refusal.Invalid("name", $"The directory already lists {name}.")
            : null;
    }

    public static string CategoryText(ResourceCategory c) => c switch
    {
        ResourceCategory.RecoverySupport => "Recovery support",
        ResourceCategory.Transportation => "Transport",
        ResourceCategory.Crisis => "Crisis services",
        _ => c.ToString(),
    };
}
