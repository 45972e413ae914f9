using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Trellis.Web.Data;

namespace Trellis.Web.Features.Auth;

/// <summary>Starts, checks and ends server-side sessions; builds the principal a request runs as.</summary>
public sealed class SessionService(TrellisDbContext db, UserManager<TrellisUser> users, IOptions<SecurityOptions> options)
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

    public Task<UserSession?> FindByTokenAsync(string token)
    {
        var hash = HashToken(token);
        return db.UserSessions.FirstOrDefaultAsync(s => s.TokenHash == hash && s.Kind == SessionKind.Api);
    }

    public Task<UserSession?> FindAsync(Guid id) => db.UserSessions.FirstOrDefaultAsync(s => s.Id == id);

    /// <summary>
    /// Checks a session on every request and returns the principal to run as, rebuilt from the
    /// database so that a role or program assignment change takes effect at once. Null ends access.
    /// </summary>
    public async Task<ClaimsPrincipal?> ValidateAsync(UserSession? session, string scheme)
    {
        if (session is null || session.RevokedAt is not null) return null;
        var now = db.Now;
        if (now >= session.ExpiresAt) { await RevokeAsync(session, "expired"); return null; }
        var user = await users.FindByIdAsync(session.UserId);
        if (user is null || user.IsDisabled) { await RevokeAsync(session, "account disabled"); return null; }
        var roles = await users.GetRolesAsync(user);
        var idle = Options.IdleTimeoutFor(roles.Contains(Roles.Participant) && roles.Count == 1);
        if (now - session.LastSeenAt > idle) { await RevokeAsync(session, "idle"); return null; }
        // Writing on every request would make every page view a write; a minute's resolution is plenty.
        if (now - session.LastSeenAt > TimeSpan.FromMinutes(1))
        {
            session.LastSeenAt = now;
            await db.SaveChangesAsync();
        }
        return await BuildPrincipalAsync(user, roles, session, scheme);
    }

    public async Task<ClaimsPrincipal> BuildPrincipalAsync(TrellisUser user, IList<string> roles, UserSession session, string scheme)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Id),
            new(ClaimTypes.Name, user.UserName ?? user.Email ?? user.Id),
            new(TrellisClaims.DisplayName, user.DisplayName),
            new(TrellisClaims.Session, session.Id.ToString()),
        };
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
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, ClaimTypes.Role));
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
        var now = db.Now;
        var open = await db.UserSessions.Where(s => s.UserId == userId && s.RevokedAt == null).ToListAsync(ct);
        foreach (var s in open) { s.RevokedAt = now; s.RevokedReason = reason; }
        await db.SaveChangesAsync(ct);
        return open.Count;
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
