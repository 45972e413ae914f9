using System.Globalization;

namespace Trellis.Web.Features.Outcomes;

/// <summary>A dashboard's period and selection. <see cref="To"/> is exclusive: the period is [From, To).</summary>
public sealed record DashboardFilter(DateOnly From, DateOnly To, Guid? ProgramId, Guid? TrackId)
{
    public const int MaxDays = 3 * 366;
    public int Days => To.DayNumber - From.DayNumber;
    /// <summary>The period of the same length just before, for the comparison.</summary>
    public DashboardFilter Previous => this with { From = From.AddDays(-Days), To = From };
    public DateOnly LastDay => To.AddDays(-1);

    /// <summary>
    /// Reads from, to (inclusive last day, yyyy-MM-dd), programId and trackId as typed in a link or form. Missing dates
    /// default to the 90 days ending today. Every bad value is named in one refusal (400 in the API, a calm message on pages).
    /// </summary>
    public static Result<DashboardFilter> Parse(string? from, string? to, string? programId, string? trackId, DateOnly today)
    {
        var errors = new Dictionary<string, string[]>();
        DateOnly? Day(string? text, string field)
        {
            if (string.IsNullOrWhiteSpace(text)) return null;
            if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
            errors[field] = [$"{field} must be a date written yyyy-MM-dd, such as {today:yyyy-MM-dd}; got \"{text}\"."];
            return null;
        }
        Guid? Id(string? text, string field)
        {
            if (string.IsNullOrWhiteSpace(text)) return null;
            if (Guid.TryParse(text.Trim(), out var g)) return g;
            errors[field] = [$"{field} must be an id from the list of programs or tracks; \"{text}\" is not one."];
            return null;
        }
        var last = Day(to, "to") ?? today;
        var first = Day(from, "from") ?? last.AddDays(-89);
        var program = Id(programId, "programId");
        var track = Id(trackId, "trackId");
        if (errors.Count == 0 && first > last) errors["from"] = [$"from ({first:yyyy-MM-dd}) must be on or before to ({last:yyyy-MM-dd})."];
        if (errors.Count == 0 && last.DayNumber - first.DayNumber + 1 > MaxDays) errors["from"] = [$"Choose a period of at most {MaxDays} days (about three years)."];
        if (errors.Count > 0) return Refusal.Invalid(errors);
        return new DashboardFilter(first, last.AddDays(1), program, track);
    }
}
