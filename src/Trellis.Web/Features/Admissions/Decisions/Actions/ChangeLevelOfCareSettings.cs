using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;

namespace Trellis.Web.Features.Admissions.Decisions.Actions;

/// <summary>
/// Change how a program handles the level-of-care decision (whether intake records it). Program directors
/// of the program and administrators; another program answers 404. The defaults (version 0) are replaced
/// without a version; after that a change names the version it is based on. Called by the admissions
/// settings page and PUT /api/programs/{id}/level-of-care-settings.
/// </summary>
public static class ChangeLevelOfCareSettings
{
    public static async Task<Result<LevelOfCareSettings>> RunAsync(TrellisDbContext db, Guid programId, LevelOfCareSettingsInput input,
        ETags.Expected expected, CancellationToken ct = default)
    {
        if (!db.Scope.Covers(programId) || !await db.Programs.AnyAsync(p => p.Id == programId, ct)) return Refusal.NotFound("program");
        if (!db.Me.May(Permissions.ManagePrograms)) return Refusal.Forbidden("Program directors and administrators change a program's settings.");
        if (Validation.Check(input, clock: db.Clock) is { } invalid) return invalid;
        var row = await db.Set<LevelOfCareSettings>().FirstOrDefaultAsync(s => s.ProgramId == programId, ct);
        var current = row?.Version ?? 0;
        if ((current > 0 || expected.Version is not null || expected.Malformed) && expected.Check(current) is { } stale) return stale;
        if (row is null)
        {
            row = new LevelOfCareSettings { ProgramId = programId };
            db.Set<LevelOfCareSettings>().Add(row);
        }
        row.IntakeMayRecordDecision = input.IntakeMayRecordDecision;
        try { await db.SaveChangesAsync(ct); }
        // A concurrent first save loses on the unique program index, a concurrent change on the version.
        catch (DbUpdateException) { return Refusal.Stale(current + 1); }
        return row;
    }
}
