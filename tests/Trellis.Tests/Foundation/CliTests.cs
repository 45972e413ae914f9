using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Trellis.Tests.Support;
using Trellis.Web;
using Trellis.Web.Data;
using Trellis.Web.Features.Auth;

namespace Trellis.Tests.Foundation;

/// <summary>The production commands, run as their own processes against an empty database.</summary>
[Long]
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

        await using var db = Open();
        Assert.Equal(0, await db.Participants.CountAsync());
        var admin = await db.Users.SingleAsync();
        Assert.Equal("first.admin@clinic.example.org", admin.Email);
        Assert.True(await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == admin.Id select r.Name).ContainsAsync(Roles.Administrator));
    }

    private TrellisDbContext Open()
    {
        var options = provider == DatabaseProvider.Postgres
            ? new DbContextOptionsBuilder<PostgresTrellisDbContext>().UseNpgsql(connection).Options as DbContextOptions
            : new DbContextOptionsBuilder<SqliteTrellisDbContext>().UseSqlite(connection).Options;
        TrellisDbContext db = provider == DatabaseProvider.Postgres
            ? new PostgresTrellisDbContext((DbContextOptions<PostgresTrellisDbContext>)options, ContextServices.DesignTime())
            : new SqliteTrellisDbContext((DbContextOptions<SqliteTrellisDbContext>)options, ContextServices.DesignTime());
        return db.ActAs(AccessScope.System, Actor.System("test"));
    }

    [Fact]
    public async Task Demo_generate_fills_an_empty_database_the_dashboard_counts_it_and_a_second_run_is_refused()
    {
        var (code, output) = await RunAsync("demo", "generate", "--participants", "50");
        Assert.Equal(2, code);
        Assert.Contains("--years", output);

        (code, output) = await RunAsync("demo", "generate", "--participants", "50", "--years", "1");
        Assert.True(code == 0, output);
        Assert.Contains("Generated 50 participants over 1 year(s)", output);

        await using (var db = Open())
        {
            Assert.Equal(50, await db.Participants.CountAsync(p => p.Mrn.StartsWith("TG")));
            Assert.Equal(50, await db.Participants.CountAsync());
            Assert.True(await db.Enrollments.CountAsync() >= 50);
            Assert.True(await db.Set<Trellis.Web.Features.Scheduling.GroupSession>().CountAsync() >= 4 * 3 * 50, "a session on every track day of the year");
            var attendance = await db.Attendance.CountAsync();
            Assert.True(attendance > 50 * 5, $"{attendance} attendance records");
            Assert.True(await db.InstrumentAdministrations.CountAsync() >= 50 * 2, "measures at admission at least");
            var discharges = await db.Set<Trellis.Web.Features.Discharge.ParticipantDischarge>().Where(d => d.IsFinal).ToListAsync();
            var discharged = await db.Participants.CountAsync(p => p.Status == Trellis.Web.Features.Participants.ParticipantStatus.Discharged);
            Assert.Equal(discharged, discharges.Count);
            Assert.True(discharged > 30, $"{discharged} discharged of 50 over a year of stays of 10 to 70 days");
            Assert.True(discharges.Select(d => d.Reason).Distinct().Count() >= 3, "several discharge reasons");
            Assert.Equal(50 - discharged, await db.Participants.CountAsync(p => p.Status == Trellis.Web.Features.Participants.ParticipantStatus.Active));
            Assert.True(await db.Set<Trellis.Web.Features.Outcomes.FollowUpContact>().AnyAsync());
            Assert.Equal(2, await db.Set<Trellis.Web.Features.Outcomes.MeasurementSchedule>().CountAsync());

            // The dashboard opens on it and counts what was made: every stay admitted in the year, every final discharge.
            var today = await ProgramClock.ClinicTodayAsync(db);
            var filter = new Trellis.Web.Features.Outcomes.DashboardFilter(today.AddDays(-366), today.AddDays(1), null, null);
            var data = await Trellis.Web.Features.Outcomes.DashboardQueries.LoadAsync(db, filter);
            var result = Trellis.Web.Features.Outcomes.DashboardFigures.Compute(data);
            var admittedInYear = await db.Enrollments.CountAsync(e => e.StartedOn >= filter.From && e.StartedOn < filter.To);
            Assert.True(admittedInYear >= 50);
            Assert.Equal(admittedInYear, Trellis.Web.Features.Outcomes.DashboardFigures.Admissions(data, filter));
            var inCareToday = await db.Enrollments.Where(e => e.StartedOn <= today && (e.EndedOn == null || e.EndedOn >= today)).Select(e => e.ParticipantId).Distinct().CountAsync();
            Assert.True(inCareToday >= 50 - discharged);
            Assert.Equal(inCareToday, Trellis.Web.Features.Outcomes.DashboardFigures.Census(data, today));
            Assert.NotNull(result);
        }

        (code, output) = await RunAsync("demo", "generate", "--participants", "5", "--years", "1");
        Assert.Equal(2, code);
        Assert.Contains("already holds records", output);
        await using (var db = Open()) Assert.Equal(50, await db.Participants.CountAsync());
    }
    [Fact]
    public async Task Summaries_verify_finds_a_tampered_summary_and_rebuild_puts_it_right()
    {
        var (code, output) = await RunAsync("demo", "generate", "--participants", "12", "--years", "1");
        Assert.True(code == 0, output);
        (code, output) = await RunAsync("summaries", "verify");
        Assert.True(code == 0, output);
        Assert.Contains("agree with the records", output);

        // A day's count and a stay's latest score changed behind the app's back, and a stay's row removed.
        await using (var db = Open())
        {
            var day = await db.Set<Trellis.Web.Features.Outcomes.Summaries.AttendanceDay>().OrderBy(d => d.Id).FirstAsync();
            var stays = await db.Set<Trellis.Web.Features.Outcomes.Summaries.StayScore>().OrderBy(x => x.Id).Take(2).ToListAsync();
            Assert.Equal(2, stays.Count);
            await db.Database.ExecuteSqlRawAsync("UPDATE \"AttendanceDays\" SET \"Marked\" = \"Marked\" + 1 WHERE \"Id\" = {0}", day.Id);
            await db.Database.ExecuteSqlRawAsync("UPDATE \"StayScores\" SET \"Latest\" = \"Latest\" + 1 WHERE \"Id\" = {0}", stays[0].Id);
            await db.Database.ExecuteSqlRawAsync("DELETE FROM \"StayScores\" WHERE \"Id\" = {0}", stays[1].Id);
        }
        (code, output) = await RunAsync("summaries", "verify");
        Assert.True(code == 1, output);
        Assert.Contains("differ from the records in 3 place(s)", output);
        Assert.Contains("attendance day", output);
        Assert.Contains(": missing", output);
        Assert.Contains("records say", output);

        (code, output) = await RunAsync("summaries", "rebuild");
        Assert.True(code == 0, output);
        Assert.Contains("rebuilt for 12 participant(s)", output);
        (code, output) = await RunAsync("summaries", "verify");
        Assert.True(code == 0, output);
    }
}
