using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Trellis.Tests.Support;
using Trellis.Web.Data;
using Trellis.Web.Features.Audit;

namespace Trellis.Tests.Foundation;

/// <summary>
/// Issue 16: removing the newest audit entries leaves a chain that links perfectly. The signed
/// checkpoints the app appends to Audit__CheckpointPath catch it: `audit verify` reads that file by
/// itself and fails when the chain no longer reaches a checkpoint.
/// </summary>
[Long]
public sealed class AuditTruncationTests : IAsyncLifetime
{
    private const string Email = "truncation.admin@clinic.example.org";
    private const string Password = "Truncation-test-passphrase-1";
    private AppProcess app = null!;
    private string checkpoints = "";

    public async Task InitializeAsync()
    {
        app = await AppProcess.CreateAsync();
        checkpoints = Path.Combine(app.ConfigDirectory, "checkpoints", "audit-checkpoints.log");
        app.Settings["Audit__CheckpointPath"] = checkpoints;
        app.Settings["Audit__CheckpointSeconds"] = "1";
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task Audit_verify_fails_when_the_newest_entries_were_removed_after_a_checkpoint()
    {
        var (code, output) = await app.RunAsync("admin", "create", "--email", Email, "--password", Password);
        Assert.True(code == 0, output);
        var url = await app.StartAsync();
        using (var http = new HttpClient { BaseAddress = new Uri(url) })
        {
            for (var i = 0; i < 3; i++) await http.PostAsJsonAsync("/api/auth/login", new { email = Email, password = Password }); // audited sign-ins
        }
        var head = await HeadAsync();
        var key = new AuditKey(app.Key);
        for (var deadline = DateTime.UtcNow.AddSeconds(30); DateTime.UtcNow < deadline; await Task.Delay(200))
            if (AuditCheckpoints.Read(key, checkpoints).Checkpoints.Any(c => c.Sequence == head)) break;
        await app.KillAsync();
        Assert.Contains(AuditCheckpoints.Read(key, checkpoints).Checkpoints, c => c.Sequence == head);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, AppProcess.ModeOf(checkpoints));

        (code, output) = await app.RunAsync("audit", "verify");
        Assert.True(code == 0, output);
        Assert.Contains("checkpoints", output);

        await RemoveNewestAsync(2);
        (code, output) = await app.RunAsync("audit", "verify");
        Assert.Equal(1, code);
        // The first checkpoint past the new end is named (the app wrote one each time the head moved).
        var firstLost = AuditCheckpoints.Read(key, checkpoints).Checkpoints.Where(c => c.Sequence > head - 2).Min(c => c.Sequence);
        Assert.Contains($"the chain ends at entry {head - 2}, but a checkpoint written", output);
        Assert.Contains($"records entry {firstLost}: the newest entries were removed", output);

        // Pointed at another checkpoint file explicitly, the same rule holds; with none, the chain alone passes.
        var copy = checkpoints + ".copy";
        File.Copy(checkpoints, copy);
        (code, output) = await app.RunAsync("audit", "verify", "--checkpoints", copy);
        Assert.Equal(1, code);
        app.Settings["Audit__CheckpointPath"] = null;
        (code, output) = await app.RunAsync("audit", "verify");
        Assert.True(code == 0, output);
    }

    private async Task<long> HeadAsync()
    {
        await using var db = app.Context();
        return await db.AuditEntries.MaxAsync(e => e.Sequence);
    }

    /// <summary>What someone with write access to the database could do: switch the append-only triggers off and delete.</summary>
    private async Task RemoveNewestAsync(int count)
    {
        await using var db = app.Context();
        var from = await db.AuditEntries.MaxAsync(e => e.Sequence) - count;
        var sql = app.Provider == DatabaseProvider.Postgres
            ? $"ALTER TABLE \"AuditEntries\" DISABLE TRIGGER USER; DELETE FROM \"AuditEntries\" WHERE \"Sequence\" > {from}; ALTER TABLE \"AuditEntries\" ENABLE TRIGGER USER;"
            : $"DROP TRIGGER audit_entries_no_delete; DELETE FROM AuditEntries WHERE Sequence > {from};" +
              "CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON AuditEntries BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;";
        await db.Database.ExecuteSqlRawAsync(sql);
    }
}
