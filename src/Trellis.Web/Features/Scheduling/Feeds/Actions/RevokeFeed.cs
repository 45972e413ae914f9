namespace Trellis.Web.Features.Scheduling.Actions;

/// <summary>Turn off a calendar URL: the participant or their care team, a staff member or an administrator. Called by the calendar panels and DELETE …/calendar-feed.</summary>
public static class RevokeFeed
{
    public static async Task<Result<int>> RunAsync(TrellisDbContext db, FeedOwner owner, CancellationToken ct = default)
    {
        if (await FeedOwners.RefuseAsync(db, owner, issuing: false, ct) is { } refused) return refused;
        var revoked = await CalendarFeeds.RevokeAsync(db, owner, ct);
        if (revoked == 0) return Refusal.NotFound("calendar feed");
        db.Audit(Audit.AuditActions.Delete, nameof(CalendarFeed), owner.ParticipantId ?? owner.StaffMemberId, owner.ParticipantId, detail: "calendar feed URL revoked");
        await db.SaveChangesAsync(ct);
        return revoked;
    }
}
