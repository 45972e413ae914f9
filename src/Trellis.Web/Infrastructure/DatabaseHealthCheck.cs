using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Trellis.Web.Data;

namespace Trellis.Web.Infrastructure;

/// <summary>/health: the database answers, and answers with durable settings.</summary>
internal sealed class DatabaseHealthCheck(TrellisDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            if (!await db.Database.CanConnectAsync(ct)) return HealthCheckResult.Unhealthy("cannot connect to the database");
            var durability = await DatabaseSetup.CheckDurabilityAsync(db, ct);
            return HealthCheckResult.Healthy(durability, new Dictionary<string, object> { ["provider"] = db.Database.ProviderName ?? "" });
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy(e.Message);
        }
    }

    public static Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString().ToLowerInvariant(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString().ToLowerInvariant(), detail = e.Value.Description }),
        };
        return http.Response.WriteAsync(JsonSerializer.Serialize(body));
    }
}
