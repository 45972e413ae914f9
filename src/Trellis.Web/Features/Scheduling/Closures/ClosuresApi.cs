using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Scheduling.Actions;

namespace Trellis.Web.Features.Scheduling;

/// <summary>/api/closures: holidays and other days the clinic or a program does not meet. Thin adapters over the actions the closures page calls too.</summary>
public static class ClosuresApi
{
    public static RouteGroupBuilder MapClosuresApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/closures").WithTags("Sessions");
        g.MapGet("/", List).RequireAuthorization(Permissions.AnyStaff)
            .WithSummary("Closures of the clinic and of your programs.");
        g.MapPost("/", Create).RequireAuthorization(Permissions.ManageSchedule)
            .WithSummary("Close the clinic (no programId: administrators only) or one program for some days: every session and appointment those days is cancelled and everyone affected is told.");
        g.MapPost("/{id:guid}/reopen", Reopen).RequireAuthorization(Permissions.ManageSchedule)
            .WithSummary("Call a closure off: what it cancelled (still ahead) is scheduled again and the same people are told.");
        return api;
    }

    public static async Task<Ok<List<ClosureDto>>> List(TrellisDbContext db, CancellationToken ct) =>
        TypedResults.Ok((await db.Set<Closure>().AsNoTracking().Include(c => c.Program).OrderByDescending(c => c.StartsOn).ToListAsync(ct)).Select(ClosureDto.From).ToList());

    public static async Task<Results<Created<ClosureApplied>, ProblemHttpResult>> Create(ClosureInput input, TrellisDbContext db, CancellationToken ct)
    {
        var (done, refused) = await CloseDays.RunAsync(db, input, ct);
        if (refused is not null) return refused.ToProblem();
        await db.Entry(done.Closure).Reference(c => c.Program).LoadAsync(ct);
        return TypedResults.Created($"/api/closures/{done.Closure.Id}", ClosureApplied.From(done.Closure, done.Outcome));
    }

    public static async Task<Results<Ok<ClosureApplied>, ProblemHttpResult>> Reopen(Guid id, TrellisDbContext db, CancellationToken ct)
    {
        var (done, refused) = await CallOffClosure.RunAsync(db, id, ct);
        return refused is not null ? refused.ToProblem() : TypedResults.Ok(ClosureApplied.From(done.Closure, done.Outcome));
    }
}
