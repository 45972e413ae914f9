using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Trellis.Tests.Support;
using Trellis.Web.Data;
using Trellis.Web.Features.Audit;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Demo;

namespace Trellis.Tests.Foundation;

[Long]
public class AuditTrailTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    private async Task<AuditEntry> LastAsync(Func<AuditEntry, bool> match)
    {
        await using var s = app.Db();
        var recent = await s.Context.AuditEntries.OrderByDescending(e => e.Sequence).Take(500).ToListAsync();
        return recent.First(match);
    }

    [Fact]
    public async Task Reads_are_audited_with_who_role_record_and_participant()
    {
        var clinician = await app.ApiAsync(Roles.Clinician);
        var p = await Demo.ParticipantInAsync(app, Demo.MentalHealth);
        Assert.Equal(HttpStatusCode.OK, (await clinician.GetAsync($"/api/participants/{p.Id}")).StatusCode);
        var e = await LastAsync(x => x.Action == AuditActions.Read && x.RecordId == p.Id.ToString());
        Assert.Equal("clinician@demo.trellis.test", e.UserName);
        Assert.Equal(Roles.Clinician, e.Role);
        Assert.Equal("Participant", e.RecordType);
        Assert.Equal(p.Id, e.ParticipantId);
        Assert.Equal("Success", e.Outcome);

        await clinician.GetAsync($"/api/participants?search={p.Mrn}");
        var listed = await LastAsync(x => x.Action == AuditActions.Read && x.Detail == "participant list");
        Assert.Equal(p.Id, listed.ParticipantId);
    }

    [Fact]
    public async Task Creates_updates_deletes_restores_and_refused_reads_are_audited()
    {
        var director = await app.ApiAsync(Roles.ProgramDirector);
        var created = await director.PostAsJsonAsync("/api/participants", Demo.NewParticipant(await Demo.ProgramIdAsync(app, Demo.MentalHealth), "Audited"));
        var id = (string)(await Json.ReadAsync(created))["id"]!;
        Assert.Equal(AuditActions.Create, (await LastAsync(x => x.RecordId == id && x.RecordType == "Participant" && x.Action != AuditActions.Read)).Action);

        var get = await director.GetAsync($"/api/participants/{id}");
        var body = await Json.ReadAsync(get);
        body["city"] = "Gresham";
        await director.PutJsonAsync($"/api/participants/{id}", body, get.Headers.ETag!.Tag);
        var update = await LastAsync(x => x.RecordId == id && x.Action == AuditActions.Update);
        Assert.Contains("City", update.Detail);
        Assert.DoesNotContain("Gresham", update.Detail); // names of fields, never their values

        await director.DeleteAsync($"/api/participants/{id}");
        Assert.Equal("soft delete", (await LastAsync(x => x.RecordId == id && x.Action == AuditActions.Delete)).Detail);
        await director.PostAsync($"/api/participants/{id}/restore", null);
        await LastAsync(x => x.RecordId == id && x.Action == AuditActions.Restore);

        var clinician = await app.ApiAsync(Roles.Clinician);
        var outside = await Demo.ParticipantInAsync(app, Demo.SubstanceUse);
        await clinician.GetAsync($"/api/participants/{outside.Id}");
        var refused = await LastAsync(x => x.RecordId == outside.Id.ToString() && x.Outcome.StartsWith("Failure"));
        Assert.Equal("clinician@demo.trellis.test", refused.UserName);
    }

    [Fact]
    public async Task Sign_in_successes_and_failures_are_audited()
    {
        var client = app.Anonymous();
        await client.PostAsJsonAsync("/api/auth/login", new { email = DemoSeeder.EmailFor(Roles.Prescriber), password = "definitely wrong" });
        var failure = await LastAsync(x => x.Action == AuditActions.SignIn && x.UserName == DemoSeeder.EmailFor(Roles.Prescriber));
        Assert.Equal("Failure: Failed", failure.Outcome);
        Assert.Equal("wrong password", failure.Detail);
        await TrellisFactory.LoginAsync(client, DemoSeeder.EmailFor(Roles.Prescriber), DemoSeeder.Password);
        Assert.Equal("Success", (await LastAsync(x => x.Action == AuditActions.SignIn && x.UserName == DemoSeeder.EmailFor(Roles.Prescriber))).Outcome);
        await client.PostAsJsonAsync("/api/auth/login", new { email = "ghost@example.org", password = "whatever-it-is" });
        Assert.Equal("unknown account", (await LastAsync(x => x.Action == AuditActions.SignIn && x.UserName == "ghost@example.org")).Detail);
    }

    [Fact]
    public async Task The_database_refuses_to_change_or_remove_audit_entries()
    {
        if (app.Provider == DatabaseProvider.Postgres)
        {
            // The app's own role holds no UPDATE or DELETE privilege on the trail at all.
            await using var conn = new NpgsqlConnection(app.AppConnection);
            await conn.OpenAsync();
            foreach (var sql in new[] { "UPDATE \"AuditEntries\" SET \"Outcome\" = 'x' WHERE \"Sequence\" = 1", "DELETE FROM \"AuditEntries\" WHERE \"Sequence\" = 1", "TRUNCATE \"AuditEntries\"" })
            {
                await using var cmd = new NpgsqlCommand(sql, conn);
                var e = await Assert.ThrowsAsync<PostgresException>(() => cmd.ExecuteNonQueryAsync());
                Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, e.SqlState);
            }
        }
        // And the triggers refuse it even to the owner.
        await using var s = app.Db();
        await Assert.ThrowsAnyAsync<Exception>(() => s.Context.Database.ExecuteSqlRawAsync("UPDATE \"AuditEntries\" SET \"Outcome\" = 'x' WHERE \"Sequence\" = 1"));
        await Assert.ThrowsAnyAsync<Exception>(() => s.Context.Database.ExecuteSqlRawAsync("DELETE FROM \"AuditEntries\" WHERE \"Sequence\" = 1"));
    }

    [Fact]
    public async Task Audit_verify_names_an_altered_a_deleted_and_an_inserted_entry()
    {
        // Some traffic so the chain is long enough.
        var admin = await app.ApiAsync(Roles.Administrator);
        for (var i = 0; i < 3; i++) await admin.GetAsync("/api/participants?pageSize=5");
        var (code, output) = await VerifyAsync();
        Assert.True(code == 0, output);
        Assert.Contains("intact", output);

        await using var tamper = new Tamperer(app);
        var target = await tamper.MiddleSequenceAsync();

        await tamper.ExecAsync($"UPDATE \"AuditEntries\" SET \"UserName\" = 'someone-else@example.org' WHERE \"Sequence\" = {target}");
        (code, output) = await VerifyAsync();
        Assert.Equal(1, code);
        Assert.Contains($"entry {target} was altered", output);
        await tamper.RestoreAsync();

        // The command's wiring (exit 1, the finding on stderr) is proven above; the other findings come from the same
        // verifier, asked here in this process: each command run costs a process start, a JIT and a model build.
        await tamper.ExecAsync($"DELETE FROM \"AuditEntries\" WHERE \"Sequence\" = {target}");
        (code, output) = await VerifyHereAsync();
        Assert.Equal(1, code);
        Assert.Contains($"between entry {target - 1} and entry {target + 1} were removed", output);
        await tamper.RestoreAsync();

        // Inserting means making room: later entries are renumbered and a forged one takes the place.
        await tamper.InsertForgedAtAsync(target);
        (code, output) = await VerifyHereAsync();
        Assert.Equal(1, code);
        Assert.Contains($"entry {target} was inserted", output);
        await tamper.RestoreAsync();

        (code, output) = await VerifyAsync();
        Assert.True(code == 0, output);
    }

    /// <summary>Runs the real command, `Trellis.Web audit verify`, as its own process against this test's database.</summary>
    private async Task<(int Code, string Output)> VerifyAsync()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Trellis.Web.dll");
        var start = new ProcessStartInfo("dotnet", [dll, "audit", "verify"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["Database__Provider"] = app.Provider.ToString();
        start.Environment["ConnectionStrings__Trellis"] = app.AppConnection;
        start.Environment["Audit__Key"] = app.AuditKeyBase64;
        start.Environment["Trellis__DataDirectory"] = app.DataDirectory;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>What `audit verify` answers (exit code, the verifier's description), from the running app's own services.</summary>
    private async Task<(int Code, string Output)> VerifyHereAsync()
    {
        await using var s = app.Db();
        var result = await AuditVerifier.VerifyAsync(s.Context, s.Services.GetRequiredService<AuditKey>(), s.Services.GetRequiredService<AuditSettings>().CheckpointPath);
        return (result.Intact ? 0 : 1, result.Describe());
    }

    /// <summary>
    /// Plays someone with write access to the database (the owner, or the SQLite file's owner):
    /// switches the append-only triggers off, changes rows, and can put everything back.
    /// </summary>
    private sealed class Tamperer(TrellisFactory app) : IAsyncDisposable
    {
        private List<AuditEntry> original = [];

        public async Task<long> MiddleSequenceAsync()
        {
            await using var s = app.Db();
            original = await s.Context.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync();
            return original[original.Count / 2].Sequence;
        }

        public async Task ExecAsync(string sql)
        {
            if (app.Provider == DatabaseProvider.Postgres)
            {
                await using var conn = new NpgsqlConnection(app.OwnerConnection);
                await conn.OpenAsync();
                await using var cmd = new NpgsqlCommand($"ALTER TABLE \"AuditEntries\" DISABLE TRIGGER USER; {sql}; ALTER TABLE \"AuditEntries\" ENABLE TRIGGER USER;", conn);
                await cmd.ExecuteNonQueryAsync();
            }
            else
            {
                await using var conn = new SqliteConnection(app.OwnerConnection);
                await conn.OpenAsync();
                await using var cmd = conn.CreateCommand();
                cmd.CommandText = $"DROP TRIGGER audit_entries_no_update; DROP TRIGGER audit_entries_no_delete; {sql};" +
                    "CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON AuditEntries BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;" +
                    "CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON AuditEntries BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;";
                await cmd.ExecuteNonQueryAsync();
            }
        }

        public async Task InsertForgedAtAsync(long sequence)
        {
            // Move later entries up one. Through negative numbers, so no two share a number on the way: two statements
            // instead of one per entry (thousands, 9 s on SQLite under load).
            var last = original.Max(e => e.Sequence);
            var moves = $"UPDATE \"AuditEntries\" SET \"Sequence\" = -(\"Sequence\" + 1) WHERE \"Sequence\" >= {sequence} AND \"Sequence\" <= {last};" +
                "UPDATE \"AuditEntries\" SET \"Sequence\" = -\"Sequence\" WHERE \"Sequence\" < 0";
            var prev = original.Single(e => e.Sequence == sequence - 1).Hash;
            var at = app.Provider == DatabaseProvider.Postgres ? "now()" : DateTimeOffset.UtcNow.UtcTicks.ToString();
            await ExecAsync($"{moves}; INSERT INTO \"AuditEntries\" (\"Sequence\", \"At\", \"UserName\", \"Action\", \"Outcome\", \"PreviousHash\", \"Hash\") " +
                $"VALUES ({sequence}, {at}, 'intruder@example.org', 'Read', 'Success', '{prev}', '{new string('f', 64)}')");
        }

        /// <summary>Puts the trail back exactly as it was.</summary>
        public async Task RestoreAsync()
        {
            var values = string.Join(",", original.Select(e =>
                $"({e.Sequence}, {At(e.At)}, {Q(e.UserId)}, {Q(e.UserName)}, {Q(e.Role)}, {Q(e.Action)}, {Q(e.RecordType)}, {Q(e.RecordId)}, " +
                $"{(e.ParticipantId is { } p ? Q(app.Provider == DatabaseProvider.Postgres ? p.ToString() : p.ToString().ToUpperInvariant()) + (app.Provider == DatabaseProvider.Postgres ? "::uuid" : "") : "NULL")}, " +
                $"{Q(e.ClientAddress)}, {Q(e.Outcome)}, {Q(e.Detail)}, {Q(e.PreviousHash)}, {Q(e.Hash)})"));
            await ExecAsync("DELETE FROM \"AuditEntries\"; INSERT INTO \"AuditEntries\" (\"Sequence\", \"At\", \"UserId\", \"UserName\", \"Role\", \"Action\", \"RecordType\", \"RecordId\", \"ParticipantId\", \"ClientAddress\", \"Outcome\", \"Detail\", \"PreviousHash\", \"Hash\") VALUES " + values);
        }

        private string At(DateTimeOffset at) => app.Provider == DatabaseProvider.Postgres
            ? $"'{at.UtcDateTime:yyyy-MM-dd HH:mm:ss.ffffff}+00'"
            : at.UtcTicks.ToString();

        private static string Q(string? s) => s is null ? "NULL" : "'" + s.Replace("'", "''") + "'";

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
