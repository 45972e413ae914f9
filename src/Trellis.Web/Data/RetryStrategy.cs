using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql.EntityFrameworkCore.PostgreSQL;

namespace Trellis.Web.Data;

/// <summary>
/// Npgsql's retrying strategy, kept to what is safe to repeat. A query and a save that owns its
/// transaction (<see cref="TrellisDbContext"/>'s audited save, which checks before a retry whether
/// the failed attempt committed after all) are run again after a transient failure: a restarted
/// server, a pooled connection broken by it, a fail-over. Work inside a transaction that someone
/// else began is never retried statement by statement, since the transaction died with its
/// connection; it fails at once, rolled back whole, and the caller sees an outage (503) to retry.
/// Few, short retries: during a real outage a request should answer 503 in seconds, not hang.
/// </summary>
public sealed class RetryStrategy(ExecutionStrategyDependencies dependencies)
    : NpgsqlRetryingExecutionStrategy(dependencies, MaxRetries, MaxDelay, errorCodesToAdd: null)
{
    public const int MaxRetries = 2;
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(1);

    private DatabaseFacade Database => Dependencies.CurrentContext.Context.Database;

    // EF Core refuses a retrying strategy inside a transaction it did not start; here such work
    // simply runs once (ShouldRetryOn says no inside it), as it would with no retries at all.
    // (Not through RetriesOnFailure: EF reads that while it builds the context's services.)
    protected override void OnFirstExecution()
    {
        if (Database.CurrentTransaction is null) base.OnFirstExecution();
        else ExceptionsEncountered.Clear();
    }

    protected override bool ShouldRetryOn(Exception? exception) =>
        Database.CurrentTransaction is null && base.ShouldRetryOn(exception);
}
