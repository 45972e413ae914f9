using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;
using Trellis.Web.Features.Auth;
using Trellis.Web.Infrastructure;

namespace Trellis.Web.Features.Scheduling;

/// <summary>/api/closures: holidays and other days the clinic or a program does not meet.</summary>
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
        TypedResults.Ok((await Visible(db).OrderByDescending(c => c.StartsOn).ToListAsync(ct)).Select(ToDto).ToList());

    private static IQueryable<Closure> Visible(TrellisDbContext db) =>
        db.Set<Closure>().AsNoTracking().Include(c => c.Program);

    public static ClosureDto ToDto(Closure c) => new(c.Id, c.ProgramId, c.Program?.Name, c.StartsOn, c.EndsOn, c.Reason, c.CancelledAt is not null);

    /// <summary>Checks a closure; errors by field.</summary>
    public static Dictionary<string, string[]> Check(TrellisDbContext db, ClosureInput input, bool isAdministrator, DateOnly today)
    {
        var errors = new Dictionary<string, string[]>();
        if (input.StartsOn is null) errors["startsOn"] = ["Choose the first closed day."];
        if (input.EndsOn is null) errors["endsOn"] = ["Choose the last closed day (the same day for one day)."];
        if (input.StartsOn is { } s && input.EndsOn is { } e)
        {
            if (e < s) errors["endsOn"] = [$"The last closed day ({e:MMM d}) is before the first ({s:MMM d})."];
            else if (e.DayNumber - s.DayNumber > 60) errors["endsOn"] = ["A closure is at most 61 days; for longer, pause the program instead."];
            if (e < today) errors["startsOn"] = ["These days have passed; a closure is for days ahead."];
        }
        if (string.IsNullOrWhiteSpace(input.Reason)) errors["reason"] = ["Say why (people are told): \"Thanksgiving\", \"Staff training\"."];
        else if (input.Reason.Length > 200) errors["reason"] = ["The reason is at most 200 characters."];
        if (input.ProgramId is null && !isAdministrator) errors["programId"] = ["Choose your program; only an administrator can close the whole clinic."];
        if (input.ProgramId is { } p && !db.Scope.Covers(p)) errors["programId"] = ["Choose one of your programs."];
        return errors;
    }

    public static async Task<Results<Created<ClosureApplied>, ValidationProblem>> Create(ClosureInput input, TrellisDbContext db, System.Security.Claims.ClaimsPrincipal user, CancellationToken ct)
    {
        var errors = Check(db, input, user.IsInRole(Roles.Administrator), await ProgramClock.ClinicTodayAsync(db, ct));
        if (input.ProgramId is { } pid && errors.Count == 0 && !await db.Programs.AnyAsync(p => p.Id == pid, ct)) errors["programId"] = ["No program with that id exists."];
        if (errors.Count > 0) return Problems.Invalid(errors);
        var closure = new Closure { ProgramId = input.ProgramId, StartsOn = input.StartsOn!.Value, EndsOn = input.EndsOn!.Value, Reason = input.Reason!.Trim() };
        db.Add(closure);
        var outcome = await Closures.ApplyAsync(db, closure, ct);
        await db.SaveChangesAsync(ct);
        var saved = await Visible(db).FirstAsync(c => c.Id == closure.Id, ct);
        return TypedResults.Created($"/api/closures/{closure.Id}", new ClosureApplied(ToDto(saved), outcome.SessionsCancelled, outcome.AppointmentsCancelled, outcome.ParticipantsNotified));
    }

    public static async Task<Results<Ok<ClosureApplied>, ProblemHttpResult>> Reopen(Guid id, TrellisDbContext db, System.Security.Claims.ClaimsPrincipal user, CancellationToken ct)
    {
        var closure = await db.Set<Closure>().Include(c => c.Program).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (closure is null || (closure.ProgramId is { } p && !db.Scope.Covers(p))) return Problems.NotFound("closure");
        if (closure.ProgramId is null && !user.IsInRole(Roles.Administrator)) return Problems.Forbidden("Only an administrator can call off a closure of the whole clinic.");
        if (closure.CancelledAt is not null) return Problems.Conflict("This closure was already called off.");
        var outcome = await Closures.ReopenAsync(db, closure, ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new ClosureApplied(ToDto(closure), outcome.SessionsCancelled, outcome.AppointmentsCancelled, outcome.ParticipantsNotified));
    }
}
