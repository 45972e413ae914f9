using System.Security.Claims;
using Trellis.Web.Features.Auth;

namespace Trellis.Web.Data;

/// <summary>
/// Which participants the caller may see. Built from the signed-in principal, whose program
/// claims are refreshed from the database on every request (see SessionValidator), and applied by
/// the context's query filters so that no query can forget it.
/// </summary>
public sealed record AccessScope(bool All, Guid[] ProgramIds, Guid? ParticipantId)
{
    public static readonly AccessScope None = new(false, [], null);
    /// <summary>For start-up work (migrations, demo data, CLI commands): sees everything.</summary>
    public static readonly AccessScope System = new(true, [], null);

    public static AccessScope FromPrincipal(ClaimsPrincipal? user)
    {
        if (user?.Identity?.IsAuthenticated != true) return None;
        if (user.IsInRole(Roles.Administrator)) return System;
        var programs = user.FindAll(TrellisClaims.Program)
            .Select(c => Guid.TryParse(c.Value, out var id) ? id : Guid.Empty)
            .Where(id => id != Guid.Empty).Distinct().ToArray();
        Guid? self = Guid.TryParse(user.FindFirstValue(TrellisClaims.Participant), out var p) ? p : null;
        return new AccessScope(false, programs, self);
    }
}

public static class TrellisClaims
{
    public const string Session = "trellis:sid";
    public const string Program = "trellis:program";
    public const string Staff = "trellis:staff";
    public const string Participant = "trellis:participant";
    public const string DisplayName = "trellis:name";
}

/// <summary>Who is acting, as written into the audit trail.</summary>
public sealed record Actor(string? UserId, string? UserName, string? Role, string? ClientAddress)
{
    public static Actor System(string what) => new(null, "system:" + what, null, null);

    public static Actor FromHttp(HttpContext? http)
    {
        if (http is null) return new Actor(null, null, null, null);
        var user = http.User;
        var address = http.Connection.RemoteIpAddress?.ToString();
        if (user.Identity?.IsAuthenticated != true) return new Actor(null, null, null, address);
        var roles = string.Join(",", user.FindAll(ClaimTypes.Role).Select(c => c.Value));
        return new Actor(user.FindFirstValue(ClaimTypes.NameIdentifier), user.Identity.Name, roles, address);
    }
}
