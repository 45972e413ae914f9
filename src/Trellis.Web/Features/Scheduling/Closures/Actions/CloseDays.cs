using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;

namespace Trellis.Web.Features.Scheduling.Actions;

/// <summary>
/// Close one program, or the whole clinic (administrators only), for some days ahead: every session and
/// appointment those days is cancelled, participants get a notice on their portal and staff a
/// notification. Called by the closures page and POST /api/closures.
/// </summary>
public static class CloseDays
{
    public static async Task<Result<(Closure Closure, ClosureOutcome Outcome)>> RunAsync(TrellisDbContext db, ClosureInput input, CancellationToken ct = default)
    {
        if (!db.Me.May(Permissions.ManageSchedule)) return Refusal.Forbidden("Closures are made by program directors and administrators.");
        var errors = new InputErrors(input);
        if (input.EndsOn is { } e && e < await ProgramClock.ClinicTodayAsync(db, ct)) errors.Add("startsOn", "These days have passed; a closure is for days ahead.");
        if (input.ProgramId is null && !db.Scope.Covers(input.ProgramId)) errors.Add("programId", "Choose your program; only an administrator can close the whole clinic.");
        if (input.ProgramId is { } p && !db.Scope.Covers(p)) errors.Add("programId", "Choose one of your programs.");
        else if (input.ProgramId is { } q && !await db.Programs.AnyAsync(x => x.Id == q, ct)) errors.Add("programId", "No program with that id exists.");
        if (errors.Refusal is { } invalid) return invalid;

        var closure = new Closure { ProgramId = input.ProgramId, StartsOn = input.StartsOn!.Value, EndsOn = input.EndsOn!.Value, Reason = input.Reason!.Trim() };
        db.Add(closure);
        var outcome = await Closures.ApplyAsync(db, closure, ct);
        await db.SaveChangesAsync(ct);
        return (closure, outcome);
    }
}
