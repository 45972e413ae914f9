using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Npgsql;
using Trellis.Web.Data;

namespace Trellis.Tests.Support;

/// <summary>
/// The demo clinic migrated and seeded once per test run and provider, which every app then starts
/// from a copy of: a file copy on SQLite, <c>CREATE DATABASE … TEMPLATE</c> on PostgreSQL. Seeding
/// per test class was most of the suite's time. The audit chain is keyed, so every copy runs with
/// the key the template was seeded with (<see cref="AuditKeyBase64"/>).
/// </summary>
public static class DemoTemplate
{
    /// <summary>The run's audit key: the template's chain was written with it, so its copies verify.</summary>
    public static string AuditKeyBase64 { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? sqliteFile;
    private static string? postgresDatabase;

    /// <summary>Puts a copy of the seeded SQLite database at <paramref name="path"/>.</summary>
    public static async Task CopySqliteToAsync(string path)
    {
        var template = await OnceAsync(() => sqliteFile, BuildSqliteAsync, f => sqliteFile = f);
        File.Copy(template, path);
    }

    /// <summary>
    /// A new database that is a copy of the seeded PostgreSQL database, and its name. The copies are made ahead, a
    /// few at a time in the background: CREATE DATABASE … TEMPLATE writes the whole template to the WAL (about 21 MB,
    /// 0.5 s on a quiet machine and seconds under load), and a class that waited for it held one of the run's test
    /// slots meanwhile.
    /// </summary>
    public static async Task<string> TakePostgresCopyAsync()
    {
        await OnceAsync(() => postgresDatabase, BuildPostgresAsync, d => postgresDatabase = d);
        var database = await ReadyCopies.Reader.ReadAsync();
        Unclaimed.TryRemove(database, out _);
        return database;
    }

    // Two ready and one being made: the run's two test slots rarely take copies faster than that.
    private static readonly Channel<string> ReadyCopies = Channel.CreateBounded<string>(2);
    private static readonly ConcurrentDictionary<string, bool> Unclaimed = new();

    private static void StartMakingCopies(string template)
    {
        var stop = new CancellationTokenSource(); // lives as long as the process
        var maker = Task.Run(async () =>
        {
            try
            {
                while (!stop.IsCancellationRequested)
                {
                    var database = "trellis_t_" + Guid.NewGuid().ToString("N")[..16];
                    Unclaimed[database] = true;
                    await TestDatabase.ExecuteAsync($"CREATE DATABASE \"{database}\" TEMPLATE \"{template}\" OWNER {TestDatabase.OwnerRole}");
                    await ReadyCopies.Writer.WriteAsync(database, stop.Token);
                }
            }
            catch (OperationCanceledException) { }
            catch (Exception e) { ReadyCopies.Writer.TryComplete(e); } // the classes waiting for a copy fail with it
        });
        // At the end the copies nobody took go, with the template, all at once (they share the checkpoints they force).
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            stop.Cancel();
            maker.Wait(TimeSpan.FromSeconds(10));
            Task.WhenAll(Unclaimed.Keys.Append(template).Select(TestDatabase.DropQuietlyAsync)).Wait(TimeSpan.FromSeconds(60));
        };
    }

    private static async Task<string> OnceAsync(Func<string?> built, Func<Task<string>> build, Action<string> keep)
    {
        if (built() is { } done) return done;
        await Gate.WaitAsync();
        try
        {
            if (built() is { } raced) return raced;
            var made = await build();
            keep(made);
            return made;
        }
        finally { Gate.Release(); }
    }

    private static async Task<string> BuildSqliteAsync()
    {
        var factory = new TrellisFactory(seedsItsOwn: true);
        await factory.InitializeAsync();
        var file = Path.Combine(Path.GetTempPath(), "trellis-tests", "template-" + Guid.NewGuid().ToString("N"), "trellis.db");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        // The backup API copies a consistent database with its WAL folded in, whatever connections the app still pools.
        await using (var source = new SqliteConnection(factory.AppConnection))
        await using (var target = new SqliteConnection($"Data Source={file};Pooling=False"))
        {
            await source.OpenAsync();
            await target.OpenAsync();
            source.BackupDatabase(target);
        }
        await factory.DisposeAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => { try { Directory.Delete(Path.GetDirectoryName(file)!, true); } catch (IOException) { } };
        return file;
    }

    private static async Task<string> BuildPostgresAsync()
    {
        var factory = new TrellisFactory(seedsItsOwn: true);
        await factory.InitializeAsync();
        var database = factory.DatabaseName!;
        await factory.DisposeAsync(keepDatabase: true);
        // A template must have no one connected while it is copied; nobody may connect to it again.
        await TestDatabase.ExecuteAsync($"ALTER DATABASE \"{database}\" WITH ALLOW_CONNECTIONS false");
        await TestDatabase.ExecuteAsync($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{database}' AND pid <> pg_backend_pid()");
        StartMakingCopies(database);
        return database;
    }
}
