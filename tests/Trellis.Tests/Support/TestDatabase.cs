using System.Threading.Channels;
using Npgsql;
using Trellis.Web.Data;

namespace Trellis.Tests.Support;

/// <summary>
/// Which database the data tests run on, from the environment that ./test.sh sets:
/// TRELLIS_TEST_DATABASE = Sqlite (default) or Postgres, and for Postgres TRELLIS_TEST_POSTGRES,
/// a superuser connection string to a throw-away cluster. A missing server fails the test run:
/// nothing is skipped silently.
/// </summary>
public static class TestDatabase
{
    public static DatabaseProvider Provider =>
        Environment.GetEnvironmentVariable("TRELLIS_TEST_DATABASE") is { Length: > 0 } v
            ? Enum.Parse<DatabaseProvider>(v, ignoreCase: true) : DatabaseProvider.Sqlite;

    /// <summary>Role that owns the tables (runs migrations) and role the app connects as, created by test.sh.</summary>
    public const string OwnerRole = "trellis_owner";
    public const string AppRole = "trellis_app";

    public static string SuperuserConnection =>
        Environment.GetEnvironmentVariable("TRELLIS_TEST_POSTGRES")
        ?? throw new InvalidOperationException("TRELLIS_TEST_DATABASE=Postgres needs TRELLIS_TEST_POSTGRES (run ./test.sh, which starts a throw-away cluster).");

    public static string ConnectionFor(string database, string role)
    {
        var b = new NpgsqlConnectionStringBuilder(SuperuserConnection) { Database = database, Username = role, Password = null, Pooling = true };
        return b.ConnectionString;
    }

    public static Task CreateAsync(string database) => ExecuteAsync($"CREATE DATABASE \"{database}\" OWNER {OwnerRole}");

    /// <summary>
    /// Drops the database behind the tests and returns at once. PostgreSQL's DROP DATABASE forces a checkpoint of the
    /// whole cluster: 0.1–0.6 s on a quiet machine, up to 17 s under load, and the class that waited for it held one
    /// of the run's test slots meanwhile. The drops run one at a time in the background; the ones still queued when
    /// the test process ends are done before it exits.
    /// </summary>
    public static Task DropAsync(string database)
    {
        // Its pooled connections are of no further use (FORCE ends them on the server); other tests' pools stay warm.
        foreach (var role in new[] { AppRole, OwnerRole })
            using (var conn = new NpgsqlConnection(ConnectionFor(database, role))) NpgsqlConnection.ClearPool(conn);
        if (!Drops.Writer.TryWrite(database)) return DropNowAsync(database);
        _ = Dropper.Value;
        return Task.CompletedTask;
    }

    /// <summary>Drops the database and waits for it (at the end of the run, and where the name is reused at once).</summary>
    public static Task DropNowAsync(string database) => ExecuteAsync($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");

    /// <summary>A drop that fails leaves a database in a throw-away cluster: worth a line, not a failed test.</summary>
    public static async Task DropQuietlyAsync(string database)
    {
        try { await DropNowAsync(database); }
        catch (NpgsqlException e) { Console.Error.WriteLine($"Could not drop test database {database}: {e.Message}"); }
    }

    private static readonly Channel<string> Drops = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });

    private static readonly Lazy<Task> Dropper = new(() =>
    {
        // Whatever is queued goes at once: drops that wait together share the checkpoints they force, so the queue
        // keeps up under load and what is left at the end goes quickly (the test host may not be given long to exit).
        var worker = Task.Run(async () =>
        {
            while (await Drops.Reader.WaitToReadAsync())
            {
                var batch = new List<string>();
                while (Drops.Reader.TryRead(out var database)) batch.Add(database);
                await Task.WhenAll(batch.Select(DropQuietlyAsync));
            }
        });
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            Drops.Writer.TryComplete();
            worker.Wait(TimeSpan.FromMinutes(2));
        };
        return worker;
    });

    /// <summary>Runs a statement as the superuser, on the cluster's maintenance database.</summary>
    public static async Task ExecuteAsync(string sql)
    {
        await using var conn = new NpgsqlConnection(SuperuserConnection);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }
}
