using System.Linq.Expressions;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Trellis.Web.Data;

namespace Trellis.Web.Features.Auth;

/// <summary>Starts, checks and ends server-side sessions; builds the principal a request runs as.</summary>
public sealed class SessionService(TrellisDbContext db, UserManager<TrellisUser> users, IOptions<SecurityOptions> options,
    IEnumerable<IPrincipalClaims> contributors, PrincipalCache cache)
{
    private SecurityOptions Options => options.Value;

    public async Task<UserSession> StartBrowserSessionAsync(TrellisUser user, HttpContext http)
    {
        var session = NewSession(user, SessionKind.Browser, http, TimeSpan.FromHours(Options.SessionMaxHours));
        db.UserSessions.Add(session);
        await db.SaveChangesAsync();
        return session;
    }

    public async Task<(UserSession Session, string Token)> StartApiSessionAsync(TrellisUser user, HttpContext http)
    {
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        var session = NewSession(user, SessionKind.Api, http, TimeSpan.FromMinutes(Options.ApiTokenMinutes));
        session.TokenHash = HashToken(token);
        db.UserSessions.Add(session);
        await db.SaveChangesAsync();
        return (session, token);
    }

    private UserSession NewSession(TrellisUser user, SessionKind kind, HttpContext http, TimeSpan lifetime)
    {
        var now = db.Now;
        return new UserSession
        {
            UserId = user.Id, Kind = kind, CreatedAt = now, LastSeenAt = now, ExpiresAt = now + lifetime,
            ClientAddress = http.Connection.RemoteIpAddress?.ToString(),
            UserAgent = http.Request.Headers.UserAgent.ToString() is { Length: > 300 } ua ? ua[..300] : http.Request.Headers.UserAgent.ToString(),
        };
    }

    public static string HashToken(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>A token is 32 random bytes in base64url: 43 characters of [A-Za-z0-9_-].</summary>
    public static bool LooksLikeToken(string token) =>
        token.Length == 43 && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    public Task<UserSession?> FindAsync(Guid id) => db.UserSessions.FirstOrDefaultAsync(s => s.Id == id);

    /// <summary>The browser session a cookie names, checked (see <see cref="ValidateAsync(Expression{Func{UserSession, bool}}, string)"/>).</summary>
    public Task<ClaimsPrincipal?> ValidateAsync(Guid sessionId, string scheme) => ValidateAsync(s => s.Id == sessionId, scheme);

    /// <summary>The API session an access token belongs to, checked.</summary>
    public Task<ClaimsPrincipal?> ValidateTokenAsync(string token, string scheme)
    {
        var hash = HashToken(token);
        return ValidateAsync(s => s.TokenHash == hash && s.Kind == SessionKind.Api, scheme);
    }

    /// <summary>
    /// Checks a session on every request and returns the principal to run as; null ends access. The session row
    /// and the <see cref="AccessStamp"/> are read together on every request, so signing out, revoking and idling
    /// end access at once; the principal is rebuilt from the database when anything it comes from has changed
    /// (on any node), and otherwise taken from this node's <see cref="PrincipalCache"/>.
    /// </summary>
    private async Task<ClaimsPrincipal?> ValidateAsync(Expression<Func<UserSession, bool>> which, string scheme)
    {
        var found = await db.UserSessions.Where(which)
            .Select(s => new { Session = s, Stamp = db.Set<AccessStamp>().Select(a => a.Value).FirstOrDefault() })
            .FirstOrDefaultAsync();
        if (found?.Session is not { RevokedAt: null } session) return null;
        var now = db.Now;
        if (now >= session.ExpiresAt) { await RevokeAsync(session, "expired"); return null; }
        var entry = cache.Find(session.Id, found.Stamp, now);
        if (entry is null)
        {
            var user = await users.FindByIdAsync(session.UserId);
            if (user is null || user.IsDisabled) { await RevokeAsync(session, "account disabled"); return null; }
            var roles = await users.GetRolesAsync(user);
            var (claims, until) = await BuildClaimsAsync(user, roles, session);
            entry = new PrincipalCache.Entry(found.Stamp, claims, roles.Contains(Roles.Participant) && roles.Count == 1, until);
            cache.Keep(session.Id, entry);
        }
        if (now - session.LastSeenAt > Options.IdleTimeoutFor(entry.ParticipantOnly)) { await RevokeAsync(session, "idle"); return null; }
        // Writing on every request would make every page view a write; a minute's resolution is plenty.
        if (now - session.LastSeenAt > TimeSpan.FromMinutes(1))
        {
            session.LastSeenAt = now;
            await db.SaveChangesAsync();
        }
        return new ClaimsPrincipal(new ClaimsIdentity(entry.Claims, scheme, ClaimTypes.Name, ClaimTypes.Role));
    }

    public async Task<ClaimsPrincipal> BuildPrincipalAsync(TrellisUser user, IList<string> roles, UserSession session, string scheme)
    {
        var (claims, _) = await BuildClaimsAsync(user, roles, session);
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, ClaimTypes.Role));
    }

    /// <summary>
    /// The claims of a person's app (a SMART app launch token, Features/Smart), built exactly as a session's but
    /// without one; null when the account is disabled or gone. Like a session's, they are kept in this node's
    /// <see cref="PrincipalCache"/> under the <see cref="AccessStamp"/> read here, so any change to what they come
    /// from (on any node) rebuilds them at the next request. A fresh list: the caller adds the token's own claims.
    /// </summary>
    public async Task<List<Claim>?> ClaimsForAppAsync(string userId)
    {
        var stamp = await db.Set<AccessStamp>().Select(a => a.Value).FirstOrDefaultAsync();
        var key = PrincipalCache.AppKey(userId);
        if (cache.Find(key, stamp, db.Now) is not { } entry)
        {
            var user = await users.FindByIdAsync(userId);
            if (user is null || user.IsDisabled) return null;
            var roles = await users.GetRolesAsync(user);
            var (claims, until) = await BuildClaimsAsync(user, roles, null);
            entry = new PrincipalCache.Entry(stamp, claims, roles.Contains(Roles.Participant) && roles.Count == 1, until);
            cache.Keep(key, entry);
        }
        return [.. entry.Claims];
    }

    /// <summary>The principal's claims, and the time they change by themselves (null: only when the data changes).</summary>
    private async Task<(List<Claim> Claims, DateTimeOffset? Until)> BuildClaimsAsync(TrellisUser user, IList<string> roles, UserSession? session)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Id),
            new(ClaimTypes.Name, user.UserName ?? user.Email ?? user.Id),
            new(TrellisClaims.DisplayName, user.DisplayName),
        };
        if (session is not null) claims.Add(new(TrellisClaims.Session, session.Id.ToString()));
        claims.AddRange(roles.Select(r => new Claim(ClaimTypes.Role, r)));
        // The principal is what the scope is built from, so these reads cannot go through the scope
        // filters themselves (nobody is signed in yet while they run).
        if (user.ParticipantId is { } p)
        {
            claims.Add(new(TrellisClaims.Participant, p.ToString()));
            var own = await db.Participants.IgnoreQueryFilters([TrellisDbContext.ScopeFilter]).Where(x => x.Id == p).Select(x => (Guid?)x.ProgramId).FirstOrDefaultAsync();
            if (own is { } program) claims.Add(new(TrellisClaims.ParticipantProgram, program.ToString()));
        }
        if (user.StaffMemberId is { } s)
        {
            claims.Add(new(TrellisClaims.Staff, s.ToString()));
            var programs = await db.StaffProgramAssignments.Where(a => a.StaffMemberId == s).Select(a => a.ProgramId).ToListAsync();
            claims.AddRange(programs.Select(id => new Claim(TrellisClaims.Program, id.ToString())));
        }
        DateTimeOffset? until = null;
        foreach (var contributor in contributors)
            if (await contributor.AddAsync(db, user, claims) is { } changes && (until is null || changes < until)) until = changes;
        return (claims, until);
    }

    public async Task RevokeAsync(UserSession session, string reason)
    {
        if (session.RevokedAt is not null) return;
        session.RevokedAt = db.Now;
        session.RevokedReason = reason;
        await db.SaveChangesAsync();
    }

    /// <summary>Ends every session and token of an account: on disabling it, a password reset, or "sign out everywhere".</summary>
    public Task<int> RevokeAllAsync(string userId, string reason) => RevokeAllAsync(db, userId, reason);

    /// <summary>As above, for actions that are handed the context rather than this service.</summary>
    public static async Task<int> RevokeAllAsync(TrellisDbContext db, string userId, string reason, CancellationToken ct = default)
    {
        var ended = await MarkEndedAsync(db, userId, except: null, reason, ct);
        await db.SaveChangesAsync(ct);
        return ended;
    }

    /// <summary>
    /// Ends every other session and token of an account when what proves it is you changes (a new password, a passkey
    /// removed, two-factor turned off): whoever held the old proof may hold one of them. The session the change is made
    /// from stays. Marks the rows only; the caller saves them with its change and its audit entry, in one transaction.
    /// </summary>
    public static Task<int> EndOtherSessionsAsync(TrellisDbContext db, string userId, string reason, CancellationToken ct = default) =>
        MarkEndedAsync(db, userId, except: db.Me.SessionId, reason, ct);

    /// <summary>Marks an account's open sessions (all but <paramref name="except"/>) ended, unsaved; returns how many.</summary>
    private static async Task<int> MarkEndedAsync(TrellisDbContext db, string userId, Guid? except, string reason, CancellationToken ct)
    {
        var now = db.Now;
        var open = await db.UserSessions.Where(s => s.UserId == userId && s.RevokedAt == null && (except == null || s.Id != except)).ToListAsync(ct);
        foreach (var s in open) { s.RevokedAt = now; s.RevokedReason = reason; }
        return open.Count;
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>
/// A feature's part of the principal the session check builds (for example the charts a staff member holds
/// emergency access to), so that what the scope is built from stays in one place: the session check. Register the
/// entity it reads as a <see cref="PrincipalSource"/>, so a change to it reaches every node's next request; return
/// the time the claims change by themselves (a grant's expiry), or null.
/// </summary>
public interface IPrincipalClaims
{
    Task<DateTimeOffset?> AddAsync(TrellisDbContext db, TrellisUser user, List<Claim> claims);
}
