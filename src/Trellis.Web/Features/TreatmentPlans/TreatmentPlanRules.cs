using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Trellis.Web.Data;
using Trellis.Web.Features.Organization;

namespace Trellis.Web.Features.TreatmentPlans;

/// <summary>
/// A program's treatment plan deadlines. States and payers set them (commonly a review every 30 days),
/// so each program keeps its own; a program without a row uses the defaults.
/// </summary>
public sealed class TreatmentPlanRules : Entity, IProgramOwned
{
    public const int DefaultReviewIntervalDays = 30;
    public const int DefaultFirstPlanWithinSessions = 3;

    public Guid ProgramId { get; set; }
    public TreatmentProgram? Program { get; set; }
    /// <summary>The first plan must be complete (signed by everyone) by this attended session after admission.</summary>
    public int FirstPlanWithinSessions { get; set; } = DefaultFirstPlanWithinSessions;
    /// <summary>Days between reviews of a plan in effect.</summary>
    public int ReviewIntervalDays { get; set; } = DefaultReviewIntervalDays;

    public static async Task<TreatmentPlanRules> ForProgramAsync(TrellisDbContext db, Guid programId, CancellationToken ct = default) =>
        await db.Set<TreatmentPlanRules>().AsNoTracking().FirstOrDefaultAsync(r => r.ProgramId == programId, ct)
        ?? new TreatmentPlanRules { ProgramId = programId };

    public static async Task<Dictionary<Guid, TreatmentPlanRules>> AllAsync(TrellisDbContext db, CancellationToken ct = default)
    {
        var rows = await db.Set<TreatmentPlanRules>().AsNoTracking().ToListAsync(ct);
        var programs = await db.Programs.AsNoTracking().Select(p => p.Id).ToListAsync(ct);
        return programs.ToDictionary(id => id, id => rows.FirstOrDefault(r => r.ProgramId == id) ?? new TreatmentPlanRules { ProgramId = id });
    }
}

internal sealed class TreatmentPlanRulesConfiguration : IEntityTypeConfiguration<TreatmentPlanRules>
{
    public void Configure(EntityTypeBuilder<TreatmentPlanRules> b)
    {
        b.ToTable("TreatmentPlanRules");
        b.HasOne(x => x.Program).WithMany().HasForeignKey(x => x.ProgramId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => x.ProgramId).IsUnique();
    }
}
