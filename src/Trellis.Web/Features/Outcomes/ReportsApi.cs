using Microsoft.AspNetCore.Http.HttpResults;
using Trellis.Web.Data;
using Trellis.Web.Features.Auth;
using Trellis.Web.Infrastructure;

namespace Trellis.Web.Features.Outcomes;

public sealed record ReportTableDto(string Key, string Title, string Definition, IReadOnlyList<string> Columns, IEnumerable<Dictionary<string, object>> Rows);

/// <summary>
/// Every table behind the dashboard over the API, as JSON or CSV (<c>format=csv</c>), with cells of 1–10 suppressed and
/// every export audited. <c>/api/reports/outcomes</c> is outcomes at discharge by program (the contract's name).
/// </summary>
public static class ReportsApi
{
    public static void MapReportsApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/reports").WithTags("Reports").RequireAuthorization(Permissions.ReadClinical);
        g.MapGet("/", Index).WithSummary("The report tables: key, title, what they count.");
        g.MapGet("/{key}", Table).WithSummary("One table for from=yyyy-MM-dd&to=yyyy-MM-dd (inclusive; default the last 90 days), programId, trackId; format=csv for CSV. Cells counting 1–10 read \"<11\".");
    }

    public static async Task<Results<Ok<List<ReportTableDto>>, ProblemHttpResult>> Index(TrellisDbContext db, CancellationToken ct)
    {
        var today = await ProgramClock.ClinicTodayAsync(db, ct);
        var (filter, _) = DashboardFilter.Parse(null, null, null, null, today);
        var result = DashboardFigures.Compute(await DashboardQueries.LoadAsync(db, filter!, ct));
        return TypedResults.Ok(ReportExport.AllTables(result).Select(t => new ReportTableDto(t.Key, t.Title, t.Definition, t.Columns, [])).ToList());
    }

    public static async Task<IResult> Table(string key, string? from, string? to, string? programId, string? trackId, string? format, TrellisDbContext db, CancellationToken ct)
    {
        var today = await ProgramClock.ClinicTodayAsync(db, ct);
        var (filter, refused) = DashboardFilter.Parse(from, to, programId, trackId, today);
        if (refused is not null) return refused.ToProblem();
        if (format is not (null or "" or "json" or "csv")) return Refusal.Invalid("format", $"format is json or csv; got \"{format}\".").ToProblem();
        var result = DashboardFigures.Compute(await DashboardQueries.LoadAsync(db, filter!, ct));
        var wanted = key == "outcomes" ? "outcomes-by-program" : key;
        if (ReportExport.AllTables(result).FirstOrDefault(t => t.Key == wanted) is not { } table)
            return Refusal.NotFound($"report \"{key}\" (known: outcomes, {string.Join(", ", ReportExport.AllTables(result).Select(t => t.Key))})").ToProblem();
        // The record is the table; the period and selection go in the detail (a record id holds 80 characters, two ids do not fit).
        await db.AuditReadAsync("Report", [((object)table.Key, null)],
            $"{filter!.From:yyyy-MM-dd}..{filter.LastDay:yyyy-MM-dd} program {filter.ProgramId?.ToString() ?? "all"} track {filter.TrackId?.ToString() ?? "all"} {(format == "csv" ? "csv" : "json")}", ct);
        if (format == "csv") return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(ReportExport.Csv(table)), "text/csv", $"trellis-{table.Key}-{filter.From:yyyyMMdd}-{filter.LastDay:yyyyMMdd}.csv");
        return TypedResults.Ok(new ReportTableDto(table.Key, table.Title, table.Definition, table.Columns, ReportExport.Rows(table).ToList()));
    }
}
