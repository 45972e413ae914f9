using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;
using Trellis.Web.Features.Audit;
using Trellis.Web.Features.Auth;

namespace Trellis.Web.Features.Scheduling;

/// <summary>
/// GET /calendar/{token}.ics: the feed a calendar app subscribes to. The secret in the URL is the
/// only credential (calendar apps cannot sign in), so every request is audited, success or not, and
/// a revoked or unknown token answers with a plain sentence and never says whose it was. The feed is
/// built with its owner's scope, never more: a staff member's feed holds what they could open in the
/// app (their programs, today, not when the link was made), a participant's feed only their own schedule.
/// </summary>
public static class FeedEndpoint
{
    public const int PastDays = 28;
    public const int FutureDays = 90;

    public static void MapCalendarFeed(this IEndpointRouteBuilder app) =>
        app.MapGet(CalendarFeeds.PathPrefix + "{token}", ServeAsync).AllowAnonymous().ExcludeFromDescription()
            .RequireRateLimiting(Infrastructure.RateLimits.Scoring);

    public static async Task<IResult> ServeAsync(string token, TrellisDbContext db, Mail.PublicLinks links, CancellationToken ct)
    {
        // Finding the feed and its owner needs the whole clinic; building the feed does not.
        var actor = Actor.System("calendar-feed") with { ClientAddress = db.Actor.ClientAddress };
        db.ActAs(AccessScope.System, actor);
        var secret = token.EndsWith(".ics", StringComparison.OrdinalIgnoreCase) ? token[..^4] : token;
        var feed = secret.Length is > 20 and < 100 ? await CalendarFeeds.FindAsync(db, secret, ct) : null;
        var owner = feed is { RevokedAt: null } ? await OwnerScopeAsync(db, feed, ct) : null;
        if (feed is null || owner is null)
        {
            db.Audit(AuditActions.Read, nameof(CalendarFeed), feed?.Id, feed?.ParticipantId,
                feed is null ? "Failure: unknown token" : feed.RevokedAt is not null ? "Failure: revoked token" : "Failure: owner cannot sign in", "calendar feed");
            await db.SaveChangesAsync(ct);
            return feed is null ? Results.Text("This calendar link is not valid. Open Trellis and copy your calendar link again.", "text/plain", statusCode: 404)
                : feed.RevokedAt is not null ? Results.Text("This calendar link was turned off and replaced. Open Trellis and subscribe to your new calendar link.", "text/plain", statusCode: 410)
                : Results.Text("This calendar link no longer works. Sign in to Trellis to make a new one.", "text/plain", statusCode: 410);
        }

        var today = await ProgramClock.ClinicTodayAsync(db, ct);
        db.ActAs(owner, actor);
        var (from, to) = (today.AddDays(-PastDays), today.AddDays(FutureDays));
        var items = feed.ParticipantId is { } pid
            // A participant's video visits link to their portal page (telehealth consent, location, the window), never to the room.
            ? (await ScheduleQueries.ForParticipantAsync(db, pid, from, to, ct)).Select(i => i.TelehealthUrl is null ? i
                : i with { TelehealthUrl = links.To($"/my/video/{(i.Kind == ScheduleItemKind.GroupSession ? "sessions" : "appointments")}/{i.Id}") }).ToList()
            : await ScheduleQueries.ForStaffAsync(db, feed.StaffMemberId!.Value, from, to, ct);
        feed.LastUsedAt = db.Now;
        db.Audit(AuditActions.Read, nameof(CalendarFeed), feed.Id, feed.ParticipantId,
            detail: $"calendar feed: {items.Count} events{(feed.IncludeDetails ? " with details" : "")}");
        await db.SaveChangesAsync(ct);
        var name = feed.ParticipantId is null ? "Trellis: my sessions" : "My Trellis schedule";
        return Results.Text(ICalendarWriter.Write(items, name, feed.IncludeDetails, db.Now), "text/calendar; charset=utf-8");
    }

    /// <summary>
    /// What the feed's owner could open in the app now: a participant their own record and their program's
    /// schedule; a staff member the programs they are assigned to (everything for an administrator). Null
    /// when the owner could not sign in (chart deleted, staff member inactive, account missing or disabled).
    /// </summary>
    public static async Task<AccessScope?> OwnerScopeAsync(TrellisDbContext db, CalendarFeed feed, CancellationToken ct)
    {
        if (feed.ParticipantId is { } pid)
            return await db.Participants.Where(p => p.Id == pid).Select(p => (Guid?)p.ProgramId).FirstOrDefaultAsync(ct) is { } program
                ? new AccessScope(false, [], pid, program) : null;
        var staff = await db.Staff.Where(s => s.Id == feed.StaffMemberId && s.IsActive && s.UserId != null)
            .Select(s => new { s.UserId, Programs = s.Programs.Select(a => a.ProgramId).ToList() }).FirstOrDefaultAsync(ct);
        if (staff is null || !await db.Users.AnyAsync(u => u.Id == staff.UserId && !u.IsDisabled, ct)) return null;
        var administrator = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id
                                   where ur.UserId == staff.UserId && r.Name == Roles.Administrator select ur.UserId).AnyAsync(ct);
        return new AccessScope(administrator, [.. staff.Programs], null);
    }
}
