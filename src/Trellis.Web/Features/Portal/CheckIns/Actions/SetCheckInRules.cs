using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Organization;

namespace Trellis.Web.Features.Portal.CheckIns.Actions;

/// <summary>
/// Set a program's check-in rules: its program directors and administrators (another program answers 404). The first
/// change needs no version; later ones name it (If-Match). PUT /api/programs/{id}/check-in-rules calls it.
/// </summary>
public static class SetCheckInRules
{
    public static Task<Result<CheckInRules>> RunAsync(TrellisDbContext db, Guid programId, CheckInRulesInput input, ETags.Expected expected, CancellationToken ct = default) =>
        ProgramSettings.SaveAsync(db, programId, input, expected, "A program's check-in rules are set by its program directors and administrators.",
            () => new CheckInRules { ProgramId = programId }, (row, change) =>
            {
                row.CravingAtLeast = change.CravingAtLeast;
                row.MoodAtMost = change.MoodAtMost;
                row.AlertOnUse = change.AlertOnUse;
                row.DaysWithoutCheckIn = change.DaysWithoutCheckIn;
            }, ct);
}
