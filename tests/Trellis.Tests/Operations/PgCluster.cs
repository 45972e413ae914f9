using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Trellis.Tests.Operations;

/// <summary>
/// A PostgreSQL cluster of a test's own (initdb in a temporary folder, its own port), so that the
/// test may stop, restart and kill it without touching the suite's shared server. Durable settings
/// (fsync, synchronous_commit) as the app demands. As root, the server runs as the postgres user.
/// </summary>
public sealed class PgCluster : IAsyncDisposable
{
    private readonly string dir = Path.Combine("/tmp", "trellis-ops-pg-" + Guid.NewGuid().ToString("N")[..10]);
    public int Port { get; } = FreePort();
    private string Data => Path.Combine(dir, "data");

    public static string Bin(string tool) =>
        Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin", tool)).Where(File.Exists)
            .OrderBy(p => Version.Parse(Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(p)))!.Split('.')[0] + ".0"))
            .LastOrDefault() ?? throw new InvalidOperationException($"PostgreSQL's {tool} is not installed (./test.sh installs it).");

    private static bool IsRoot => Environment.UserName == "root";

    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>A fresh cluster, started, with the owner and app roles the app expects.</summary>
    public static async Task<PgCluster> StartNewAsync()
    {
        var cluster = new PgCluster();
        Directory.CreateDirectory(cluster.dir);
        if (IsRoot) await Shell.RunAsync("chown", "postgres:postgres", cluster.dir);
        await cluster.AsServerUser(Bin("initdb"), "-D", cluster.Data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8");
        await cluster.StartAsync();
        await cluster.ExecuteAsync("postgres", "CREATE ROLE trellis_owner LOGIN; CREATE ROLE trellis_app LOGIN;");
        return cluster;
    }

    public Task StartAsync() => AsServerUser(Bin("pg_ctl"), "-D", Data, "-l", Path.Combine(dir, "server.log"), "-w", "-t", "60", "start",
        "-o", $"-c listen_addresses=127.0.0.1 -p {Port} -k {dir} -c max_connections=200");

    /// <summary>A fast shutdown: open connections are cut, as in a restart or fail-over.</summary>
    public Task StopAsync() => AsServerUser(Bin("pg_ctl"), "-D", Data, "-w", "stop", "-m", "fast");

    public string Connection(string database, string role = "postgres") =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Database = database, Username = role }.ConnectionString;

    public async Task CreateDatabaseAsync(string name) => await ExecuteAsync("postgres", $"CREATE DATABASE \"{name}\" OWNER trellis_owner");

    public async Task ExecuteAsync(string database, string sql)
    {
        await using var conn = new NpgsqlConnection(Connection(database) + ";Pooling=false");
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>Runs a PostgreSQL client tool (pg_dump, psql) against this cluster as the superuser.</summary>
    public Task<string> ClientAsync(string tool, params string[] args) =>
        Shell.RunAsync(Bin(tool), ["-h", "127.0.0.1", "-p", Port.ToString(), "-U", "postgres", .. args]);

    private Task<string> AsServerUser(string tool, params string[] args) =>
        IsRoot ? Shell.RunAsync("su", "postgres", "-s", "/bin/sh", "-c", string.Join(' ', new[] { tool }.Concat(args).Select(Shell.Quote)))
               : Shell.RunAsync(tool, args);

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try { await AsServerUser(Bin("pg_ctl"), "-D", Data, "-w", "stop", "-m", "immediate"); } catch (InvalidOperationException) { }
        try { Directory.Delete(dir, true); } catch (IOException) { }
    }
}

/// <summary>Runs a program to its end; a non-zero exit is an exception with its output.</summary>
public static class Shell
{
    public static string Quote(string s) => "'" + s.Replace("'", "'\\''") + "'";

    public static async Task<string> RunAsync(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var p = Process.Start(start)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        var output = await stdout + await stderr;
        return p.ExitCode == 0 ? output : throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited {p.ExitCode}:\n{output}");
    }
}
