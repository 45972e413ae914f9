using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;

namespace Trellis.Web.Features.Scheduling.Actions;

/// <summary>
/// Save a program's scheduling and attendance rules (weeks made ahead, attendance lock, engagement
/// alert, services that count toward weekly hours), then make any sessions the new horizon asks for.
/// The defaults have no row: the first save needs no version, later ones the version last seen.
/// Called by the scheduling rules page.
/// </summary>
public static class SaveScheduleSettings
{
    public static async Task<Result<ScheduleSettings>> RunAsync(TrellisDbContext db, Guid programId, ScheduleSettingsInput input, ETags.Expected expected,
        CancellationToken ct = default)
    {
        if (!await db.Programs.AnyAsync(p => p.Id == programId, ct) || !db.Scope.Covers(programId)) return Refusal.NotFound("program");
        if (!db.Me.May(Permissions.ManageSchedule)) return Refusal.Forbidden("Scheduling rules are changed by program directors and administrators.");
        var existing = await db.Set<ScheduleSettings>().FirstOrDefaultAsync(s => s.ProgramId == programId, ct);
        if (existing is not null && expected.Check(existing.Version) is { } stale) return stale;
        if (Validation.Check(input) is { } invalid) return invalid;
        var settings = existing ?? ScheduleSettings.Defaults(programId);
        input.ApplyTo(settings);
        if (existing is null) { db.Add(settings); await db.SaveChangesAsync(ct); }
        else if (!await Concurrency.SaveIfUnchangedAsync(db, existing, expected.Version, ct: ct)) return Refusal.Stale(expected.Version!.Value + 1);
        await SessionGeneration.GenerateAsync(db, ct: ct);
        return settings;
    }
}
