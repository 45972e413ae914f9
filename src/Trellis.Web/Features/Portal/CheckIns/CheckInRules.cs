using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Trellis.Web.Data;

namespace Trellis.Web.Features.Portal.CheckIns;

/// <summary>
/// When a program's care team hears about a check-in (issue 11 point 3): craving at or above a threshold, mood at or
/// below one, any use reported, or a number of days without a check-in. One row per program; a program without a row
/// uses <see cref="Default"/>. A null threshold turns that rule off.
/// </summary>
public sealed class CheckInRules : Entity, IProgramOwned, IProgramFact
{
    public Guid ProgramId { get; set; }
    public int? CravingAtLeast { get; set; } = 8;
    public int? MoodAtMost { get; set; } = 2;
    public bool AlertOnUse { get; set; } = true;
    public int? DaysWithoutCheckIn { get; set; } = 3;

    public static CheckInRules Default(Guid programId) => new() { ProgramId = programId };

    public static async Task<CheckInRules> ForProgramAsync(TrellisDbContext db, Guid programId, CancellationToken ct = default) =>
        await db.Set<CheckInRules>().AsNoTracking().FirstOrDefaultAsync(r => r.ProgramId == programId, ct) ?? Default(programId);
}

/// <summary>Body of PUT /api/programs/{id}/check-in-rules: the rules as they should now be (null turns one off).</summary>
[AcceptsRepresentation(typeof(CheckInRulesDto))]
public sealed class CheckInRulesInput
{
    [Range(1, 10, ErrorMessage = "Alert on a craving from 1 to 10, or leave it empty to turn the rule off.")]
    public int? CravingAtLeast { get; set; }
    [Range(0, 9, ErrorMessage = "Alert on a mood from 0 to 9, or leave it empty to turn the rule off.")]
    public int? MoodAtMost { get; set; }
    public bool AlertOnUse { get; set; }
    [Range(1, 30, ErrorMessage = "Alert after 1 to 30 days without a check-in, or leave it empty to turn the rule off.")]
    public int? DaysWithoutCheckIn { get; set; }
}

public sealed record CheckInRulesDto(Guid ProgramId, int? CravingAtLeast, int? MoodAtMost, bool AlertOnUse, int? DaysWithoutCheckIn, bool IsDefault)
{
    public static CheckInRulesDto From(CheckInRules r) => new(r.ProgramId, r.CravingAtLeast, r.MoodAtMost, r.AlertOnUse, r.DaysWithoutCheckIn, r.Version == 0);
}

internal sealed class CheckInRulesConfiguration : IEntityTypeConfiguration<CheckInRules>
{
    public void Configure(EntityTypeBuilder<CheckInRules> b)
    {
        b.HasIndex(x => x.ProgramId).IsUnique();
        b.HasOne<Organization.TreatmentProgram>().WithMany().HasForeignKey(x => x.ProgramId).OnDelete(DeleteBehavior.Cascade);
    }
}
