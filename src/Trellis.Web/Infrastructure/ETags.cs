using System.Globalization;

namespace Trellis.Web.Infrastructure;

/// <summary>ETags are a record's version number in quotes: "7".</summary>
public static class ETags
{
    public static string Format(long version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    public static bool TryParse(string? header, out long version)
    {
        version = 0;
        if (string.IsNullOrWhiteSpace(header)) return false;
        var value = header.Trim();
        if (value.StartsWith("W/", StringComparison.Ordinal)) value = value[2..];
        return value.Length > 2 && value[0] == '"' && value[^1] == '"'
            && long.TryParse(value.AsSpan(1, value.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out version);
    }

    public static void Set(HttpContext http, long version) => http.Response.Headers.ETag = Format(version);

    /// <summary>
    /// Reads If-Match for an update: null result means go ahead with <paramref name="version"/>;
    /// otherwise the problem to answer (428 when missing or unreadable).
    /// </summary>
    public static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult? RequireIfMatch(HttpContext http, out long version)
    {
        var header = http.Request.Headers.IfMatch.ToString();
        if (TryParse(header, out version)) return null;
        return string.IsNullOrWhiteSpace(header)
            ? Problems.PreconditionRequired()
            : Microsoft.AspNetCore.Http.TypedResults.Problem(title: "Malformed If-Match",
                detail: "If-Match must be the ETag from a GET of this record, such as \"3\".", statusCode: 400);
    }
}
