using System.Globalization;
using CsvHelper;

namespace Trellis.Web.Features.Outcomes;

/// <summary>
/// Aggregate exports: a count of 1 to 10 is suppressed (as CMS does) so a small program does not reveal individuals;
/// 0 and 11+ are shown. The JSON and CSV doors share it, so they suppress the same cells.
/// </summary>
public static class ReportExport
{
    public const int SuppressUpTo = 10;
    public const string Suppressed = "<11";

    /// <summary>A count as an export shows it: the number, or "&lt;11".</summary>
    public static object Cell(int count) => count is >= 1 and <= SuppressUpTo ? Suppressed : count;

    public static IEnumerable<Dictionary<string, object>> Rows(FigureTable table) => table.Rows.Select(r =>
    {
        var row = new Dictionary<string, object> { ["group"] = r.Label };
        for (var i = 0; i < table.Columns.Count; i++) row[table.Columns[i]] = Cell(r.Counts[i]);
        return row;
    });

    /// <summary>The table as CSV (CsvHelper): a header row, then one row per group; every count column's header ends in "count".</summary>
    public static string Csv(FigureTable table)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(text, CsvWriterOptions.Default, true))
        {
        csv.WriteField("group");
        foreach (var c in table.Columns) csv.WriteField(c);
        csv.EndRecord();
        foreach (var r in table.Rows)
        {
            csv.WriteField(r.Label);
            foreach (var n in r.Counts) csv.WriteField(Cell(n).ToString());
            csv.EndRecord();
        }
        csv.Flush();
        }
        return text.ToString();
    }

    /// <summary>The headline figures as a table: numerator and denominator of each rate are counts and are suppressed alike.</summary>
    public static FigureTable FiguresTable(DashboardResult r) => new("figures", "Headline figures", "Each figure with what it counts.",
        ["numerator count", "denominator count"],
        r.Figures.Where(f => f.Numerator is not null).Select(f => new TableRow(f.Label, [f.Numerator!.Value, f.Denominator!.Value])).ToList());

    public static FigureTable CensusTable(DashboardResult r) => new("census", "Census over time", "Participants in care on each day.",
        ["in care count"], r.Census.Select(c => new TableRow(c.On.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), [c.InCare])).ToList());

    /// <summary>Every table a dashboard shows, by key: the figures, the census, and the tables behind them.</summary>
    public static IReadOnlyList<FigureTable> AllTables(DashboardResult r) => [FiguresTable(r), CensusTable(r), .. r.Tables];
}
