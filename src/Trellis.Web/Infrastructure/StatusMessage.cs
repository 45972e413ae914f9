using Microsoft.AspNetCore.DataProtection;

namespace Trellis.Web.Infrastructure;

/// <summary>
/// "Saved.", "Signed and locked." and the like, shown once on the page a successful form post leads
/// to. The message travels in a short-lived cookie protected by the app's data-protection keys (shared
/// by every node), so it cannot be set from a link the way a "done" query parameter could: a crafted URL
/// cannot make the app claim something was saved.
/// </summary>
public sealed class StatusMessage(IHttpContextAccessor http, IDataProtectionProvider protection)
{
    private const string Cookie = "trellis.status";
    private readonly ITimeLimitedDataProtector protector = protection.CreateProtector("Trellis.StatusMessage").ToTimeLimitedDataProtector();
    private string? taken;
    private bool read;

    /// <summary>Keeps the message for the next page this browser opens (call before navigating there).</summary>
    public void Set(string message)
    {
        if (http.HttpContext is not { } context || context.Response.HasStarted) return;
        context.Response.Cookies.Append(Cookie, protector.Protect(message, TimeSpan.FromMinutes(2)), new CookieOptions
        {
            HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = context.Request.IsHttps, Path = "/", IsEssential = true,
        });
        taken = message;
        read = true;
    }

    /// <summary>The message left by the previous request, once: reading it clears it.</summary>
    public string? Take()
    {
        if (read) return taken;
        read = true;
        if (http.HttpContext is not { } context || !context.Request.Cookies.TryGetValue(Cookie, out var value)) return null;
        if (!context.Response.HasStarted) context.Response.Cookies.Delete(Cookie, new CookieOptions { Path = "/" });
        try { return taken = protector.Unprotect(value); }
        catch (System.Security.Cryptography.CryptographicException) { return null; }
    }
}
