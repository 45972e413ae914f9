namespace Trellis.Web.Features.Auth;

/// <summary>Security settings, bound from the "Security" configuration section.</summary>
public sealed class SecurityOptions
{
    /// <summary>Staff are signed out after this many idle minutes (HIPAA automatic log-off).</summary>
    public int IdleTimeoutMinutes { get; set; } = 15;
    /// <summary>Participants use the portal from home; a longer idle limit is kinder and still bounded.</summary>
    public int ParticipantIdleTimeoutMinutes { get; set; } = 30;
    /// <summary>Longest a browser session lasts, idle or not.</summary>
    public int SessionMaxHours { get; set; } = 12;
    /// <summary>Lifetime of an API access token.</summary>
    public int ApiTokenMinutes { get; set; } = 60;
    /// <summary>Failed sign-ins before the account is locked, and for how long.</summary>
    public int MaxFailedSignIns { get; set; } = 5;
    public int LockoutMinutes { get; set; } = 15;
    /// <summary>Cookies are sent only over HTTPS. Off only for local development over http://127.0.0.1.</summary>
    public bool SecureCookies { get; set; } = true;

    public TimeSpan IdleTimeoutFor(bool participant) =>
        TimeSpan.FromMinutes(participant ? ParticipantIdleTimeoutMinutes : IdleTimeoutMinutes);
}
