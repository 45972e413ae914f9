using System.Globalization;

namespace Trellis.Web.Infrastructure;

/// <summary>
/// Reads query-string values leniently. Pages take them as strings because Blazor answers a
/// malformed typed query value (?date=tomorrow) with an exception; here it is simply ignored.
/// </summary>
public static class QueryText
{
    public static Guid? Guid(string? s) => System.Guid.TryParse(s, out var g) ? g : null;
    public static DateOnly? Date(string? s) => DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
    public static int? Int(string? s) => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : null;
    public static bool Bool(string? s) => s is "true" or "1" or "on";
    /// <summary>A video link must be a full https address: participants click it from the portal and their calendar.</summary>
    public static bool IsHttpsUrl(string url) => Uri.TryCreate(url, UriKind.Absolute, out var u) && u.Scheme == Uri.UriSchemeHttps;

    public static T Enum<T>(string? s, T fallback) where T : struct, System.Enum => System.Enum.TryParse<T>(s, true, out var v) && System.Enum.IsDefined(v) ? v : fallback;
}
