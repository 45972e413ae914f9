using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;

namespace Trellis.Web.Features.Portal.CheckIns.Actions;

/// <summary>
/// Set a program's check-in rules: its program directors and administrators (another program answers 404). The first
/// change needs no version; later ones name it (If-Match). PUT /api/programs/{id}/check-in-rules calls it.
/// </summary>
public static class SetCheckInRules
{
    public static async Task<Result<CheckInRules>> RunAsync(TrellisDbContext db, Guid programId, CheckInRulesInput input, ETags.Expected expected, CancellationToken ct = default)
    {
        if (!db.Me.May(Permissions.ManagePrograms)) return Refusal.Forbidden("A program's check-in rules are set by its program directors and administrators.");
        if (!db.Scope.Covers(programId) || !await db.Programs.AnyAsync(p => p.Id == programId, ct)) return Refusal.NotFound("program");
        var row = await db.Set<CheckInRules>().FirstOrDefaultAsync(r => r.ProgramId == programId, ct);
        var current = row?.Version ?? 0;
        if ((row is not null || expected.Version is not null || expected.Malformed) && expected.Check(current) is { } stale) return stale;
        if (Validation.Check(input) is { } invalid) return invalid;
        if (row is null) db.Set<CheckInRules>().Add(row = new CheckInRules { ProgramId = programId });
        row.CravingAtLeast = input.CravingAtLeast;
        row.MoodAtMost = input.MoodAtMost;
        row.AlertOnUse = input.AlertOnUse;
        row.DaysWithoutCheckIn = input.DaysWithoutCheckIn;
        try
        {
            if (await Concurrency.SaveIfUnchangedAsync(db, row, current, ct: ct)) return row;
        }
        catch (DbUpdateException) { }
        db.ChangeTracker.Clear();
        return Refusal.Stale((await db.Set<CheckInRules>().AsNoTracking().FirstOrDefaultAsync(r => r.ProgramId == programId, ct))?.Version ?? 0);
    }
}
