using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;

namespace Trellis.Web.Features.Organization.Actions;

/// <summary>
/// Change a program: administrators any, program directors the programs they work in (others answer 404,
/// through the program filter), from the version they last saw. Called by the program page.
/// </summary>
public static class ChangeProgram
{
    public static async Task<Result<TreatmentProgram>> RunAsync(TrellisDbContext db, Guid id, ProgramInput input, ETags.Expected expected,
        CancellationToken ct = default)
    {
        if (await db.Programs.FirstOrDefaultAsync(p => p.Id == id, ct) is not { } program) return Refusal.NotFound("program");
        if (!db.Me.May(Permissions.ManagePrograms) || !db.Scope.Covers(program.Id))
            return Refusal.Forbidden($"Only administrators and the program directors of {program.Name} change it.");
        if (expected.Check(program.Version) is { } stale) return stale;
        if (await OrganizationRules.CheckProgramAsync(db, input, id, ct) is { } refused) return refused;
        input.ApplyTo(program);
        if (!await Concurrency.SaveIfUnchangedAsync(db, program, expected.Version, ct: ct)) return Refusal.Stale(expected.Version!.Value + 1);
        return program;
    }
}
