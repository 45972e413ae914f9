namespace Trellis.Web.Features.Scheduling.Actions;

/// <summary>A new secret calendar URL, shown once.</summary>
public sealed record FeedUrl(string Url, bool IncludeDetails);

/// <summary>Whether a new calendar URL shows session names and who runs them.</summary>
public sealed record FeedRequest(bool? IncludeDetails);

/// <summary>
/// Make a new secret calendar URL for a participant's schedule (the participant themself or their care
/// team) or for a staff member's own sessions (only they: the URL is their credential); any earlier URL
/// stops working. Called by the calendar panels and POST …/calendar-feed.
/// </summary>
public static class IssueFeed
{
    public static async Task<Result<FeedUrl>> RunAsync(TrellisDbContext db, FeedOwner owner, FeedRequest input, string baseUrl, CancellationToken ct = default)
    {
        if (await FeedOwners.RefuseAsync(db, owner, issuing: true, ct) is { } refused) return refused;
        var details = input.IncludeDetails ?? false;
        return new FeedUrl(await CalendarFeeds.IssueAsync(db, owner, details, baseUrl, ct), details);
    }
}
