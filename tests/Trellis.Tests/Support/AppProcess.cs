using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;
using Trellis.Web.Features.Audit;

namespace Trellis.Tests.Support;

/// <summary>
/// The built app (Trellis.Web.dll) as its own process, as an operator runs it: Production settings,
/// its own database (on SQLite in a data folder it creates itself; on PostgreSQL a fresh database
/// where it connects as a role that does not own the tables), CLI commands or the server, and a
/// context on the same database for arranging and checking.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "trellis-process", Guid.NewGuid().ToString("N"));
    private readonly string? pgDatabase;
    private Process? server;

    public DatabaseProvider Provider { get; } = TestDatabase.Provider;
    /// <summary>Not created here: the app makes it (and its permissions).</summary>
    public string DataDirectory => Path.Combine(root, "data");
    /// <summary>Stands in for the service account's ~/.config (XDG_CONFIG_HOME).</summary>
    public string ConfigDirectory => Path.Combine(root, "config");
    public byte[] Key { get; } = RandomNumberGenerator.GetBytes(32);
    public string AppConnection { get; }
    public string OwnerConnection { get; }
    /// <summary>Extra environment for every run; a null value removes a default (e.g. Audit__Key).</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    private AppProcess(string? pgDatabase)
    {
        this.pgDatabase = pgDatabase;
        Directory.CreateDirectory(ConfigDirectory);
        if (pgDatabase is not null)
        {
            AppConnection = TestDatabase.ConnectionFor(pgDatabase, TestDatabase.AppRole);
            OwnerConnection = TestDatabase.ConnectionFor(pgDatabase, TestDatabase.OwnerRole);
        }
        else AppConnection = OwnerConnection = $"Data Source={Path.Combine(DataDirectory, "trellis.db")}";
    }

    public static async Task<AppProcess> CreateAsync()
    {
        string? database = null;
        if (TestDatabase.Provider == DatabaseProvider.Postgres)
        {
            database = "trellis_p_" + Guid.NewGuid().ToString("N")[..14];
            await TestDatabase.CreateAsync(database);
        }
        return new AppProcess(database);
    }

    private ProcessStartInfo StartInfo(IEnumerable<string> args, int? port)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Trellis.Web.dll"), .. args])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory,
        };
        var env = new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Database__Provider"] = Provider.ToString(),
            // On SQLite the app derives the file from its data folder, as it does by default.
            ["ConnectionStrings__Trellis"] = Provider == DatabaseProvider.Postgres ? AppConnection : null,
            ["ConnectionStrings__TrellisAdmin"] = Provider == DatabaseProvider.Postgres ? OwnerConnection : null,
            ["Trellis__DataDirectory"] = DataDirectory,
            ["Trellis__DemoMode"] = "false",
            ["Audit__Key"] = Convert.ToBase64String(Key),
            ["XDG_CONFIG_HOME"] = ConfigDirectory,
            ["Security__SecureCookies"] = "false",
            ["Scheduling__GenerateInBackground"] = "false",
            ["Logging__LogLevel__Default"] = "Warning",
            ["ASPNETCORE_URLS"] = port is null ? null : $"http://127.0.0.1:{port}",
        };
        foreach (var (k, v) in Settings) env[k] = v;
        foreach (var (k, v) in env)
        {
            if (v is null) start.Environment.Remove(k);
            else start.Environment[k] = v;
        }
        return start;
    }

    /// <summary>Runs a command (`migrate`, `admin create …`, `audit verify`) to its end.</summary>
    public async Task<(int Code, string Output)> RunAsync(params string[] args)
    {
        using var p = Process.Start(StartInfo(args, null))!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        return (p.ExitCode, await stdout + await stderr);
    }

    /// <summary>Starts the server and returns its address once /health answers.</summary>
    public async Task<string> StartAsync()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        server = Process.Start(StartInfo([], port))!;
        var log = new ConcurrentQueue<string>();
        server.OutputDataReceived += (_, e) => { if (e.Data is not null) log.Enqueue(e.Data); };
        server.ErrorDataReceived += (_, e) => { if (e.Data is not null) log.Enqueue(e.Data); };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        var url = $"http://127.0.0.1:{port}";
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        for (var deadline = DateTime.UtcNow.AddSeconds(90); DateTime.UtcNow < deadline && !server.HasExited; await Task.Delay(200))
        {
            try { if ((await probe.GetAsync(url + "/health")).IsSuccessStatusCode) return url; }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { }
        }
        throw new InvalidOperationException("The app did not start:\n" + string.Join("\n", log));
    }

    /// <summary>Unix permissions of a file or folder (these tests run on Linux, as the app's servers do).</summary>
    public static UnixFileMode ModeOf(string path) =>
        OperatingSystem.IsWindows() ? throw new PlatformNotSupportedException() : File.GetUnixFileMode(path);

    /// <summary>SIGKILL: no shutdown, no flush; whatever was in flight is cut off.</summary>
    public async Task KillAsync()
    {
        if (server is null) return;
        if (!server.HasExited) server.Kill();
        await server.WaitForExitAsync();
        server.Dispose();
        server = null;
    }

    /// <summary>A context as the tables' owner, seeing everything, chaining with the app's key.</summary>
    public TrellisDbContext Context()
    {
        var services = new ContextServices(null, new AuditKey(Key), TimeProvider.System);
        TrellisDbContext db = Provider == DatabaseProvider.Postgres
            ? new PostgresTrellisDbContext(new DbContextOptionsBuilder<PostgresTrellisDbContext>().UseNpgsql(OwnerConnection).Options, services)
            : new SqliteTrellisDbContext(new DbContextOptionsBuilder<SqliteTrellisDbContext>().UseSqlite(OwnerConnection).Options, services);
        return db.ActAs(AccessScope.System, Actor.System("test"));
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        if (pgDatabase is not null) await TestDatabase.DropAsync(pgDatabase);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(root, true); } catch (IOException) { }
    }
}
