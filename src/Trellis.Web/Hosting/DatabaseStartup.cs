using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Demo;
using Microsoft.AspNetCore.Identity;

namespace Trellis.Web.Hosting;

/// <summary>What runs once before the app serves: migrations, grants, durability checks, roles and demo data.</summary>
public static class DatabaseStartup
{
    public static bool DemoMode(IConfiguration config, IHostEnvironment env) =>
        config.GetValue<bool?>("Trellis:DemoMode") ?? env.IsDevelopment();

    public static async Task MigrateAsync(IServiceProvider services, CancellationToken ct = default)
    {
        var config = services.GetRequiredService<IConfiguration>();
        var env = services.GetRequiredService<IHostEnvironment>();
        var log = services.GetRequiredService<ILoggerFactory>().CreateLogger("Trellis.Database");
        await using var scope = services.CreateAsyncScope();
        await using (var admin = DatabaseSetup.CreateAdminContext(scope.ServiceProvider, config, env))
        {
            admin.ActAs(AccessScope.System, Actor.System("migrate"));
            var pending = (await admin.Database.GetPendingMigrationsAsync(ct)).ToList();
            // Migrate also compares the whole model with the migrations' snapshot, which takes
            // seconds and finds nothing to do on a database that is up to date.
            if (pending.Count > 0)
            {
                await admin.Database.MigrateAsync(ct);
                // SQLite migrations that rebuild a table switch foreign keys off on their connection; the pool
                // would hand that connection on with its pragmas taken as set (SqlitePragmas), so none is kept.
                if (admin.Database.IsSqlite()) Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                log.LogInformation("Applied {Count} migration(s): {Names}", pending.Count, string.Join(", ", pending));
            }
            await DatabaseSetup.GrantAppRoleAsync(admin, DatabaseSetup.ConnectionString(config, env), ct);
        }
    }

    public static async Task PrepareAsync(WebApplication app, CancellationToken ct = default, bool seedDemo = true)
    {
        await MigrateAsync(app.Services, ct);
        using var scope = app.Services.CreateScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<TrellisDbContext>().ActAs(AccessScope.System, Actor.System("startup"));
        var log = sp.GetRequiredService<ILoggerFactory>().CreateLogger("Trellis.Database");

        log.LogInformation("Durability: {Check}", await DatabaseSetup.CheckDurabilityAsync(db, ct));
        if (DatabaseSetup.OpenPermissions(app.Configuration, app.Environment) is { } open) log.LogWarning("{Message}", open);
        if (await DatabaseSetup.AppRoleCanRewriteAuditAsync(db, ct))
        {
            const string message = "The app's PostgreSQL role can update or delete audit entries. Run the app as a role that does not own the tables and give the owner's connection as ConnectionStrings:TrellisAdmin (see docs/operations.md).";
            if (app.Environment.IsProduction() && !app.Configuration.GetValue<bool>("Database:AllowAuditTableOwner")) throw new InvalidOperationException(message);
            log.LogWarning(message);
        }

        // The dashboard's summary tables, built once for a database that predates them (or their rules).
        if (await Trellis.Web.Features.Outcomes.Summaries.OutcomeSummaries.BackfillAsync(db, ct) is > 0 and var built)
            log.LogInformation("Outcome summaries built for {Count} participants", built);

        var roles = sp.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
            if (!await roles.RoleExistsAsync(role)) await roles.CreateAsync(new IdentityRole(role));

        if (seedDemo && DemoMode(app.Configuration, app.Environment) && !await db.Organizations.AnyAsync(ct))
        {
            var seeded = await sp.GetRequiredService<DemoSeeder>().SeedAsync(ct);
            log.LogInformation("Demo data created: {Summary}", seeded);
        }
    }
}
