using Trellis.Web.Data;

namespace Trellis.Web.Features.Scheduling;

/// <summary>
/// Keeps every track's sessions generated some weeks ahead: once at start-up, then every few hours,
/// so the horizon rolls forward day by day. Each app node runs it; generation is idempotent, so
/// several nodes at once only ever make each session once. Off with Scheduling:GenerateInBackground=false.
/// </summary>
internal sealed class SessionGenerationService(IServiceScopeFactory scopes, IConfiguration config, ILogger<SessionGenerationService> log, TimeProvider clock)
    : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromHours(6);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!config.GetValue("Scheduling:GenerateInBackground", true)) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<TrellisDbContext>().ActAs(AccessScope.System, Actor.System("session-generation"));
                var made = await SessionGeneration.GenerateAsync(db, ct: stoppingToken);
                if (made > 0) log.LogInformation("Generated {Count} group sessions from track templates", made);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception e)
            {
                // A database that is briefly away must not stop the app; the next round tries again.
                log.LogWarning(e, "Session generation failed; will try again in {Hours} hours", Every.TotalHours);
            }
            try { await Task.Delay(Every, clock, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }
}
