using System.Globalization;
using Microsoft.Extensions.Primitives;

namespace Trellis.Web.Features.Fhir;

/// <summary>
/// A search request as read from the query string: the filters the type serves, paging (_count, _offset),
/// _include, _revinclude and _summary=count. Unknown parameters are ignored (and left out of the self link) unless the
/// client sent Prefer: handling=strict, which makes them a 400; a value that cannot be read is always a 400.
/// </summary>
public sealed class FhirSearch
{
    public const int DefaultCount = 20;
    public const int MaxCount = 100;
    private static readonly string[] Control = ["_count", "_offset", "_include", "_revinclude", "_summary", "_format"];

    public IReadOnlyList<(string Name, string Value)> Filters { get; private init; } = [];
    public IReadOnlyList<FhirInclude> Include { get; private init; } = [];
    public IReadOnlyList<FhirInclude> RevInclude { get; private init; } = [];
    public int Count { get; private init; } = DefaultCount;
    public int Offset { get; private init; }
    public bool SummaryCount { get; private init; }

    public static bool IsStrict(HttpContext http) =>
        http.Request.Headers["Prefer"].Any(p => p?.Contains("handling=strict", StringComparison.OrdinalIgnoreCase) == true);

    public static Result<FhirSearch> Parse(IQueryCollection query, IFhirType type, IReadOnlyList<FhirInclude> revIncludes, bool strict)
    {
        var known = type.SearchParams.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var filters = new List<(string, string)>();
        var unknown = new List<string>();
        foreach (var (name, values) in query)
        {
            if (Control.Contains(name)) continue;
            if (known.Contains(name)) filters.AddRange(values.Where(v => !string.IsNullOrEmpty(v)).Select(v => (name, v!)));
            else unknown.Add(name);
        }
        if (strict && unknown.Count > 0)
            return Refusal.Invalid("query", $"{type.Name} cannot be searched by {string.Join(", ", unknown)}. It can be searched by {string.Join(", ", known.Order())} (with _count, _offset, _include, _revinclude and _summary=count).");

        if (Number(query["_count"], "_count", 0, MaxCount, DefaultCount) is not { } count) return BadNumber("_count", $"a whole number from 0 to {MaxCount}");
        if (Number(query["_offset"], "_offset", 0, int.MaxValue, 0) is not { } offset) return BadNumber("_offset", "a whole number of 0 or more");
        var summary = query["_summary"].ToString();
        if (summary is not ("" or "count" or "false"))
            return Refusal.Invalid("_summary", $"_summary={summary} is not supported; use _summary=count for the total alone.");
        if (query["_format"].ToString() is { Length: > 0 } format && !format.Contains("json", StringComparison.OrdinalIgnoreCase))
            return Refusal.Invalid("_format", $"_format={format} is not supported; this server speaks {FhirJson.MediaType}.");
        var (include, unserved) = Served(query["_include"], type.Includes);
        if (strict && unserved.Count > 0)
            return Refusal.Invalid("_include", $"_include={string.Join(", ", unserved)} is not served for {type.Name}; "
                + (type.Includes.Count > 0 ? $"use {string.Join(" or ", type.Includes.Select(i => i.Name))}." : "it has no includes."));
        var (revInclude, unservedRev) = Served(query["_revinclude"], revIncludes);
        if (strict && unservedRev.Count > 0)
            return Refusal.Invalid("_revinclude", $"_revinclude={string.Join(", ", unservedRev)} is not served for {type.Name}; "
                + (revIncludes.Count > 0 ? $"use {string.Join(" or ", revIncludes.Select(i => i.Name))}." : "it has no reverse includes."));
        return new FhirSearch
        {
            Filters = filters, Count = count, Offset = offset, SummaryCount = summary == "count",
            Include = include, RevInclude = revInclude,
        };
    }

    /// <summary>The same search for another window of its matches (a part of a type served from several kinds of record).</summary>
    public FhirSearch Window(int offset, int count, bool summaryCount) => new()
    {
        Filters = Filters, Include = Include, RevInclude = RevInclude, Count = count, Offset = offset, SummaryCount = summaryCount,
    };

    /// <summary>A search by one parameter alone, one window of its matches (the records a _revinclude reaches).</summary>
    public static FhirSearch Matching(string name, string value, int offset, int count) => new() { Filters = [(name, value)], Offset = offset, Count = count };

    private static (List<FhirInclude> Served, List<string> Unserved) Served(StringValues values, IReadOnlyList<FhirInclude> offered)
    {
        var asked = values.Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).Distinct().ToList();
        return ([.. offered.Where(i => asked.Contains(i.Name))], [.. asked.Where(a => offered.All(i => i.Name != a))]);
    }

    /// <summary>The address of another page of this search: the parameters that were used, at a new offset.</summary>
    public string Link(string baseUrl, string type, int offset)
    {
        var parts = Filters.Select(f => $"{Uri.EscapeDataString(f.Name)}={Uri.EscapeDataString(f.Value)}")
            .Concat(Include.Select(i => $"_include={Uri.EscapeDataString(i.Name)}"))
            .Concat(RevInclude.Select(i => $"_revinclude={Uri.EscapeDataString(i.Name)}"))
            .Append($"_count={Count.ToString(CultureInfo.InvariantCulture)}");
        if (SummaryCount) parts = parts.Append("_summary=count");
        if (offset > 0) parts = parts.Append($"_offset={offset.ToString(CultureInfo.InvariantCulture)}");
        return $"{baseUrl}/{type}?{string.Join('&', parts)}";
    }

    private static int? Number(StringValues raw, string name, int min, int max, int fallback)
    {
        if (StringValues.IsNullOrEmpty(raw)) return fallback;
        return raw.Count == 1 && int.TryParse(raw[0], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max ? n : null;
    }

    private static Refusal BadNumber(string name, string what) => Refusal.Invalid(name, $"{name} must be {what}, given once.");
}
