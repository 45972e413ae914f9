using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Trellis.Web.Data;
using Trellis.Web.Features.Organization;

namespace Trellis.Web.Features.Admissions.Decisions;

/// <summary>
/// How a program handles the level-of-care decision at intake. It is a clinical decision, so by default
/// a clinician records it (intake asks one with a care task); a program whose intake coordinators are
/// licensed to decide may let them record it themselves. A program without a row uses the defaults.
/// </summary>
public sealed class LevelOfCareSettings : Entity, IProgramOwned
{
    public Guid ProgramId { get; set; }
    public TreatmentProgram? Program { get; set; }
    /// <summary>Intake coordinators of the program record the decision themselves (default off).</summary>
    public bool IntakeMayRecordDecision { get; set; }

    /// <summary>The program's settings, or the defaults (version 0) when it has none of its own.</summary>
    public static async Task<LevelOfCareSettings> ForProgramAsync(TrellisDbContext db, Guid programId, CancellationToken ct = default) =>
        await db.Set<LevelOfCareSettings>().AsNoTracking().FirstOrDefaultAsync(s => s.ProgramId == programId, ct)
        ?? new LevelOfCareSettings { ProgramId = programId };

    /// <summary>
    /// Whether the caller may record a level-of-care decision in this program: clinical roles always,
    /// intake coordinators where the program allows it.
    /// </summary>
    public static async Task<bool> MayRecordAsync(TrellisDbContext db, Guid programId, CancellationToken ct = default) =>
        db.Me.May(Auth.Permissions.DecideLevelOfCare)
        || db.Me.May(Auth.Permissions.DecideLevelOfCareWhereAllowed) && (await ForProgramAsync(db, programId, ct)).IntakeMayRecordDecision;
}

/// <summary>A program's level-of-care settings as a director or administrator changes them.</summary>
public sealed class LevelOfCareSettingsInput
{
    /// <summary>Intake coordinators record the decision themselves; off, they ask a clinician for it.</summary>
    public bool IntakeMayRecordDecision { get; set; }
}

internal sealed class LevelOfCareSettingsConfiguration : IEntityTypeConfiguration<LevelOfCareSettings>
{
    public void Configure(EntityTypeBuilder<LevelOfCareSettings> b)
    {
        b.ToTable("LevelOfCareSettings");
        b.HasOne(x => x.Program).WithMany().HasForeignKey(x => x.ProgramId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => x.ProgramId).IsUnique();
    }
}
