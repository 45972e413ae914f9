using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Scheduling.Actions;

namespace Trellis.Web.Features.Scheduling;

/// <summary>
/// A person's schedule, weekly hours and calendar feed: /api/participants/{id}/… (the participant
/// themself or their care team) and /api/staff/{id}/… (any staff for the schedule; the feed only
/// for its owner). Thin adapters over the shared reads and the feed actions.
/// </summary>
public static class ScheduleApi
{
    public static RouteGroupBuilder MapScheduleApi(this RouteGroupBuilder api)
    {
        var p = api.MapGroup("/participants/{id:guid}").WithTags("Schedules");
        p.MapGet("/schedule", ParticipantSchedule).RequireAuthorization(Permissions.Anyone)
            .WithSummary("The participant's group sessions and appointments between two days (at most 92; default this week and the next three).");
        p.MapGet("/weekly-hours", WeeklyHoursFor).RequireAuthorization(Permissions.Anyone)
            .WithSummary("One entry a week (Monday first): weekStart, plannedHours, attendedHours, minimumHours, belowMinimum, notHeldBecause. Only the program's counted service types count. belowMinimum is attended hours for a finished week, planned hours for this week and later ones, and only for a week the participant is held to the minimum (enrolled the whole week and not on hold); notHeldBecause says why not.");
        p.MapPost("/calendar-feed", IssueParticipantFeed).RequireAuthorization(Permissions.Anyone)
            .WithSummary("A new secret calendar URL for the participant's schedule ({\"url\"}); any earlier URL stops working. Events say only \"Trellis session\" unless includeDetails is true.");
        p.MapDelete("/calendar-feed", RevokeParticipantFeed).RequireAuthorization(Permissions.Anyone)
            .WithSummary("Turn off the participant's calendar URL.");

        var s = api.MapGroup("/staff/{id:guid}").WithTags("Schedules");
        s.MapGet("/schedule", StaffSchedule).RequireAuthorization(Permissions.AnyStaff)
            .WithSummary("The sessions a staff member facilitates and their appointments (participants only within your care team).");
        s.MapPost("/calendar-feed", IssueStaffFeed).RequireAuthorization(Permissions.AnyStaff)
            .WithSummary("A new secret calendar URL for your own schedule; any earlier URL stops working. Only the staff member themself may do this. The feed holds what they could open in the app, and never the name of a participant of a Part 2 program.");
        s.MapDelete("/calendar-feed", RevokeStaffFeed).RequireAuthorization(Permissions.AnyStaff)
            .WithSummary("Turn off a staff member's calendar URL (its owner or an administrator).");
        return api;
    }

    public static async Task<Results<Ok<List<ScheduleItem>>, ProblemHttpResult>> ParticipantSchedule(Guid id, DateOnly? from, DateOnly? to,
        TrellisDbContext db, CancellationToken ct)
    {
        var (range, refused) = await DateRange.ReadAsync(db, from, to, 28, ct);
        if (refused is not null) return refused.ToProblem();
        if (!await db.Participants.AnyAsync(p => p.Id == id, ct)) return Refusal.NotFound("participant").ToProblem();
        var items = await ScheduleQueries.ForParticipantAsync(db, id, range.From, range.To, ct);
        await db.AuditReadAsync("Schedule", [(id, id)], $"schedule {range.From:yyyy-MM-dd}..{range.To:yyyy-MM-dd}", ct);
        return TypedResults.Ok(items);
    }

    public static async Task<Results<Ok<IReadOnlyList<WeekHours>>, ProblemHttpResult>> WeeklyHoursFor(Guid id, DateOnly? from, DateOnly? to,
        TrellisDbContext db, CancellationToken ct)
    {
        var participant = await db.Participants.Include(p => p.Program).AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (participant is null) return Refusal.NotFound("participant").ToProblem();
        var week = ProgramClock.WeekStart(participant.Today(db.Now));
        var start = from ?? week.AddDays(-28);
        var end = to ?? week.AddDays(6);
        if (end < start) return Refusal.Invalid("to", "to must be on or after from.").ToProblem();
        if (end.DayNumber - start.DayNumber > 7 * 53) return Refusal.Invalid("to", "Ask for at most a year of weeks at a time.").ToProblem();
        var weeks = await HoursQueries.ForParticipantAsync(db, participant, start, end, ct);
        await db.AuditReadAsync("WeeklyHours", [(id, id)], $"weekly hours {start:yyyy-MM-dd}..{end:yyyy-MM-dd}", ct);
        return TypedResults.Ok(weeks);
    }

    public static async Task<Results<Ok<List<ScheduleItem>>, ProblemHttpResult>> StaffSchedule(Guid id, DateOnly? from, DateOnly? to,
        TrellisDbContext db, CancellationToken ct)
    {
        var (range, refused) = await DateRange.ReadAsync(db, from, to, 7, ct);
        if (refused is not null) return refused.ToProblem();
        if (!await db.Staff.AnyAsync(s => s.Id == id, ct)) return Refusal.NotFound("staff member").ToProblem();
        var items = await ScheduleQueries.ForStaffAsync(db, id, range.From, range.To, ct);
        await db.AuditReadAsync(nameof(Appointment), items.Where(i => i.ParticipantId != null).Select(i => ((object)i.Id, i.ParticipantId)), "staff schedule", ct);
        return TypedResults.Ok(items);
    }

    public static Task<Results<Ok<FeedUrl>, ProblemHttpResult>> IssueParticipantFeed(Guid id, FeedRequest? body, TrellisDbContext db, HttpContext http, CancellationToken ct) =>
        IssueAsync(FeedOwner.Participant(id), body, db, http, ct);

    public static Task<Results<NoContent, ProblemHttpResult>> RevokeParticipantFeed(Guid id, TrellisDbContext db, CancellationToken ct) =>
        RevokeAsync(FeedOwner.Participant(id), db, ct);

    public static Task<Results<Ok<FeedUrl>, ProblemHttpResult>> IssueStaffFeed(Guid id, FeedRequest? body, TrellisDbContext db, HttpContext http, CancellationToken ct) =>
        IssueAsync(FeedOwner.Staff(id), body, db, http, ct);

    public static Task<Results<NoContent, ProblemHttpResult>> RevokeStaffFeed(Guid id, TrellisDbContext db, CancellationToken ct) =>
        RevokeAsync(FeedOwner.Staff(id), db, ct);

    private static async Task<Results<Ok<FeedUrl>, ProblemHttpResult>> IssueAsync(FeedOwner owner, FeedRequest? body, TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        var (url, refused) = await IssueFeed.RunAsync(db, owner, body ?? new(null), $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}", ct);
        return refused is not null ? refused.ToProblem() : TypedResults.Ok(url!);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(FeedOwner owner, TrellisDbContext db, CancellationToken ct) =>
        (await RevokeFeed.RunAsync(db, owner, ct)).Refusal is { } refused ? refused.ToProblem() : TypedResults.NoContent();
}
