using Trellis.Web.Data;

namespace Trellis.Web.Infrastructure;

/// <summary>
/// Work the system does in the background on every node: once at start-up, then every <see cref="Every"/>, as the system
/// caller (sees everything, audited as "system:name"). A failed round is logged and tried again next time, so a database
/// that is briefly away never stops the app; the work itself must be idempotent, since several nodes run it.
/// Off with the configuration switch <see cref="Switch"/> = false. A job with work that should not wait for the next
/// round (an export just asked for) is woken by <see cref="Wake"/>; <see cref="StartingAsync"/> runs once before the
/// first round (clearing up what a previous process of this node left).
/// </summary>
public abstract class SystemJob(IServiceScopeFactory scopes, IConfiguration config, ILogger log, TimeProvider clock) : BackgroundService
{
    protected abstract string Name { get; }
    protected abstract string Switch { get; }
    protected abstract TimeSpan Every { get; }

    /// <summary>One round; what it did, in a sentence for the log, or null when it did nothing.</summary>
    protected abstract Task<string?> RunOnceAsync(TrellisDbContext db, CancellationToken ct);

    /// <summary>Once at start-up, before the first round; what it did, or null. A failure is logged and the rounds run anyway.</summary>
    protected virtual Task<string?> StartingAsync(TrellisDbContext db, CancellationToken ct) => Task.FromResult<string?>(null);

    private readonly SemaphoreSlim wake = new(0, 1);

    /// <summary>Starts the next round now rather than after <see cref="Every"/> (several wakes before it starts are one).</summary>
    public void Wake()
    {
        try { wake.Release(); } catch (SemaphoreFullException) { }
    }

    private async Task<bool> RoundAsync(Func<TrellisDbContext, CancellationToken, Task<string?>> work, CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TrellisDbContext>().ActAs(AccessScope.System, Actor.System(Name));
            if (await work(db, stoppingToken) is { } done) log.LogInformation("{Job}: {Done}", Name, done);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return false; }
        catch (Exception e) { log.LogWarning(e, "{Job} failed; will try again in {Minutes} minutes", Name, Every.TotalMinutes); }
        return true;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!config.GetValue(Switch, true)) return;
        if (!await RoundAsync(StartingAsync, stoppingToken)) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            if (!await RoundAsync(RunOnceAsync, stoppingToken)) return;
            using var waiting = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            try { await Task.WhenAny(Task.Delay(Every, clock, waiting.Token), wake.WaitAsync(waiting.Token)); }
            finally { await waiting.CancelAsync(); }
            if (stoppingToken.IsCancellationRequested) return;
        }
    }
}
