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
    /// The version an update was based on: the If-Match header of an API call (<see cref="From(HttpContext)"/>),
    /// or the version a page's form carried (<see cref="Of"/>). The action that changes the record checks it
    /// with <see cref="Check"/>, after its own "may I" answers, so every door refuses a stale or blind write alike.
    /// </summary>
    public readonly record struct Expected(long? Version, bool Malformed)
    {
        public static Expected Of(long? version) => new(version, false);

        /// <summary>Null when the change may go ahead; 428 without a version, 400 for an unreadable one, 412 when stale.</summary>
        public Refusal? Check(long current)
        {
            if (Malformed) return new Refusal(400, "Malformed If-Match", "If-Match must be the ETag from a GET of this record, such as \"3\".");
            if (Version is null) return Refusal.PreconditionRequired();
            return Version != current ? Refusal.Stale(current) : null;
        }
    }

    public static Expected From(HttpContext http)
    {
        var header = http.Request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(header)) return new(null, false);
        return TryParse(header, out var version) ? new(version, false) : new(null, true);
    }

    /// <summary>
    /// Reads If-Match for an update: null result means go ahead with <paramref name="version"/>;
    /// otherwise the problem to answer (428 when missing or unreadable).
    /// </summary>
    public static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult? RequireIfMatch(HttpContext http, out long version)
    {
        var header = http.Request.Headers.IfMatch.ToString();
        if (TryParse(header, out version)) return null;
        return string.IsNullOrWhiteSpace(header)
            ? Refusal.PreconditionRequired().ToProblem()
            : Microsoft.AspNetCore.Http.TypedResults.Problem(title: "Malformed If-Match",
                detail: "If-Match must be the ETag from a GET of this record, such as \"3\".", statusCode: 400);
    }
}
