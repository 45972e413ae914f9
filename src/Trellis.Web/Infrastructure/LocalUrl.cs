namespace Trellis.Web.Infrastructure;

public static class LocalUrl
{
    /// <summary>A return address is followed only if it stays on this site, so a link cannot bounce a person elsewhere after sign-in.</summary>
    public static string Safe(string? url, string fallback = "/") =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//") && !url.StartsWith("/\\") ? url : fallback;
}
