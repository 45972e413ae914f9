using System.Security.Claims;
using Trellis.Web.Features.Auth;

namespace Trellis.Web.Data;

/// <summary>
/// The one answer to "who is calling": read once from the signed-in principal (which the session check
/// rebuilds from the database on every request), and the source of both the care-team scope the query
/// filters apply and the actor the audit trail names. Pages, endpoints and actions ask this, never the
/// claims themselves. Injected as a scoped service; a context's own is <see cref="TrellisDbContext.Me"/>.
/// </summary>
public sealed class CurrentUser
{
    private readonly HashSet<string> roles;

    private CurrentUser(ClaimsPrincipal principal, string? clientAddress)
    {
        Principal = principal;
        ClientAddress = clientAddress;
        IsSignedIn = principal.Identity?.IsAuthenticated == true;
        roles = IsSignedIn ? principal.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal) : [];
        if (!IsSignedIn) return;
        UserId = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        UserName = principal.Identity!.Name;
        DisplayName = principal.FindFirstValue(TrellisClaims.DisplayName) ?? UserName ?? "unknown";
        StaffId = GuidClaim(principal, TrellisClaims.Staff);
        ParticipantId = GuidClaim(principal, TrellisClaims.Participant);
        ParticipantProgramId = GuidClaim(principal, TrellisClaims.ParticipantProgram);
        SessionId = GuidClaim(principal, TrellisClaims.Session);
        ProgramIds = GuidClaims(principal, TrellisClaims.Program);
        EmergencyCharts = GuidClaims(principal, TrellisClaims.EmergencyChart);
        EmergencyPrograms = GuidClaims(principal, TrellisClaims.EmergencyProgram);
        SupportedParticipantIds = GuidClaims(principal, TrellisClaims.Supports);
        Recipient = principal.FindFirstValue(TrellisClaims.Recipient);
        RecipientPurpose = principal.FindFirstValue(TrellisClaims.RecipientPurpose);
        DisclosurePrograms = GuidClaims(principal, TrellisClaims.DisclosureProgram);
        foreach (var claim in principal.FindAll(TrellisClaims.DisclosureConsent))
            if (claim.Value.Split(' ') is [var p, var c] && Guid.TryParse(p, out var participant) && Guid.TryParse(c, out var consent))
                disclosureConsents[participant] = consent;
    }

    private CurrentUser(string systemWhat, string displayName, Guid? staffId)
    {
        Principal = new ClaimsPrincipal(new ClaimsIdentity());
        roles = [];
        UserName = "system:" + systemWhat;
        DisplayName = displayName;
        StaffId = staffId;
        IsSystem = true;
    }

    public ClaimsPrincipal Principal { get; }
    public bool IsSignedIn { get; }
    /// <summary>Start-up work, CLI commands and background jobs: sees everything, audited as "system:…".</summary>
    public bool IsSystem { get; }
    public string? UserId { get; }
    public string? UserName { get; }
    /// <summary>The name records show for this person ("Dana Reyes, LCSW"), or "Trellis" for the system.</summary>
    public string DisplayName { get; } = "unknown";
    public Guid? StaffId { get; }
    public Guid? ParticipantId { get; }
    /// <summary>A participant's own program: its schedule and closures are theirs to read.</summary>
    public Guid? ParticipantProgramId { get; }
    public Guid? SessionId { get; }
    /// <summary>The programs a staff member is assigned to (their care team's programs).</summary>
    public Guid[] ProgramIds { get; } = [];
    /// <summary>Charts outside the care team this staff member holds emergency access to now.</summary>
    public Guid[] EmergencyCharts { get; } = [];
    public Guid[] EmergencyPrograms { get; } = [];
    /// <summary>A support person's participants whose consent is active now (Features/Portal/Support); never part of the scope.</summary>
    public Guid[] SupportedParticipantIds { get; } = [];
    public string? ClientAddress { get; }

    /// <summary>
    /// 42 CFR Part 2: set for an outside recipient (a SMART backend service; Features/Disclosures): the recipient its registration
    /// names. Null for the program itself (its staff, their apps and sessions) and for a participant reading their own record.
    /// </summary>
    public string? Recipient { get; }
    public string? RecipientPurpose { get; }
    public bool IsOutsideRecipient => Recipient is not null;
    /// <summary>An outside recipient's Part 2 programs (facts only; charts through <see cref="ConsentFor"/>).</summary>
    public Guid[] DisclosurePrograms { get; } = [];
    private readonly Dictionary<Guid, Guid> disclosureConsents = [];

    /// <summary>The active Part 2 consent under which this outside recipient reads a participant's chart, or null.</summary>
    public Guid? ConsentFor(Guid participantId) => disclosureConsents.TryGetValue(participantId, out var consent) ? consent : null;
    public IReadOnlyCollection<string> Roles => roles;

    public bool IsInRole(string role) => roles.Contains(role);

    /// <summary>Whether one of the caller's roles holds a permission (a policy named in <see cref="Permissions"/>).</summary>
    public bool May(string permission) => Permissions.RolesOf(permission).Any(roles.Contains);

    public AccessScope Scope => scope ??= IsSystem || roles.Contains(Features.Auth.Roles.Administrator)
        ? AccessScope.System
        : IsSignedIn ? new AccessScope(false, ProgramIds, ParticipantId, ParticipantProgramId) { EmergencyCharts = EmergencyCharts, EmergencyPrograms = EmergencyPrograms, DisclosedCharts = [.. disclosureConsents.Keys], DisclosurePrograms = DisclosurePrograms } : AccessScope.None;
    private AccessScope? scope;

    public Actor Actor => actor ??= IsSystem
        ? new Actor(null, UserName, null, null)
        : IsSignedIn ? new Actor(UserId, UserName, string.Join(",", roles), ClientAddress) : new Actor(null, null, null, ClientAddress);
    private Actor? actor;

    public static readonly CurrentUser Anonymous = new(new ClaimsPrincipal(new ClaimsIdentity()), null);

    public static CurrentUser From(ClaimsPrincipal? principal, string? clientAddress = null) =>
        principal is null ? Anonymous : new CurrentUser(principal, clientAddress);

    public static CurrentUser From(HttpContext? http) =>
        http is null ? Anonymous : new CurrentUser(http.User, http.Connection.RemoteIpAddress?.ToString());

    public static CurrentUser System(string what) => new(what, "Trellis", null);

    /// <summary>
    /// System work done in a staff member's name (the demo clinic's history, a job on someone's
    /// behalf): sees everything, and records carry that person as their author.
    /// </summary>
    public static CurrentUser OnBehalfOf(string what, Guid staffId, string displayName) => new(what, displayName, staffId);

    private static Guid[] GuidClaims(ClaimsPrincipal p, string type) => p.FindAll(type)
        .Select(c => Guid.TryParse(c.Value, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).Distinct().ToArray();

    private static Guid? GuidClaim(ClaimsPrincipal p, string type) => Guid.TryParse(p.FindFirstValue(type), out var id) ? id : null;
}
