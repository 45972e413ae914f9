using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Participants;
using Trellis.Web.Infrastructure;

namespace Trellis.Web.Features.Scheduling;

/// <summary>
/// A person's schedule, weekly hours and calendar feed: /api/participants/{id}/… (the participant
/// themself or their care team) and /api/staff/{id}/… (any staff for the schedule; the feed only
/// for its owner).
/// </summary>
public static class ScheduleApi
{
    public static RouteGroupBuilder MapScheduleApi(this RouteGroupBuilder api)
    {
        var p = api.MapGroup("/participants/{id:guid}").WithTags("Schedules");
        p.MapGet("/schedule", ParticipantSchedule).RequireAuthorization(Permissions.Anyone)
            .WithSummary("The participant's group sessions and appointments between two days (at most 92; default this week and the next three).");
        p.MapGet("/weekly-hours", WeeklyHoursFor).RequireAuthorization(Permissions.Anyone)
            .WithSummary("One entry a week (Monday first): weekStart, plannedHours, attendedHours, minimumHours, belowMinimum. Only the program's counted service types count. belowMinimum is attended hours for a finished week, planned hours for this week and later ones.");
        p.MapPost("/calendar-feed", IssueParticipantFeed).RequireAuthorization(Permissions.Anyone)
            .WithSummary("A new secret calendar URL for the participant's schedule ({\"url\"}); any earlier URL stops working. Events say only \"Trellis session\" unless includeDetails is true.");
        p.MapDelete("/calendar-feed", RevokeParticipantFeed).RequireAuthorization(Permissions.Anyone)
            .WithSummary("Turn off the participant's calendar URL.");

        var s = api.MapGroup("/staff/{id:guid}").WithTags("Schedules");
        s.MapGet("/schedule", StaffSchedule).RequireAuthorization(Permissions.AnyStaff)
            .WithSummary("The sessions a staff member facilitates and their appointments (participants only within your care team).");
        s.MapPost("/calendar-feed", IssueStaffFeed).RequireAuthorization(Permissions.AnyStaff)
            .WithSummary("A new secret calendar URL for your own schedule; any earlier URL stops working. Only the staff member themself (or an administrator) may do this.");
        s.MapDelete("/calendar-feed", RevokeStaffFeed).RequireAuthorization(Permissions.AnyStaff)
            .WithSummary("Turn off a staff member's calendar URL.");
        return api;
    }

    /// <summary>The from/to of a list endpoint: defaults from this week, to after from, at most 92 days.</summary>
    public static async Task<(DateOnly From, DateOnly To, ValidationProblem? Problem)> RangeAsync(TrellisDbContext db, DateOnly? from, DateOnly? to, int defaultDays, CancellationToken ct)
    {
        var start = from ?? ProgramClock.WeekStart(await ProgramClock.ClinicTodayAsync(db, ct));
        var end = to ?? start.AddDays(defaultDays - 1);
        if (end < start) return (start, end, Problems.Invalid("to", "to must be on or after from."));
        if (end.DayNumber - start.DayNumber >= SessionsApi.MaxRangeDays) return (start, end, Problems.Invalid("to", $"Ask for at most {SessionsApi.MaxRangeDays} days at a time."));
        return (start, end, null);
    }

    public static async Task<Results<Ok<List<ScheduleItem>>, ProblemHttpResult, ValidationProblem>> ParticipantSchedule(Guid id, DateOnly? from, DateOnly? to,
        TrellisDbContext db, CancellationToken ct)
    {
        var (start, end, problem) = await RangeAsync(db, from, to, 28, ct);
        if (problem is not null) return problem;
        if (!await db.Participants.AnyAsync(p => p.Id == id, ct)) return Problems.NotFound("participant");
        var items = await ScheduleQueries.ForParticipantAsync(db, id, start, end, ct);
        await db.AuditReadAsync("Schedule", [(id, id)], $"schedule {start:yyyy-MM-dd}..{end:yyyy-MM-dd}", ct);
        return TypedResults.Ok(items);
    }

