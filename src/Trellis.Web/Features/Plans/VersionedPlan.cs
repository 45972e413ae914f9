using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Trellis.Web.Data;
using Trellis.Web.Features.Clinical;
using Trellis.Web.Features.Participants;

namespace Trellis.Web.Features.Plans;

/// <summary>
/// A plan written with the participant and kept as versions: each save adds the next version and
/// none is ever changed, so the plan the participant carried home on a given day can be shown again.
/// </summary>
public abstract class VersionedPlan : Entity, IParticipantOwned
{
    public Guid ParticipantId { get; set; }
    public Participant? Participant { get; set; }
    public int Number { get; set; }
    /// <summary>Complete: every section filled in with the participant. A draft is work in progress.</summary>
    public bool IsComplete { get; set; }
    /// <summary>The participant took part in writing this version (a plan written about someone is not their plan).</summary>
    public bool WrittenWithParticipant { get; set; }
    public string? ChangeSummary { get; set; }
    public Guid? WrittenByStaffId { get; set; }
    public string WrittenByName { get; set; } = "";
    public DateTimeOffset WrittenAt { get; set; }
}

/// <summary>A person on a plan: a friend to call, a sponsor, a clinician, a crisis line.</summary>
public sealed class PlanContact
{
    [Required(ErrorMessage = "Enter the name."), MaxLength(100), Display(Name = "Name")]
    public string? Name { get; set; }

    [MaxLength(100), Display(Name = "Role or relationship")]
    public string? Role { get; set; }

    [MaxLength(40), RegularExpression(@"^[0-9+()\-. ]{3,40}$", ErrorMessage = "Enter a phone number using digits, spaces, +, -, ( and )."), Display(Name = "Phone")]
    public string? Phone { get; set; }

    public bool IsBlank => string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(Role) && string.IsNullOrWhiteSpace(Phone);
}

/// <summary>One coping strategy, in the participant's words, optionally drawn from the coping skills library.</summary>
public sealed class CopingItem
{
    [Required(ErrorMessage = "Describe the strategy."), MaxLength(500), Display(Name = "Strategy")]
    public string? Text { get; set; }

    public Guid? SkillId { get; set; }

    public bool IsBlank => string.IsNullOrWhiteSpace(Text) && SkillId is null;
}

internal static class VersionedPlanColumns
{
    public static void Configure<T>(EntityTypeBuilder<T> b) where T : VersionedPlan
    {
        b.Property(x => x.ChangeSummary).HasMaxLength(1000);
        b.Property(x => x.WrittenByName).HasMaxLength(200);
        b.HasOne(x => x.Participant).WithMany().HasForeignKey(x => x.ParticipantId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.ParticipantId, x.Number }).IsUnique();
    }
}

/// <summary>Reading and adding versions of either kind of plan.</summary>
public static class PlanVersions
{
    public static Task<T?> LatestAsync<T>(TrellisDbContext db, Guid participantId, CancellationToken ct = default) where T : VersionedPlan =>
        db.Set<T>().AsNoTracking().Where(p => p.ParticipantId == participantId).OrderByDescending(p => p.Number).FirstOrDefaultAsync(ct);

    /// <summary>The latest complete version: what the participant should be carrying.</summary>
    public static Task<T?> LatestCompleteAsync<T>(TrellisDbContext db, Guid participantId, CancellationToken ct = default) where T : VersionedPlan =>
        db.Set<T>().AsNoTracking().Where(p => p.ParticipantId == participantId && p.IsComplete).OrderByDescending(p => p.Number).FirstOrDefaultAsync(ct);

    public static Task<T?> VersionAsync<T>(TrellisDbContext db, Guid participantId, int number, CancellationToken ct = default) where T : VersionedPlan =>
        db.Set<T>().AsNoTracking().FirstOrDefaultAsync(p => p.ParticipantId == participantId && p.Number == number, ct);

    public static Task<List<T>> AllAsync<T>(TrellisDbContext db, Guid participantId, CancellationToken ct = default) where T : VersionedPlan =>
        db.Set<T>().AsNoTracking().Where(p => p.ParticipantId == participantId).OrderByDescending(p => p.Number).ToListAsync(ct);

    public static async Task<T> AddAsync<T>(TrellisDbContext db, T plan, Guid participantId, bool complete, bool withParticipant, string? changeSummary,
        Staff.StaffMember author, CancellationToken ct = default) where T : VersionedPlan
    {
        var last = await db.Set<T>().Where(p => p.ParticipantId == participantId).MaxAsync(p => (int?)p.Number, ct) ?? 0;
        plan.ParticipantId = participantId;
        plan.Number = last + 1;
        plan.IsComplete = complete;
        plan.WrittenWithParticipant = withParticipant;
        plan.ChangeSummary = ClinicalText.Clean(changeSummary) ?? (last == 0 ? "First version" : null);
        plan.WrittenByStaffId = author.Id;
        plan.WrittenByName = ClinicalStaff.SignatureName(author);
        plan.WrittenAt = db.Now;
        db.Set<T>().Add(plan);
        return plan;
    }

    /// <summary>Trims the entries of a list and drops the empty ones (spare rows of the form).</summary>
    public static List<string> Clean(IEnumerable<string?> items) =>
        items.Select(ClinicalText.Clean).Where(s => s is not null).Select(s => s!).ToList();

    public static List<PlanContact> Clean(IEnumerable<PlanContact> items) =>
        items.Where(c => !c.IsBlank).Select(c => new PlanContact { Name = ClinicalText.Clean(c.Name), Role = ClinicalText.Clean(c.Role), Phone = ClinicalText.Clean(c.Phone) }).ToList();

    /// <summary>A "none" skill arrives as Guid.Empty (see SaveTreatmentPlan.Normalize for why).</summary>
    public static Guid? Skill(Guid? id) => id == Guid.Empty ? null : id;

    public static List<CopingItem> Clean(IEnumerable<CopingItem> items) =>
        items.Select(c => new CopingItem { Text = ClinicalText.Clean(c.Text), SkillId = Skill(c.SkillId) }).Where(c => !c.IsBlank).ToList();
}
