using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;
using Trellis.Web.Features.Auth;
using Trellis.Web.Infrastructure;

namespace Trellis.Web.Features.Scheduling;

/// <summary>/api/sessions: group sessions, their one-off changes and their attendance; /api/tracks/{id}/sessions/generate.</summary>
public static class SessionsApi
{
    public const int MaxRangeDays = 92;

    public static RouteGroupBuilder MapSessionsApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("").WithTags("Sessions");
        g.MapGet("/sessions", List).RequireAuthorization(Permissions.AnyStaff)
            .WithSummary("Group sessions of your programs between two days (at most 92), by program, track or facilitator.");
        g.MapGet("/sessions/{id:guid}", Get).RequireAuthorization(Permissions.AnyStaff)
            .WithSummary("One group session. The ETag is the version to send as If-Match.");
        g.MapPut("/sessions/{id:guid}", Change).RequireAuthorization(Permissions.EditSessions)
            .WithSummary("A one-off change to one session (title, day, times in the program's time zone, room, link, capacity, facilitators). The series is not broken: later template edits leave this session alone. Staff or room clashes answer 409 naming the event. Requires If-Match.");
        g.MapPost("/sessions/{id:guid}/cancel", Cancel).RequireAuthorization(Permissions.EditSessions)
            .WithSummary("Cancel one session; its roster gets a notice and its facilitators a notification. Requires If-Match.");
        g.MapGet("/sessions/{id:guid}/attendance", GetAttendance).RequireAuthorization(Permissions.AnyStaff)
            .WithSummary("The session's roster with each participant's attendance. The ETag is the roster's version.");
        g.MapPut("/sessions/{id:guid}/attendance", PutAttendance).RequireAuthorization(Permissions.TakeAttendance)
            .WithSummary("Record attendance for the roster: present, late (minutesLate), left_early (minutesLeftEarly), telehealth, absent_excused, absent_unexcused. Minutes attended are derived. All or nothing; history kept; unexcused absences raise a same-day follow-up. Requires If-Match with the roster's ETag.");
        g.MapPost("/tracks/{id:guid}/sessions/generate", Generate).RequireAuthorization(Permissions.ManageSchedule)
            .WithSummary("Generate the track's sessions from its weekly template up to the program's weeks ahead. Idempotent: existing sessions are never duplicated or changed.");
        return api;
    }


    public static async Task<Results<Ok<List<SessionDto>>, ValidationProblem>> List(TrellisDbContext db, DateOnly? from, DateOnly? to,
        Guid? programId, Guid? trackId, Guid? staffId, CancellationToken ct)
    {
        var (start, end, problem) = await ScheduleApi.RangeAsync(db, from, to, 7, ct);
        if (problem is not null) return problem;
        var q = ScheduleQueries.SessionsQuery(db).Where(s => s.LocalDate >= start && s.LocalDate <= end);
        if (programId is { } p) q = q.Where(s => s.ProgramId == p);
        if (trackId is { } t) q = q.Where(s => s.TrackId == t);
        if (staffId is { } sid) q = q.Where(s => s.Facilitators.Any(f => f.StaffMemberId == sid));
        var sessions = await q.OrderBy(s => s.StartsAt).ToListAsync(ct);
        var counts = await Rosters.CountsAsync(db, sessions, ct);
        return TypedResults.Ok(sessions.Select(s => SessionDto.From(s, counts.GetValueOrDefault(s.Id))).ToList());
    }

    public static async Task<GroupSession?> FindAsync(TrellisDbContext db, Guid id, CancellationToken ct, bool tracking = false)
    {
        var q = db.GroupSessions.Include(s => s.Program).Include(s => s.Track).Include(s => s.Room).Include(s => s.Facilitators).ThenInclude(f => f.StaffMember).AsQueryable();
        if (!tracking) q = q.AsNoTracking();
        var s = await q.FirstOrDefaultAsync(x => x.Id == id, ct);
        return s is not null && db.Scope.Covers(s.ProgramId) ? s : null;
    }

    public static async Task<Results<Ok<SessionDto>, ProblemHttpResult>> Get(Guid id, TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        if (await FindAsync(db, id, ct) is not { } s) return Problems.NotFound("group session");
        ETags.Set(http, s.Version);
        return TypedResults.Ok(SessionDto.From(s, (await Rosters.CountsAsync(db, [s], ct)).GetValueOrDefault(s.Id)));
    }

    public static async Task<Results<Ok<SessionChanged>, ProblemHttpResult, ValidationProblem>> Change(Guid id, SessionChangeInput input,
        TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        if (await FindAsync(db, id, ct, tracking: true) is not { } s) return Problems.NotFound("group session");
        if (ETags.RequireIfMatch(http, out var version) is { } problem) return problem;
        if (s.Version != version) return Problems.Stale(s.Version);
        var outcome = await ChangeSession.ApplyAsync(db, s, input, ct);
        if (outcome.Errors.Count > 0) return Problems.Invalid(AppointmentsApi.Camel(outcome.Errors));
        if (outcome.Conflicts.Count > 0) return ConflictProblem(outcome.Conflicts);
        db.Entry(s).Property(x => x.Version).OriginalValue = version;
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { return Problems.Stale(version + 1); }
        ETags.Set(http, s.Version);
        var saved = (await FindAsync(db, id, ct))!;
        return TypedResults.Ok(new SessionChanged(SessionDto.From(saved, (await Rosters.CountsAsync(db, [saved], ct)).GetValueOrDefault(id)),
            outcome.Warnings.Select(ConflictDto.From).ToList()));
    }

    public static async Task<Results<Ok<SessionDto>, ProblemHttpResult, ValidationProblem>> Cancel(Guid id, CancelBody body, TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        if (await FindAsync(db, id, ct, tracking: true) is not { } s) return Problems.NotFound("group session");
        if (ETags.RequireIfMatch(http, out var version) is { } problem) return problem;
        if (s.Version != version) return Problems.Stale(s.Version);
        if (string.IsNullOrWhiteSpace(body.Reason) || body.Reason.Length > 500) return Problems.Invalid("reason", "Say why it is cancelled (at most 500 characters); participants are told.");
        if (s.Status == SessionStatus.Cancelled) return Problems.Conflict("This session is already cancelled.");
        if (await db.Attendance.IgnoreQueryFilters([TrellisDbContext.ScopeFilter]).AnyAsync(a => a.GroupSessionId == id, ct))
            return Problems.Conflict("Attendance was already taken for this session, so it took place and cannot be cancelled.");
        await Closures.CancelSessionAsync(db, s, body.Reason.Trim(), ct);
        await db.SaveChangesAsync(ct);
        ETags.Set(http, s.Version);
        return TypedResults.Ok(SessionDto.From(s, 0));
    }

    public static async Task<Results<Ok<RosterDto>, ProblemHttpResult>> GetAttendance(Guid id, TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        if (await FindAsync(db, id, ct) is not { } s) return Problems.NotFound("group session");
        var roster = await RosterView.ForSessionAsync(db, s, ct);
        ETags.Set(http, roster.Version);
        return TypedResults.Ok(roster);
    }

    public static async Task<Results<Ok<AttendanceSaved>, ProblemHttpResult, ValidationProblem>> PutAttendance(Guid id, AttendanceBody body,
        TrellisDbContext db, HttpContext http, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await FindAsync(db, id, ct) is not { } s) return Problems.NotFound("group session");
        if (ETags.RequireIfMatch(http, out var version) is { } problem) return problem;
        var (entries, errors) = RosterView.Entries(body.Records);
        if (errors.Count > 0) return Problems.Invalid(errors);
        var expected = await Rosters.Expecting(db, s.TrackId, s.LocalDate).Select(p => p.Id).ToListAsync(ct);
        var result = await TakeAttendance.SaveAsync(db, AttendanceEvent.For(s, expected), entries, version, TakeAttendance.IsProgramDirector(user), body.Reason, ct);
        if (result.Stale) return Problems.Stale(await TakeAttendance.RosterVersionAsync(db, AttendanceEvent.For(s, expected), ct));
        if (!result.Ok) return Problems.Invalid(result.Errors);
        var roster = await RosterView.ForSessionAsync(db, s, ct);
        ETags.Set(http, roster.Version);
        return TypedResults.Ok(new AttendanceSaved(result.Changed, result.FollowUpsRaised, result.AlertsRaised, roster));
    }

    public static async Task<Results<Ok<GenerateResult>, ProblemHttpResult>> Generate(Guid id, TrellisDbContext db, CancellationToken ct)
    {
        var track = await db.Tracks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct);
        if (track is null || !db.Scope.Covers(track.ProgramId)) return Problems.NotFound("track");
        if (!track.IsActive) return Problems.Conflict("This track is not active; activate it before generating its sessions.");
        return TypedResults.Ok(new GenerateResult(await SessionGeneration.GenerateAsync(db, trackId: id, ct: ct)));
    }

    public static ProblemHttpResult ConflictProblem(IEnumerable<ScheduleConflict> conflicts)
    {
        var list = conflicts.ToList();
        return Problems.Conflict(string.Join(" ", list.Select(c => c.Message).Distinct()),
            new Dictionary<string, object?> { ["conflicts"] = list.Select(ConflictDto.From).ToList() });
    }
}
