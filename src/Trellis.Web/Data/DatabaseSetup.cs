using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Trellis.Web.Data;

public enum DatabaseProvider { Sqlite, Postgres }

/// <summary>Database configuration: which provider, where, and the checks that an acknowledged save is durable.</summary>
public static class DatabaseSetup
{
    public static DatabaseProvider Provider(IConfiguration config)
    {
        var value = config["Database:Provider"];
        if (string.IsNullOrWhiteSpace(value)) return DatabaseProvider.Sqlite;
        return Enum.TryParse<DatabaseProvider>(value, ignoreCase: true, out var p) ? p
            : throw new InvalidOperationException($"Database:Provider is '{value}'; use 'Sqlite' or 'Postgres'.");
    }

    public static string DataDirectory(IConfiguration config, IHostEnvironment env) =>
        Path.GetFullPath(config["Trellis:DataDirectory"] is { Length: > 0 } d ? d : Path.Combine(env.ContentRootPath, "data"));

    public static string ConnectionString(IConfiguration config, IHostEnvironment env)
    {
        var configured = config.GetConnectionString("Trellis");
        if (!string.IsNullOrWhiteSpace(configured)) return configured;
        if (Provider(config) == DatabaseProvider.Postgres)
            throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Trellis is not set.");
        var dir = DataDirectory(config, env);
        var file = Path.Combine(dir, "trellis.db");
        CreatePrivately(dir, file);
        return $"Data Source={file}";
    }

