using Trellis.Web.Data;

namespace Trellis.Web.Infrastructure;

/// <summary>
/// Work the system does in the background on every node: once at start-up, then every <see cref="Every"/>, as the system
/// caller (sees everything, audited as "system:name"). A failed round is logged and tried again next time, so a database
/// that is briefly away never stops the app; the work itself must be idempotent, since several nodes run it.
/// Off with the configuration switch <see cref="Switch"/> = false.
/// </summary>
public abstract class SystemJob(IServiceScopeFactory scopes, IConfiguration config, ILogger log, TimeProvider clock) : BackgroundService
{
    protected abstract string Name { get; }
    protected abstract string Switch { get; }
    protected abstract TimeSpan Every { get; }

    /// <summary>One round; what it did, in a sentence for the log, or null when it did nothing.</summary>
    protected abstract Task<string?> RunOnceAsync(TrellisDbContext db, CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!config.GetValue(Switch, true)) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<TrellisDbContext>().ActAs(AccessScope.System, Actor.System(Name));
                if (await RunOnceAsync(db, stoppingToken) is { } done) log.LogInformation("{Job}: {Done}", Name, done);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception e) { log.LogWarning(e, "{Job} failed; will try again in {Hours} hours", Name, Every.TotalHours); }
            try { await Task.Delay(Every, clock, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }
}
