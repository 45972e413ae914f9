using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;

namespace Trellis.Web.Features.Audit;

/// <summary>
/// Every Audit:CheckpointSeconds, appends a signed checkpoint of the chain's head to
/// Audit:CheckpointPath (and logs it, so a log shipper or syslog can carry it off the machine too).
/// Nothing is written while the head has not moved, and a last checkpoint is written at shutdown.
/// </summary>
public sealed class AuditCheckpointService(IServiceScopeFactory scopes, AuditSettings settings, AuditKey key, TimeProvider clock,
    IHostEnvironment env, ILogger<AuditCheckpointService> log) : BackgroundService
{
    private (long Sequence, string Hash)? written;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (settings.CheckpointPath is not { } path)
        {
            if (env.IsProduction())
                log.LogWarning("Audit__CheckpointPath is not set: removing the newest audit entries would not be detected. Point it at a file on another volume (see docs/operations.md).");
            return;
        }
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(settings.CheckpointSeconds), clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) await WriteAsync(path, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (settings.CheckpointPath is { } path) await WriteAsync(path, cancellationToken);
    }

    private async Task WriteAsync(string path, CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TrellisDbContext>().ActAs(AccessScope.System, Actor.System("audit"));
            var head = await db.AuditEntries.AsNoTracking().OrderByDescending(e => e.Sequence)
                .Select(e => new { e.Sequence, e.Hash }).FirstOrDefaultAsync(ct);
            if (head is null || written == (head.Sequence, head.Hash)) return;
            AuditCheckpoints.Append(path, AuditCheckpoints.Format(key, clock.GetUtcNow(), head.Sequence, head.Hash));
            written = (head.Sequence, head.Hash);
            log.LogInformation("Audit checkpoint: entry {Sequence} hash {Hash}", head.Sequence, head.Hash);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The app keeps serving; the gap shows as an older last checkpoint.
            log.LogError(e, "Could not write the audit checkpoint to {Path}.", path);
        }
    }
}
