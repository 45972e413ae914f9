using System.Security.Claims;
using System.Text.RegularExpressions;

namespace Trellis.Web.Features.Smart;

/// <summary>
/// A SMART v2 resource scope: <c>patient|user|system / Type|* . cruds</c> (v1's <c>.read</c> is read as <c>.rs</c>).
/// The other scopes Trellis grants (<c>openid</c>, <c>fhirUser</c>, <c>launch/patient</c>, <c>offline_access</c>) are not
/// resource scopes and parse to null.
/// </summary>
public sealed partial record SmartScope(string Context, string Type, string Permissions)
{
    public const string ClaimType = "trellis:smart-scope";
    public const string ClientClaim = "trellis:smart-client";
    public const string KindClaim = "trellis:smart-kind";

    /// <summary>Scopes that are not about resources, which an app may ask for.</summary>
    public static readonly string[] AppExtras = ["openid", "fhirUser", "launch/patient", "offline_access"];

    [GeneratedRegex(@"^(patient|user|system)/(\*|[A-Z][A-Za-z]{1,63})\.(c?r?u?d?s?|read|\*)$")]
    private static partial Regex Shape();

    public static SmartScope? Parse(string scope)
    {
        var m = Shape().Match(scope);
        if (!m.Success || m.Groups[3].Value.Length == 0) return null;
        var permissions = m.Groups[3].Value switch { "read" => "rs", "*" => "cruds", var p => p };
        return new SmartScope(m.Groups[1].Value, m.Groups[2].Value, permissions);
    }

    public static IReadOnlyList<SmartScope> ParseAll(string? scopes) =>
        [.. (scopes ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Parse).OfType<SmartScope>()];

    /// <summary>Whether this (registered) scope grants everything <paramref name="asked"/> asks.</summary>
    public bool Covers(SmartScope asked) =>
        asked.Context == Context && (Type == "*" || Type == asked.Type) && asked.Permissions.All(Permissions.Contains);

    public bool Allows(string type, char interaction) => (Type == "*" || Type == type) && Permissions.Contains(interaction);

    public override string ToString() => $"{Context}/{Type}.{Permissions}";

    /// <summary>
    /// Whether the caller's SMART token lets it do <paramref name="interaction"/> ('r' read, 's' search, 'c' create) on
    /// <paramref name="type"/>. A caller without a SMART token (a session token of POST /api/auth/login) is not narrowed here.
    /// </summary>
    public static bool Permits(ClaimsPrincipal principal, string type, char interaction)
    {
        if (principal.FindFirst(ClientClaim) is null) return true;
        return principal.FindAll(ClaimType).Select(c => Parse(c.Value)).Any(s => s is not null && s.Allows(type, interaction));
    }

    /// <summary>The SMART client a request came through, for the audit trail; null for a session token.</summary>
    public static string? ClientOf(ClaimsPrincipal principal) => principal.FindFirst(ClientClaim)?.Value;
}
