namespace Trellis.Web.Features.Outcomes;

/// <summary>
/// One number on a dashboard: what it counts (<see cref="Label"/>), how (<see cref="Definition"/>, shown under it),
/// its value now and in the previous period. Rates carry their numerator and denominator.
/// </summary>
public sealed record Figure(string Key, string Label, string Definition, double? Value, double? Previous, string Unit = "", int? Numerator = null, int? Denominator = null)
{
    public static Figure Rate(string key, string label, string definition, (int Num, int Den) now, (int Num, int Den) before) =>
        new(key, label, definition, now.Den == 0 ? null : (double)now.Num / now.Den, before.Den == 0 ? null : (double)before.Num / before.Den, "%", now.Num, now.Den);

    public string Show(double? v) => v is not { } x ? "—" : Unit == "%" ? $"{x * 100:0}%" : Unit == "days" ? $"{x:0.#} days" : Unit == "hours" ? $"{x:0.#} h" : $"{x:0.#}";
}

/// <summary>A row of a dashboard table: a label and counts (people, stays, measures) per column.</summary>
public sealed record TableRow(string Label, IReadOnlyList<int> Counts);

/// <summary>A table behind a dashboard: what every column counts, downloadable as CSV with small cells suppressed.</summary>
public sealed record FigureTable(string Key, string Title, string Definition, IReadOnlyList<string> Columns, IReadOnlyList<TableRow> Rows);
