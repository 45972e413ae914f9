using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Scheduling.Actions;

namespace Trellis.Web.Features.Scheduling;

/// <summary>/api/sessions and /api/tracks/{id}/sessions/generate: thin adapters over the actions (which the pages call too) and the shared reads.</summary>
public static class SessionsApi
{
    public static RouteGroupBuilder MapSessionsApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("").WithTags("Sessions");
        g.MapGet("/sessions", List).RequireAuthorization(Permissions.AnyStaff)
            .WithSummary("Group sessions of your programs between two days (at most 92), by program, track or facilitator.");
        g.MapGet("/sessions/{id:guid}", Get).RequireAuthorization(Permissions.AnyStaff)
            .WithSummary("One group session. The ETag is the version to send as If-Match.");
        g.MapPut("/sessions/{id:guid}", Change).RequireAuthorization(Permissions.EditSessions)
            .WithSummary("A one-off change to one session (title, day, times in the program's time zone, room, link, capacity, facilitators: active staff of the session's program). The series is not broken: later template edits leave this session alone. Staff or room clashes answer 409 naming the event. Requires If-Match.");
        g.MapPost("/sessions/{id:guid}/cancel", Cancel).RequireAuthorization(Permissions.EditSessions)
            .WithSummary("Cancel one session; its roster gets a notice and its facilitators a notification. Requires If-Match.");
        g.MapPost("/tracks/{id:guid}/sessions/generate", Generate).RequireAuthorization(Permissions.ManageSchedule)
            .WithSummary("Generate the track's sessions from its weekly template up to the program's weeks ahead. Idempotent: existing sessions are never duplicated or changed.");
        return api;
    }

    public static async Task<Results<Ok<List<SessionDto>>, ProblemHttpResult>> List(TrellisDbContext db, DateOnly? from, DateOnly? to,
        Guid? programId, Guid? trackId, Guid? staffId, CancellationToken ct)
    {
        var (range, refused) = await DateRange.ReadAsync(db, from, to, 7, ct);
        if (refused is not null) return refused.ToProblem();
        var q = ScheduleQueries.SessionsQuery(db).Where(s => s.LocalDate >= range.From && s.LocalDate <= range.To);
        if (programId is { } p) q = q.Where(s => s.ProgramId == p);
        if (trackId is { } t) q = q.Where(s => s.TrackId == t);
        if (staffId is { } sid) q = q.Where(s => s.Facilitators.Any(f => f.StaffMemberId == sid));
        var sessions = await q.OrderBy(s => s.StartsAt).ToListAsync(ct);
        var counts = await Rosters.CountsAsync(db, sessions, ct);
        return TypedResults.Ok(sessions.Select(s => SessionDto.From(s, counts.GetValueOrDefault(s.Id))).ToList());
    }

    public static async Task<Results<Ok<SessionDto>, ProblemHttpResult>> Get(Guid id, TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        if (await SessionQueries.FindAsync(db, id, ct: ct) is not { } s) return Refusal.NotFound("group session").ToProblem();
        ETags.Set(http, s.Version);
        return TypedResults.Ok(SessionDto.From(s, (await Rosters.CountsAsync(db, [s], ct)).GetValueOrDefault(s.Id)));
    }

    public static async Task<Results<Ok<SessionChanged>, ProblemHttpResult>> Change(Guid id, SessionChangeInput input, TrellisDbContext db, HttpContext http,
        CancellationToken ct)
    {
        var (change, refused) = await ChangeSession.RunAsync(db, id, input, ETags.From(http), ct);
        if (refused is not null) return refused.ToProblem();
        ETags.Set(http, change!.Session.Version);
        var saved = (await SessionQueries.FindAsync(db, id, ct: ct))!;
        return TypedResults.Ok(new SessionChanged(SessionDto.From(saved, (await Rosters.CountsAsync(db, [saved], ct)).GetValueOrDefault(id)),
            change.Warnings.Select(ConflictDto.From).ToList()));
    }

    public static async Task<Results<Ok<SessionDto>, ProblemHttpResult>> Cancel(Guid id, CancelInput input, TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        var (session, refused) = await CancelSession.RunAsync(db, id, input, ETags.From(http), ct);
        if (refused is not null) return refused.ToProblem();
        ETags.Set(http, session!.Version);
        return TypedResults.Ok(SessionDto.From(session, 0));
    }

    public static async Task<Results<Ok<GenerateResult>, ProblemHttpResult>> Generate(Guid id, TrellisDbContext db, CancellationToken ct)
    {
        var (made, refused) = await GenerateSessions.RunAsync(db, id, ct);
        return refused is not null ? refused.ToProblem() : TypedResults.Ok(new GenerateResult(made));
    }
}
