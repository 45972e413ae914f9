using Trellis.Web.Features.Auth;

namespace Trellis.Web.Features.Billing.Api;

/// <summary>
/// The same downloads as the API, for the signed-in pages (the API takes bearer tokens, pages a cookie):
/// a claim's 837, a sent claim file, and the reports as CSV.
/// </summary>
public static class DownloadEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/billing").ExcludeFromDescription();
        g.MapGet("/claims/{id:guid}/x12", async (Guid id, TrellisDbContext db, CancellationToken ct) => Attach(await ClaimsApi.X12(id, db, ct), $"claim-{id:N}.x12"))
            .RequireAuthorization(Permissions.ManageBilling);
        g.MapGet("/claim-files/{id:guid}", async (Guid id, TrellisDbContext db, CancellationToken ct) => Attach(await ClaimsApi.File(id, db, ct), $"837-{id:N}.x12"))
            .RequireAuthorization(Permissions.ManageBilling);
        g.MapGet("/reports/ar-aging.csv", (TrellisDbContext db, CancellationToken ct) => ReportsApi.Aging("csv", db, ct)).RequireAuthorization(Permissions.ViewBilling);
        g.MapGet("/reports/denials.csv", (TrellisDbContext db, CancellationToken ct) => ReportsApi.Denials("csv", db, ct)).RequireAuthorization(Permissions.ViewBilling);
        g.MapGet("/reports/by-month.csv", (TrellisDbContext db, CancellationToken ct) => ReportsApi.ByMonth("csv", db, ct)).RequireAuthorization(Permissions.ViewBilling);
        g.MapGet("/reports/held-charges.csv", (TrellisDbContext db, CancellationToken ct) => ReportsApi.Held("csv", db, ct)).RequireAuthorization(Permissions.ViewBilling);
    }

    /// <summary>A file answer is saved by the browser under a name rather than shown as text.</summary>
    private static IResult Attach(IResult result, string name) => result is Microsoft.AspNetCore.Http.HttpResults.ContentHttpResult text
        ? TypedResults.File(System.Text.Encoding.UTF8.GetBytes(text.ResponseContent ?? ""), ClaimsApi.X12ContentType, name)
        : result;
}
