using System.Globalization;
using System.Linq.Expressions;

namespace Trellis.Web.Features.Fhir;

/// <summary>
/// Reading FHIR search values: dates with their prefixes (ge2025-03, lt2025-03-01T10:00:00Z), tokens
/// (system|code) and references (Patient/{id}). A value that cannot be read is a 400 naming it, never ignored.
/// </summary>
public static class FhirSearchValues
{
    private static readonly string[] Prefixes = ["eq", "gt", "ge", "lt", "le", "sa", "eb", "ne", "ap"];
    private static readonly string[] DateFormats = ["yyyy", "yyyy-MM", "yyyy-MM-dd"];

    /// <summary>Narrows the rows to those whose date column matches one date parameter value; a refusal says why the value cannot be read.</summary>
    public static Refusal? WhereDate<T>(ref IQueryable<T> query, Expression<Func<T, DateTimeOffset>> column, string name, string raw)
    {
        var prefix = raw.Length > 2 && Prefixes.Contains(raw[..2]) ? raw[..2] : "eq";
        var value = raw.Length > 2 && Prefixes.Contains(raw[..2]) ? raw[2..] : raw;
        if (!TryRange(value, out var start, out var end))
            return Refusal.Invalid(name, $"{name}={raw}: write a FHIR date such as 2025-03, 2025-03-14 or 2025-03-14T09:30:00Z, optionally after eq, gt, ge, lt or le.");
        Expression<Func<DateTimeOffset>> from = () => start, to = () => end;
        Expression body = prefix switch
        {
            "eq" => Expression.AndAlso(Expression.GreaterThanOrEqual(column.Body, from.Body), Expression.LessThan(column.Body, to.Body)),
            "gt" or "sa" => Expression.GreaterThanOrEqual(column.Body, to.Body),
            "ge" => Expression.GreaterThanOrEqual(column.Body, from.Body),
            "lt" or "eb" => Expression.LessThan(column.Body, from.Body),
            "le" => Expression.LessThan(column.Body, to.Body),
            _ => null!,
        };
        if (body is null) return Refusal.Invalid(name, $"{name}={raw}: the prefix '{prefix}' is not supported here; use eq, gt, ge, lt or le.");
        query = query.Where(Expression.Lambda<Func<T, bool>>(body, column.Parameters));
        return null;
    }

    /// <summary>The instants a FHIR date or dateTime covers: 2025 is the whole year, 2025-03-14 the whole (UTC) day.</summary>
    public static bool TryRange(string value, out DateTimeOffset start, out DateTimeOffset end)
    {
        start = end = default;
        if (DateTime.TryParseExact(value, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var day))
        {
            start = new DateTimeOffset(day, TimeSpan.Zero);
            end = value.Length switch { 4 => start.AddYears(1), 7 => start.AddMonths(1), _ => start.AddDays(1) };
            return true;
        }
        if (value.Contains('T') && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
        {
            start = instant;
            end = instant.AddSeconds(1);
            return true;
        }
        return false;
    }

    /// <summary>"system|code", "|code" or "code": the system is null when any system will do.</summary>
    public static (string? System, string Code) Token(string raw)
    {
        var bar = raw.IndexOf('|');
        return bar < 0 ? (null, raw) : (raw[..bar], raw[(bar + 1)..]);
    }

    /// <summary>The id a reference value names ("Patient/1…", "1…", or an absolute URL ending so); Guid.Empty (matching nothing) otherwise.</summary>
    public static Guid ReferenceId(string raw, string type)
    {
        var value = raw.TrimEnd('/');
        var slash = value.LastIndexOf('/');
        if (slash >= 0 && !value[..slash].EndsWith(type, StringComparison.Ordinal)) return Guid.Empty;
        return Guid.TryParse(slash >= 0 ? value[(slash + 1)..] : value, out var id) ? id : Guid.Empty;
    }
}