    public static async Task<Results<Ok<IReadOnlyList<WeekHours>>, ProblemHttpResult, ValidationProblem>> WeeklyHoursFor(Guid id, DateOnly? from, DateOnly? to,
        TrellisDbContext db, CancellationToken ct)
    {
        var participant = await db.Participants.Include(p => p.Program).AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (participant is null) return Problems.NotFound("participant");
        var today = ProgramClock.Today(db.Now, participant.Program?.TimeZoneId);
        var start = from ?? ProgramClock.WeekStart(today).AddDays(-28);
        var end = to ?? ProgramClock.WeekStart(today).AddDays(6);
        if (end < start) return Problems.Invalid("to", "to must be on or after from.");
        if (end.DayNumber - start.DayNumber > 7 * 53) return Problems.Invalid("to", "Ask for at most a year of weeks at a time.");
        var weeks = await HoursQueries.ForParticipantAsync(db, participant, start, end, ct);
        await db.AuditReadAsync("WeeklyHours", [(id, id)], $"weekly hours {start:yyyy-MM-dd}..{end:yyyy-MM-dd}", ct);
        return TypedResults.Ok(weeks);
    }

    public static async Task<Results<Ok<List<ScheduleItem>>, ProblemHttpResult, ValidationProblem>> StaffSchedule(Guid id, DateOnly? from, DateOnly? to,
        TrellisDbContext db, CancellationToken ct)
    {
        var (start, end, problem) = await RangeAsync(db, from, to, 7, ct);
        if (problem is not null) return problem;
        if (!await db.Staff.AnyAsync(s => s.Id == id, ct)) return Problems.NotFound("staff member");
        var items = await ScheduleQueries.ForStaffAsync(db, id, start, end, ct);
        await db.AuditReadAsync(nameof(Appointment), items.Where(i => i.ParticipantId != null).Select(i => ((object)i.Id, i.ParticipantId)), "staff schedule", ct);
        return TypedResults.Ok(items);
    }

    public static async Task<Results<Ok<FeedUrl>, ProblemHttpResult>> IssueParticipantFeed(Guid id, FeedRequest? body, TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        if (!await db.Participants.AnyAsync(p => p.Id == id, ct)) return Problems.NotFound("participant");
        var details = body?.IncludeDetails ?? false;
        return TypedResults.Ok(new FeedUrl(await CalendarFeeds.IssueAsync(db, FeedOwner.Participant(id), details, BaseUrl(http), ct), details));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> RevokeParticipantFeed(Guid id, TrellisDbContext db, CancellationToken ct)
    {
        if (!await db.Participants.AnyAsync(p => p.Id == id, ct)) return Problems.NotFound("participant");
        if (await CalendarFeeds.RevokeAsync(db, FeedOwner.Participant(id), ct) == 0) return Problems.NotFound("calendar feed");
        db.Audit(Audit.AuditActions.Delete, nameof(CalendarFeed), id, id, detail: "calendar feed URL revoked");
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<FeedUrl>, ProblemHttpResult>> IssueStaffFeed(Guid id, FeedRequest? body, TrellisDbContext db, HttpContext http, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!await db.Staff.AnyAsync(s => s.Id == id, ct)) return Problems.NotFound("staff member");
        if (!MayManageStaffFeed(db.Me, id)) return Problems.Forbidden("A staff calendar URL can only be made by its owner.");
        var details = body?.IncludeDetails ?? false;
        return TypedResults.Ok(new FeedUrl(await CalendarFeeds.IssueAsync(db, FeedOwner.Staff(id), details, BaseUrl(http), ct), details));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> RevokeStaffFeed(Guid id, TrellisDbContext db, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!await db.Staff.AnyAsync(s => s.Id == id, ct)) return Problems.NotFound("staff member");
        if (!MayManageStaffFeed(db.Me, id)) return Problems.Forbidden("A staff calendar URL can only be turned off by its owner or an administrator.");
        if (await CalendarFeeds.RevokeAsync(db, FeedOwner.Staff(id), ct) == 0) return Problems.NotFound("calendar feed");
        db.Audit(Audit.AuditActions.Delete, nameof(CalendarFeed), id, null, detail: "calendar feed URL revoked");
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static bool MayManageStaffFeed(CurrentUser user, Guid staffId) =>
        user.IsInRole(Roles.Administrator) || user.StaffId == staffId;

    public static string BaseUrl(HttpContext http) => $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}";
}