    /// <summary>
    /// The data folder is made 0700 and the database 0600 before SQLite first opens it: health data
    /// is for the service account alone. SQLite gives -wal and -shm the database file's mode.
    /// A folder or file that already exists keeps the mode its operator chose.
    /// </summary>
    public static void CreatePrivately(string dir, string databaseFile)
    {
        if (OperatingSystem.IsWindows()) { Directory.CreateDirectory(dir); return; }
        if (!Directory.Exists(dir)) Directory.CreateDirectory(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        if (File.Exists(databaseFile)) return;
        try
        {
            using (new FileStream(databaseFile, new FileStreamOptions
            {
                Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            })) { }
            // Made a real database in WAL mode at once: EF Core opens an existing file read-only to
            // look at it, and an empty file cannot be switched to WAL on such a connection.
            using var sqlite = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={databaseFile};Pooling=False");
            sqlite.Open();
            using var wal = sqlite.CreateCommand();
            wal.CommandText = "PRAGMA journal_mode=WAL;";
            wal.ExecuteNonQuery();
        }
        catch (IOException) when (File.Exists(databaseFile)) { } // created by another process this instant
    }

    public static IServiceCollection AddTrellisDatabase(this IServiceCollection services, IConfiguration config, IHostEnvironment env)
    {
        var connection = ConnectionString(config, env);
        if (Provider(config) == DatabaseProvider.Postgres)
            services.AddDbContext<TrellisDbContext, PostgresTrellisDbContext>(o => ConfigurePostgres(o, connection), optionsLifetime: ServiceLifetime.Singleton);
        else
            services.AddDbContext<TrellisDbContext, SqliteTrellisDbContext>(o => ConfigureSqlite(o, connection), optionsLifetime: ServiceLifetime.Singleton);
        return services;
    }

    public static void ConfigureSqlite(DbContextOptionsBuilder o, string connection) =>
        o.UseSqlite(connection, s => s.MigrationsHistoryTable("__EFMigrationsHistory").UseParameterizedCollectionMode(ParameterTranslationMode.Parameter))
         .AddInterceptors(SqlitePragmas.Instance);

    public static void ConfigurePostgres(DbContextOptionsBuilder o, string connection) =>
        o.UseNpgsql(connection, n => n.ExecutionStrategy(d => new RetryStrategy(d)).UseParameterizedCollectionMode(ParameterTranslationMode.Parameter));

    /// <summary>
    /// Creates a context for start-up work with the owner's connection when one is configured
    /// (ConnectionStrings:TrellisAdmin), so the app's own role never needs to own the tables.
    /// On SQLite there is one connection, so it is the app's own context (from the scope
    /// <paramref name="sp"/>, which must outlive it): one EF Core model is built, not two, which
    /// is seconds of every start.
    /// </summary>
    public static TrellisDbContext CreateAdminContext(IServiceProvider sp, IConfiguration config, IHostEnvironment env)
    {
        var services = sp.GetRequiredService<ContextServices>();
        var admin = config.GetConnectionString("TrellisAdmin");
        if (Provider(config) == DatabaseProvider.Postgres)
        {
            var b = new DbContextOptionsBuilder<PostgresTrellisDbContext>();
            ConfigurePostgres(b, string.IsNullOrWhiteSpace(admin) ? ConnectionString(config, env) : admin);
            return new PostgresTrellisDbContext(b.Options, services);
        }
        return new SqliteTrellisDbContext(sp.GetRequiredService<DbContextOptions<SqliteTrellisDbContext>>(), services);
    }

    /// <summary>
    /// Names a data folder or database that others on the host can read (made by an earlier version
    /// or by hand), with the command that makes them private; null when they are.
    /// </summary>
    public static string? OpenPermissions(IConfiguration config, IHostEnvironment env)
    {
        if (OperatingSystem.IsWindows() || Provider(config) != DatabaseProvider.Sqlite) return null;
        const UnixFileMode others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
            | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
        var dir = DataDirectory(config, env);
        var open = new[] { dir, Path.Combine(dir, "trellis.db"), Path.Combine(dir, "trellis.db-wal"), Path.Combine(dir, "trellis.db-shm") }
            .Where(p => !OperatingSystem.IsWindows() && Path.Exists(p) && (File.GetUnixFileMode(p) & others) != 0).ToList();
        return open.Count == 0 ? null
            : $"Others on this host can read the health data in {string.Join(", ", open)}. Make them private: chmod 700 {dir} && chmod 600 {Path.Combine(dir, "trellis.db")}*";
    }

    /// <summary>
    /// Refuses to run on a database that could lose an acknowledged save in a crash.
    /// Returns what was checked, for the health endpoint and the start-up log.
    /// </summary>
    public static async Task<string> CheckDurabilityAsync(TrellisDbContext db, CancellationToken ct = default)
    {
        if (db.Database.IsSqlite())
        {
            var mode = await Scalar(db, "PRAGMA journal_mode", ct);
            var sync = await Scalar(db, "PRAGMA synchronous", ct);
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase) || sync != "2")
                throw new InvalidOperationException($"SQLite must run with journal_mode=WAL and synchronous=FULL (2); found {mode} and {sync}.");
            return "sqlite journal_mode=wal synchronous=full";
        }
        var fsync = await Scalar(db, "SHOW fsync", ct);
        var commit = await Scalar(db, "SHOW synchronous_commit", ct);
        if (fsync != "on" || commit == "off")
            throw new InvalidOperationException($"PostgreSQL must run with fsync=on and synchronous_commit on; found fsync={fsync}, synchronous_commit={commit}.");
        return $"postgres fsync={fsync} synchronous_commit={commit}";
    }

    internal static async Task<string?> Scalar(TrellisDbContext db, string sql, CancellationToken ct)
    {
        var conn = db.Database.GetDbConnection();
        var close = conn.State != System.Data.ConnectionState.Open;
        if (close) await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = sql;
            cmd.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            return Convert.ToString(await cmd.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
        }
        finally
        {
            if (close) await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// On PostgreSQL, when migrations ran as a separate owner role, give the app's role what it
    /// needs and no more: it may read and append to the audit trail, never change or remove it.
    /// </summary>
    public static async Task GrantAppRoleAsync(TrellisDbContext admin, string appConnection, CancellationToken ct = default)
    {
        if (!admin.Database.IsNpgsql()) return;
        var appRole = new NpgsqlConnectionStringBuilder(appConnection).Username;
        var owner = await Scalar(admin, "SELECT current_user", ct);
        if (string.IsNullOrEmpty(appRole) || appRole == owner) return;
        var role = new NpgsqlCommandBuilder().QuoteIdentifier(appRole);
        // The role name is quoted as an identifier; it cannot be a parameter in GRANT.
        var grants = $"""
            GRANT USAGE ON SCHEMA public TO {role};
            GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role};
            GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role};
            REVOKE UPDATE, DELETE, TRUNCATE ON "AuditEntries" FROM {role};
            """;
        await admin.Database.ExecuteSqlRawAsync(grants, ct);
    }

    /// <summary>True when the connected role could rewrite the audit trail (it owns it, or holds UPDATE or DELETE).</summary>
    public static async Task<bool> AppRoleCanRewriteAuditAsync(TrellisDbContext db, CancellationToken ct = default)
    {
        if (!db.Database.IsNpgsql()) return false;
        var result = await Scalar(db, """
            SELECT has_table_privilege(current_user, '"AuditEntries"', 'UPDATE')
                OR has_table_privilege(current_user, '"AuditEntries"', 'DELETE')
                OR has_table_privilege(current_user, '"AuditEntries"', 'TRUNCATE')
            """, ct);
        return result == "True";
    }
}

/// <summary>
/// Sets the pragmas that make SQLite durable and safe on every connection: WAL with
/// synchronous=FULL (an acknowledged commit survives power loss), foreign keys, and a busy timeout
/// so concurrent writers wait instead of failing.
/// </summary>
/// <remarks>
/// Pragmas belong to the physical connection, which Microsoft.Data.Sqlite pools and hands back on the next
/// open, and EF Core opens a connection for each query: a chart read opened it seven times and ran these
/// four statements each time. So they run once per physical connection (known by its native handle, which
/// the pool keeps with it), and a connection the pool makes anew gets them on its first open.
/// </remarks>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    public static readonly SqlitePragmas Instance = new();
    private const string Sql = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=10000;";
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, object> Prepared = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (AlreadySet(connection)) return;
        using var cmd = connection.CreateCommand();
        cmd.CommandText = Sql;
        cmd.ExecuteNonQuery();
        Remember(connection);
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken ct = default)
    {
        if (AlreadySet(connection)) return;
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = Sql;
        await cmd.ExecuteNonQueryAsync(ct);
        Remember(connection);
    }

    private static bool AlreadySet(DbConnection connection) =>
        connection is Microsoft.Data.Sqlite.SqliteConnection { Handle: { } handle } && Prepared.TryGetValue(handle, out _);

    private static void Remember(DbConnection connection)
    {
        if (connection is Microsoft.Data.Sqlite.SqliteConnection { Handle: { } handle }) Prepared.AddOrUpdate(handle, Instance);
    }
}
