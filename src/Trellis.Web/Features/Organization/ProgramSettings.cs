using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;

namespace Trellis.Web.Features.Organization;

/// <summary>
/// The one way a program's own settings row is changed (treatment plan deadlines, the measurement schedule,
/// check-in rules, level-of-care settings): by the program's directors and administrators (another program
/// answers 404 like a missing one). A program still on the defaults has no row, so its first settings need
/// no version; once it has a row, a change names the version it is based on (If-Match).
/// </summary>
public static class ProgramSettings
{
    public static async Task<Result<TRow>> SaveAsync<TRow, TInput>(TrellisDbContext db, Guid programId, TInput input, ETags.Expected expected,
        string whoMay, Func<TRow> create, Action<TRow, TInput> apply, CancellationToken ct)
        where TRow : Entity, IProgramOwned where TInput : class
    {
        if (!db.Me.May(Permissions.ManagePrograms)) return Refusal.Forbidden(whoMay);
        if (!db.Scope.Covers(programId) || !await db.Programs.AnyAsync(p => p.Id == programId, ct)) return Refusal.NotFound("program");
        var row = await db.Set<TRow>().FirstOrDefaultAsync(r => r.ProgramId == programId, ct);
        var current = row?.Version ?? 0;
        if ((row is not null || expected.Version is not null || expected.Malformed) && expected.Check(current) is { } stale) return stale;
        if (Validation.Check(input, clock: db.Clock) is { } invalid) return invalid;
        if (row is null) db.Set<TRow>().Add(row = create());
        apply(row, input);
        // A concurrent first save loses on the unique program index; a concurrent change on the version.
        try
        {
            if (await Concurrency.SaveIfUnchangedAsync(db, row, current, ct: ct)) return row;
        }
        catch (DbUpdateException) { }
        db.ChangeTracker.Clear();
        return Refusal.Stale(await db.Set<TRow>().AsNoTracking().Where(r => r.ProgramId == programId).Select(r => (long?)r.Version).FirstOrDefaultAsync(ct) ?? 0);
    }
}
