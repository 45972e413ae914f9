using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Trellis.Tests.Support;
using Trellis.Web.Data;
using Trellis.Web.Features.Audit;

namespace Trellis.Tests.Operations;

/// <summary>
/// Issue 16, point 9: an online backup taken while the app is writing (SQLite's backup API, the one
/// `sqlite3 .backup` uses; `pg_dump` for PostgreSQL, whose snapshot is one transaction) restores into a
/// fresh instance in which every write acknowledged before the backup began is present, each chart has its
/// audit entry and each entry its chart, and `audit verify` says intact. The commands are those of
/// docs/operations.md.
/// </summary>
[Long]
public sealed class BackupRestoreTests
{
    [Fact]
    public async Task An_online_backup_under_write_load_restores_with_every_acknowledged_write_and_an_intact_chain()
    {
        await using var live = await AppProcess.CreateAsync();
        var programId = await Kept.PrepareAsync(live);
        var traffic = new Traffic(await live.StartAsync(), programId);
        await traffic.AddApiClientsAsync(3, Kept.Email, Kept.Password);
        await Traffic.WaitForAsync(() => traffic.Written.Count >= 20, 90, "20 charts written before the backup");

        var acknowledged = traffic.Written.ToList();
        await using var restored = await AppProcess.CreateAsync(live.Key);
        var file = Path.Combine(Path.GetTempPath(), $"trellis-backup-{Guid.NewGuid():N}");
        try
        {
            if (live.Provider == DatabaseProvider.Sqlite)
            {
                // The backup goes to a file beside nothing of the app's, then is put in place as a restore would.
                await using (var source = new SqliteConnection(live.AppConnection + ";Pooling=False"))
                await using (var target = new SqliteConnection($"Data Source={file};Pooling=False"))
                {
                    await source.OpenAsync();
                    await target.OpenAsync();
                    source.BackupDatabase(target);
                }
                Directory.CreateDirectory(restored.DataDirectory);
                File.Copy(file, Path.Combine(restored.DataDirectory, "trellis.db"));
            }
            else
            {
                var from = new NpgsqlConnectionStringBuilder(live.OwnerConnection);
                var to = new NpgsqlConnectionStringBuilder(restored.OwnerConnection);
                await Shell.RunAsync(PgCluster.Bin("pg_dump"), "-Fc", "-h", from.Host!, "-p", from.Port.ToString(), "-U", from.Username!, "-d", from.Database!, "-f", file);
                await Shell.RunAsync(PgCluster.Bin("pg_restore"), "--no-owner", "--exit-on-error", "-h", to.Host!, "-p", to.Port.ToString(), "-U", to.Username!, "-d", to.Database!, file);
                // `migrate` grants the app's role what it may do (SELECT and INSERT only on the audit trail).
                var (code, output) = await restored.RunAsync("migrate");
                Assert.True(code == 0, output);
            }
        }
        finally { File.Delete(file); }

        // The writes go on after the backup; the restore holds the moment it was taken.
        await Traffic.WaitForAsync(() => traffic.Written.Count >= acknowledged.Count + 5, 60, "writes after the backup");
        await traffic.StopAsync();
        await live.KillAsync();

        await Kept.AssertWrittenAsync(restored, acknowledged);
        await using (var db = restored.Context())
        {
            var charts = await db.Participants.IgnoreQueryFilters().Select(p => p.Id).ToListAsync();
            var created = await db.AuditEntries.AsNoTracking().Where(e => e.RecordType == "Participant" && e.Action == AuditActions.Create)
                .Select(e => e.RecordId!).ToListAsync();
            Assert.Equal(charts.Order(), created.Select(Guid.Parse).Order());
        }
        await Kept.AssertChainIntactAsync(restored);
    }
}
