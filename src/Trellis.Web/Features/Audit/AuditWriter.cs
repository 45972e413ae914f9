using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Trellis.Web.Data;

namespace Trellis.Web.Features.Audit;

/// <summary>
/// Group commit for audit entries that ride on no change of their own (reads, sign-ins, refusals).
/// Callers queue their entries and wait; one writer per process takes everything queued while the
/// previous batch was committing, links it onto the chain in arrival order and commits it in one
/// transaction (one fsync). A caller's task completes only when its batch is durable, so no data is
/// returned before its read is on disk, yet a burst of concurrent reads costs one commit, not one each.
/// </summary>
public sealed class AuditWriter : IAsyncDisposable
{
    /// <summary>Entries per transaction at most; a longer queue is written in several batches back to back.</summary>
    public const int MaxBatch = 2000;

    // Watch with: dotnet-counters monitor -n Trellis.Web --counters Trellis.Audit
    private static readonly Meter Meter = new("Trellis.Audit");
    private static readonly Histogram<int> BatchEntries = Meter.CreateHistogram<int>("trellis.audit.batch.entries", "{entry}", "Audit entries written by one group commit");
    private static readonly Histogram<double> BatchTime = Meter.CreateHistogram<double>("trellis.audit.batch.duration", "ms", "Time to chain and commit one batch, waiting for the chain included");

    private readonly Channel<Pending> queue = Channel.CreateUnbounded<Pending>(new() { SingleReader = true });
    private readonly IServiceScopeFactory scopes;
    private readonly ILogger<AuditWriter> log;
    private readonly Lock startLock = new();
    private Task? loop;

    public AuditWriter(IServiceScopeFactory scopes, ILogger<AuditWriter> log)
    {
        this.scopes = scopes;
        this.log = log;
    }

    /// <summary>
    /// Held by whoever extends the chain in this process (this writer's batches and every change saved
    /// with its entries), so they queue here in order instead of meeting in the database's lock:
    /// SQLite would make them sleep and retry, PostgreSQL would hold a connection per waiter.
    /// </summary>
    public SemaphoreSlim Gate { get; } = new(1, 1);

    /// <summary>Queues entries for the next batch; completes when they are committed, or throws what the commit threw.</summary>
    public Task AppendAsync(List<AuditEntry> entries, CancellationToken ct = default)
    {
        var pending = new Pending(entries, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!queue.Writer.TryWrite(pending)) throw new InvalidOperationException("The audit writer has stopped; the app is shutting down.");
        EnsureStarted();
        // A caller that gives up still has its entries written: an audited read that was not returned is harmless.
        return pending.Done.Task.WaitAsync(ct);
    }

    private void EnsureStarted()
    {
        if (loop is not null) return;
        lock (startLock)
        {
            if (loop is not null) return;
            // Not on the first caller's execution context: the loop must never run as that request's user.
            using (ExecutionContext.SuppressFlow()) loop = Task.Run(RunAsync);
        }
    }

    private async Task RunAsync()
    {
        var batch = new List<Pending>();
        while (await queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            var count = 0;
            while (count < MaxBatch && queue.Reader.TryRead(out var next))
            {
                batch.Add(next);
                count += next.Entries.Count;
            }
            var started = Stopwatch.GetTimestamp();
            try
            {
                await WriteAsync(batch);
                BatchEntries.Record(count);
                BatchTime.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                foreach (var p in batch) p.Done.TrySetResult();
            }
            catch (Exception e)
            {
                log.LogError(e, "Could not write a batch of {Count} audit entries; the requests that asked for them fail.", count);
                foreach (var p in batch) p.Done.TrySetException(e);
            }
        }
    }

    private async Task WriteAsync(List<Pending> batch)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TrellisDbContext>().ActAs(AccessScope.System, Actor.System("audit"));
        await db.AppendAuditBatchAsync(batch.SelectMany(p => p.Entries).ToList());
    }

    public async ValueTask DisposeAsync()
    {
        // Whatever is queued is still written before the process ends.
        queue.Writer.TryComplete();
        if (loop is not null) await loop;
        Gate.Dispose();
    }

    private sealed record Pending(List<AuditEntry> Entries, TaskCompletionSource Done);
}
