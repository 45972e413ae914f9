using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;
using Trellis.Web.Features.Audit;

namespace Trellis.Web.Features.Scheduling;

/// <summary>
/// GET /calendar/{token}.ics: the feed a calendar app subscribes to. The secret in the URL is the
/// only credential (calendar apps cannot sign in), so every request is audited, success or not, and
/// a revoked or unknown token answers with a plain sentence and never says whose it was.
/// </summary>
public static class FeedEndpoint
{
    public const int PastDays = 28;
    public const int FutureDays = 90;

    public static void MapCalendarFeed(this IEndpointRouteBuilder app) =>
        app.MapGet(CalendarFeeds.PathPrefix + "{token}", ServeAsync).AllowAnonymous().ExcludeFromDescription()
            .RequireRateLimiting(Infrastructure.RateLimits.Scoring);

    public static async Task<IResult> ServeAsync(string token, TrellisDbContext db, CancellationToken ct)
    {
        db.ActAs(AccessScope.System, Actor.System("calendar-feed") with { ClientAddress = db.Actor.ClientAddress });
        var secret = token.EndsWith(".ics", StringComparison.OrdinalIgnoreCase) ? token[..^4] : token;
        var feed = secret.Length is > 20 and < 100 ? await CalendarFeeds.FindAsync(db, secret, ct) : null;
        if (feed is null || feed.RevokedAt is not null)
        {
            db.Audit(AuditActions.Read, nameof(CalendarFeed), feed?.Id, feed?.ParticipantId,
                feed is null ? "Failure: unknown token" : "Failure: revoked token", "calendar feed");
            await db.SaveChangesAsync(ct);
            return feed is null
                ? Results.Text("This calendar link is not valid. Open Trellis and copy your calendar link again.", "text/plain", statusCode: 404)
                : Results.Text("This calendar link was turned off and replaced. Open Trellis and subscribe to your new calendar link.", "text/plain", statusCode: 410);
        }

        var today = DateOnly.FromDateTime(db.Now.UtcDateTime);
        var from = today.AddDays(-PastDays);
        var to = today.AddDays(FutureDays);
        List<ScheduleItem> items;
        string name;
        if (feed.ParticipantId is { } pid)
        {
            items = await ScheduleQueries.ForParticipantAsync(db, pid, from, to, ct);
            name = "My Trellis schedule";
        }
        else
        {
            items = await ScheduleQueries.ForStaffAsync(db, feed.StaffMemberId!.Value, from, to, ct);
            name = "Trellis: my sessions";
        }
        feed.LastUsedAt = db.Now;
        db.Audit(AuditActions.Read, nameof(CalendarFeed), feed.Id, feed.ParticipantId,
            detail: $"calendar feed: {items.Count} events{(feed.IncludeDetails ? " with details" : "")}");
        await db.SaveChangesAsync(ct);
        return Results.Text(ICalendarWriter.Write(items, name, feed.IncludeDetails, db.Now), "text/calendar; charset=utf-8");
    }
}
