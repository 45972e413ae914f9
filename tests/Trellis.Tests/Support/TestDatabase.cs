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

    public static async Task DropAsync(string database)
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
    }

    /// <summary>Runs a statement as the superuser, on the cluster's maintenance database.</summary>
    public static async Task ExecuteAsync(string sql)
    {
        await using var conn = new NpgsqlConnection(SuperuserConnection);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }
}
