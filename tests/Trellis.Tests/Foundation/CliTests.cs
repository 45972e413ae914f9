using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Trellis.Tests.Support;
using Trellis.Web.Data;
using Trellis.Web.Features.Auth;

namespace Trellis.Tests.Foundation;

/// <summary>The production commands, run as their own processes against an empty database.</summary>
public class CliTests : IAsyncLifetime
{
    private readonly string dir = Path.Combine(Path.GetTempPath(), "trellis-cli", Guid.NewGuid().ToString("N"));
    private string connection = "";
    private string? pgDatabase;
    private readonly DatabaseProvider provider = TestDatabase.Provider;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(dir);
        if (provider == DatabaseProvider.Postgres)
        {
            pgDatabase = "trellis_cli_" + Guid.NewGuid().ToString("N")[..12];
            await TestDatabase.CreateAsync(pgDatabase);
            connection = TestDatabase.ConnectionFor(pgDatabase, TestDatabase.OwnerRole);
        }
        else connection = $"Data Source={Path.Combine(dir, "trellis.db")}";
    }

    public async Task DisposeAsync()
    {
        if (pgDatabase is not null) await TestDatabase.DropAsync(pgDatabase);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(dir, true); } catch (IOException) { }
    }

    private async Task<(int Code, string Output)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Trellis.Web.dll"), .. args])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Database__Provider"] = provider.ToString();
        start.Environment["ConnectionStrings__Trellis"] = connection;
        start.Environment["Trellis__DataDirectory"] = dir;
        start.Environment["Database__AllowAuditTableOwner"] = "true"; // one role here; the split is tested elsewhere
        using var p = Process.Start(start)!;
        var output = await p.StandardOutput.ReadToEndAsync() + await p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        return (p.ExitCode, output);
    }

    [Fact]
    public async Task Migrate_then_admin_create_makes_a_working_first_administrator_and_no_demo_data()
    {
        var (code, output) = await RunAsync("migrate");
        Assert.True(code == 0, output);
        Assert.Contains("Database is up to date", output);

        (code, output) = await RunAsync("admin", "create", "--email", "first.admin@clinic.example.org");
        Assert.True(code == 0, output);
        Assert.Contains("One-time password:", output);

        (code, output) = await RunAsync("admin", "create", "--email", "first.admin@clinic.example.org");
        Assert.Equal(2, code);
        Assert.Contains("already used", output);
        (code, output) = await RunAsync("admin", "create", "--email", "second@clinic.example.org", "--password", "short");
        Assert.Equal(2, code);
        Assert.Contains("at least 12", output);
        (code, output) = await RunAsync("admin", "create");
        Assert.Equal(2, code);

        (code, output) = await RunAsync("audit", "verify");
        Assert.True(code == 0, output);

        var options = provider == DatabaseProvider.Postgres
            ? new DbContextOptionsBuilder<PostgresTrellisDbContext>().UseNpgsql(connection).Options as DbContextOptions
            : new DbContextOptionsBuilder<SqliteTrellisDbContext>().UseSqlite(connection).Options;
        await using TrellisDbContext db = provider == DatabaseProvider.Postgres
            ? new PostgresTrellisDbContext((DbContextOptions<PostgresTrellisDbContext>)options, ContextServices.DesignTime())
            : new SqliteTrellisDbContext((DbContextOptions<SqliteTrellisDbContext>)options, ContextServices.DesignTime());
        db.ActAs(AccessScope.System, Actor.System("test"));
        Assert.Equal(0, await db.Participants.CountAsync());
        var admin = await db.Users.SingleAsync();
        Assert.Equal("first.admin@clinic.example.org", admin.Email);
        Assert.True(await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == admin.Id select r.Name).ContainsAsync(Roles.Administrator));
    }
}
