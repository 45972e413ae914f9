using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Billing.Reports;

namespace Trellis.Web.Features.Billing.Api;

/// <summary>The billing reports as JSON, or CSV with ?format=csv.</summary>
public static class ReportsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/reports").WithTags("Billing: reports").RequireAuthorization(Permissions.ViewBilling);
        g.MapGet("/ar-aging", Aging).WithSummary("Accounts receivable by payer: open balances of sent claims 0–30, 31–60, 61–90 and over 90 days since sent. ?format=csv for CSV.");
        g.MapGet("/denials", Denials).WithSummary("Denials and non-routine adjustments by reason code (CARC) in words. ?format=csv for CSV.");
        g.MapGet("/by-month", ByMonth).WithSummary("Charges, payer payments, adjustments and patients' payments by program and month. ?format=csv for CSV.");
        g.MapGet("/held-charges", Held).WithSummary("Held charges by reason. ?format=csv for CSV.");
    }

    public static async Task<IResult> Aging(string? format, TrellisDbContext db, CancellationToken ct) =>
        Answer(await BillingReports.AgingAsync(db, await ProgramClock.ClinicTodayAsync(db, ct), ct), format, "ar-aging");

    public static async Task<IResult> Denials(string? format, TrellisDbContext db, CancellationToken ct) => Answer(await BillingReports.DenialsAsync(db, ct), format, "denials");
    public static async Task<IResult> ByMonth(string? format, TrellisDbContext db, CancellationToken ct) => Answer(await BillingReports.ByMonthAsync(db, ct), format, "by-month");
    public static async Task<IResult> Held(string? format, TrellisDbContext db, CancellationToken ct) => Answer(await BillingReports.HeldAsync(db, ct), format, "held-charges");

    private static IResult Answer<T>(List<T> rows, string? format, string name) => format switch
    {
        null or "json" => TypedResults.Ok(rows),
        "csv" => TypedResults.File(System.Text.Encoding.UTF8.GetBytes(BillingReports.Csv(rows)), "text/csv", $"{name}.csv"),
        _ => Refusal.Invalid("format", $"'{format}' is not a format; use json or csv.").ToProblem(),
    };
}
