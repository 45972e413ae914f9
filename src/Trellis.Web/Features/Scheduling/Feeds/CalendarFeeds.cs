using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;
using Trellis.Web.Features.Audit;

namespace Trellis.Web.Features.Scheduling;

/// <summary>Whose schedule a feed serves.</summary>
public readonly record struct FeedOwner(Guid? ParticipantId, Guid? StaffMemberId)
{
    public static FeedOwner Participant(Guid id) => new(id, null);
    public static FeedOwner Staff(Guid id) => new(null, id);
}

/// <summary>Issuing, revoking and resolving secret calendar feed URLs.</summary>
public static class CalendarFeeds
{
    public const string PathPrefix = "/calendar/";

    /// <summary>
    /// A new secret URL for the owner; any earlier one stops working at once. The secret is shown
    /// this once: only its hash is kept, so a lost URL is replaced, never recovered.
    /// </summary>
    public static async Task<string> IssueAsync(TrellisDbContext db, FeedOwner owner, bool includeDetails, string baseUrl, CancellationToken ct = default)
    {
        await RevokeAsync(db, owner, ct);
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        db.Add(new CalendarFeed { ParticipantId = owner.ParticipantId, StaffMemberId = owner.StaffMemberId, TokenHash = Hash(token), IncludeDetails = includeDetails });
        db.Audit(AuditActions.Create, nameof(CalendarFeed), owner.ParticipantId ?? owner.StaffMemberId, owner.ParticipantId, detail: "calendar feed URL issued; earlier URLs revoked");
        await db.SaveChangesAsync(ct);
        return $"{baseUrl.TrimEnd('/')}{PathPrefix}{token}.ics";
    }

    public static async Task<int> RevokeAsync(TrellisDbContext db, FeedOwner owner, CancellationToken ct = default)
    {
        var live = await Live(db, owner).ToListAsync(ct);
        foreach (var f in live) { f.RevokedAt = db.Now; f.RevokedBy = db.Actor.UserName; }
        return live.Count;
    }

    public static Task<CalendarFeed?> CurrentAsync(TrellisDbContext db, FeedOwner owner, CancellationToken ct = default) =>
        Live(db, owner).AsNoTracking().FirstOrDefaultAsync(ct);

    public static async Task<CalendarFeed?> FindAsync(TrellisDbContext db, string token, CancellationToken ct = default)
    {
        var hash = Hash(token);
        return await db.Set<CalendarFeed>().FirstOrDefaultAsync(f => f.TokenHash == hash, ct);
    }

    private static IQueryable<CalendarFeed> Live(TrellisDbContext db, FeedOwner owner) =>
        db.Set<CalendarFeed>().Where(f => f.RevokedAt == null
            && ((owner.ParticipantId != null && f.ParticipantId == owner.ParticipantId) || (owner.StaffMemberId != null && f.StaffMemberId == owner.StaffMemberId)));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
