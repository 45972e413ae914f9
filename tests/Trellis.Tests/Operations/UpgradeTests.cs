using System.IO.Compression;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;
using Trellis.Tests.Support;
using Trellis.Web.Data;
using Trellis.Web.Features.Demo;

namespace Trellis.Tests.Operations;

/// <summary>
/// Issue 16, point 9: a database made by an earlier release (3e53ace's demo clinic, kept as a fixture with
/// its fictional audit key; Fixtures/make-fixtures.sh) is upgraded by this release's `migrate`: every table
/// it had keeps every row, the audit chain it wrote still verifies, and its accounts still sign in.
/// Runs on SQLite and on PostgreSQL (the fixture's plain-SQL pg_dump loaded as the owner role).
/// </summary>
[Long]
public sealed class UpgradeTests
{
    private static readonly byte[] FixtureKey = Encoding.ASCII.GetBytes("trellis-upgrade-fixture-key-0001");
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Operations", "Fixtures", name);

    [Fact]
    public async Task A_database_of_the_previous_release_upgrades_keeping_every_row_and_its_audit_chain()
    {
        await using var app = await AppProcess.CreateAsync(FixtureKey);
        await LoadFixtureAsync(app);
        var before = await CountsAsync(app);
        Assert.True(before["Participants"] > 0 && before["AuditEntries"] > 1000, "the fixture holds the demo clinic");

        var (code, output) = await app.RunAsync("migrate");
        Assert.True(code == 0, output);

        var after = await CountsAsync(app);
        var changed = before.Where(t => after.GetValueOrDefault(t.Key, -1) != t.Value).Select(t => $"{t.Key}: {t.Value} → {after.GetValueOrDefault(t.Key, -1)}").ToList();
        // Upgrading reads the old rows; it may add tables, but it never drops or rewrites what was there.
        Assert.True(changed.Count == 0, "rows changed by the upgrade: " + string.Join(", ", changed));
        Assert.True(after.Count > before.Count, "the later migrations added their tables");
        await Kept.AssertChainIntactAsync(app);

        // The release's people still sign in, and their charts read.
        var url = await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(url) };
        var login = await http.PostAsJsonAsync("/api/auth/login", new { email = DemoSeeder.EmailFor("Administrator"), password = DemoSeeder.Password });
        Assert.True(login.IsSuccessStatusCode, await login.Content.ReadAsStringAsync());
        var token = System.Text.Json.JsonDocument.Parse(await login.Content.ReadAsStringAsync()).RootElement.GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var list = await http.GetAsync("/api/participants?pageSize=100");
        var body = await list.Content.ReadAsStringAsync();
        Assert.True(list.IsSuccessStatusCode, body);
        Assert.Contains("\"mrn\"", body);
        await app.KillAsync();
        await Kept.AssertChainIntactAsync(app);
    }

    private static async Task LoadFixtureAsync(AppProcess app)
    {
        if (app.Provider == DatabaseProvider.Sqlite)
        {
            Directory.CreateDirectory(app.DataDirectory);
            await using var gz = new GZipStream(File.OpenRead(Fixture("release-3e53ace.sqlite.gz")), CompressionMode.Decompress);
            await using var file = File.Create(Path.Combine(app.DataDirectory, "trellis.db"));
            await gz.CopyToAsync(file);
            return;
        }
        // The dump has no owners or grants: loaded as the owner role it belongs to that role, as migrations would make it.
        var sql = Path.Combine(Path.GetTempPath(), $"trellis-fixture-{Guid.NewGuid():N}.sql");
        try
        {
            await using (var gz = new GZipStream(File.OpenRead(Fixture("release-3e53ace.postgres.sql.gz")), CompressionMode.Decompress))
            await using (var file = File.Create(sql))
                await gz.CopyToAsync(file);
            var b = new NpgsqlConnectionStringBuilder(app.OwnerConnection);
            await Shell.RunAsync(PgCluster.Bin("psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", b.Host!, "-p", b.Port.ToString(),
                "-U", b.Username!, "-d", b.Database!, "-f", sql);
        }
        finally { File.Delete(sql); }
    }

    /// <summary>Rows per table, read straight from the database (no app, no filters).</summary>
    private static async Task<Dictionary<string, long>> CountsAsync(AppProcess app)
    {
        var counts = new Dictionary<string, long>();
        if (app.Provider == DatabaseProvider.Sqlite)
        {
            await using var conn = new SqliteConnection(app.OwnerConnection + ";Pooling=False");
            await conn.OpenAsync();
            var tables = new List<string>();
            await using (var cmd = new SqliteCommand("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '__EFMigrationsHistory'", conn))
            await using (var r = await cmd.ExecuteReaderAsync())
                while (await r.ReadAsync()) tables.Add(r.GetString(0));
            foreach (var t in tables)
                await using (var cmd = new SqliteCommand($"SELECT count(*) FROM \"{t}\"", conn))
                    counts[t] = (long)(await cmd.ExecuteScalarAsync())!;
        }
        else
        {
            await using var conn = new NpgsqlConnection(app.OwnerConnection + ";Pooling=false");
            await conn.OpenAsync();
            var tables = new List<string>();
            await using (var cmd = new NpgsqlCommand("SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '__EFMigrationsHistory'", conn))
            await using (var r = await cmd.ExecuteReaderAsync())
                while (await r.ReadAsync()) tables.Add(r.GetString(0));
            foreach (var t in tables)
                await using (var cmd = new NpgsqlCommand($"SELECT count(*) FROM \"{t}\"", conn))
                    counts[t] = (long)(await cmd.ExecuteScalarAsync())!;
        }
        return counts;
    }
}
