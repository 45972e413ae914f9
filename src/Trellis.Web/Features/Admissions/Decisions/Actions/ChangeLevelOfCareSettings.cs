using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Organization;

namespace Trellis.Web.Features.Admissions.Decisions.Actions;

/// <summary>
/// Change how a program handles the level-of-care decision (whether intake records it). Program directors
/// of the program and administrators; another program answers 404. The defaults (version 0) are replaced
/// without a version; after that a change names the version it is based on. Called by the admissions
/// settings page and PUT /api/programs/{id}/level-of-care-settings.
/// </summary>
public static class ChangeLevelOfCareSettings
{
    public static Task<Result<LevelOfCareSettings>> RunAsync(TrellisDbContext db, Guid programId, LevelOfCareSettingsInput input,
        ETags.Expected expected, CancellationToken ct = default) =>
        ProgramSettings.SaveAsync(db, programId, input, expected, "Program directors and administrators change a program's settings.",
            () => new LevelOfCareSettings { ProgramId = programId }, (row, change) => row.IntakeMayRecordDecision = change.IntakeMayRecordDecision, ct);
}
