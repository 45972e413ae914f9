namespace Trellis.Web.Features.Scheduling;

/// <summary>The days a list endpoint covers.</summary>
public readonly record struct DateRange(DateOnly From, DateOnly To)
{
    public const int MaxDays = 92;

    /// <summary>from/to of a list: from defaults to the start of the clinic's week, to after from, at most <see cref="MaxDays"/> days.</summary>
    public static async Task<Result<DateRange>> ReadAsync(TrellisDbContext db, DateOnly? from, DateOnly? to, int defaultDays, CancellationToken ct)
    {
        var start = from ?? ProgramClock.WeekStart(await ProgramClock.ClinicTodayAsync(db, ct));
        var end = to ?? start.AddDays(defaultDays - 1);
        if (end < start) return Refusal.Invalid("to", "to must be on or after from.");
        if (end.DayNumber - start.DayNumber >= MaxDays) return Refusal.Invalid("to", $"Ask for at most {MaxDays} days at a time.");
        return new DateRange(start, end);
    }
}
