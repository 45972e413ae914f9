using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;
using Trellis.Web.Features.Audit;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Staff;

namespace Trellis.Web.Hosting;

/// <summary>
/// Commands run with `dotnet run --project src/Trellis.Web -- &lt;command&gt;`:
/// migrate, admin create --email E [--password P] [--first F --last L], audit verify, summaries verify|rebuild,
/// demo generate --participants N --years Y.
/// </summary>
public static class Cli
{
    public static readonly string[] Commands = ["migrate", "admin", "audit", "summaries", "demo", "help"];

    public static bool IsCommand(string[] args) => args.Length > 0 && Commands.Contains(args[0]);

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        try
        {
            return args switch
            {
                ["migrate", ..] => await Migrate(app),
                ["admin", "create", .. var rest] => await CreateAdmin(app, rest),
                ["audit", "verify", .. var rest] => await VerifyAudit(app, rest),
                ["summaries", "verify", ..] => await VerifySummaries(app),
                ["summaries", "rebuild", ..] => await RebuildSummaries(app),
                ["demo", "generate", .. var rest] => await GenerateDemo(app, rest),
                _ => Help(),
            };
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or DbUpdateException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 2;
        }
    }

    private static string? Option(string[] rest, string name) => rest.SkipWhile(a => a != name).Skip(1).FirstOrDefault();

    private static int Help()
    {
        Console.WriteLine("""
            Trellis commands (after `dotnet run --project src/Trellis.Web --`):
              migrate                                   apply database migrations and exit
              admin create --email E [--password P]     create an administrator (prints a one-time password unless given)
                           [--first F] [--last L]
              audit verify [--checkpoints FILE]         check the audit trail and that it still reaches every checkpoint
                                                        (FILE defaults to Audit__CheckpointPath); exits 1 and names the
                                                        first bad entry or the checkpoint it no longer reaches
              summaries verify                          recompute the dashboard's summary tables (attendance days, stay
                                                        scores) from the records and compare; exits 1 and lists each
                                                        difference
              summaries rebuild                         recompute and replace them (after verify found a difference)
              demo generate --participants N --years Y  fill an EMPTY database with a fictional program of N participants
                                                        over Y years (sessions, attendance, measures, discharges, follow-ups)
                                                        and the demo accounts; refuses a database that holds records
            """);
        return 0;
    }

    private static async Task<int> Migrate(WebApplication app)
    {
        await DatabaseStartup.MigrateAsync(app.Services);
        Console.WriteLine("Database is up to date.");
        return 0;
    }

    private static async Task<int> CreateAdmin(WebApplication app, string[] rest)
    {
        string? Option(string name) => Cli.Option(rest, name);
        var email = Option("--email");
        if (string.IsNullOrWhiteSpace(email)) { Console.Error.WriteLine("error: give the administrator's email with --email"); return 2; }
        await DatabaseStartup.PrepareAsync(app);
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TrellisDbContext>().ActAs(AccessScope.System, Actor.System("cli"));
        var input = new StaffInput
        {
            FirstName = Option("--first") ?? "Site", LastName = Option("--last") ?? "Administrator", Email = email,
            Roles = [Roles.Administrator],
        };
        var users = scope.ServiceProvider.GetRequiredService<UserManager<TrellisUser>>();
        var password = Option("--password");
        if (password is not null)
        {
            foreach (var v in users.PasswordValidators)
            {
                var r = await v.ValidateAsync(users, new TrellisUser(), password);
                if (!r.Succeeded) { Console.Error.WriteLine("error: " + string.Join(" ", r.Errors.Select(e => e.Description))); return 2; }
            }
        }
        var (created, refused) = await Trellis.Web.Features.Staff.Actions.CreateStaff.RunAsync(db, users, input, password);
        if (refused is not null) { Console.Error.WriteLine("error: " + refused.Detail); return 2; }
        Console.WriteLine($"Created administrator {created!.Staff.Email}.");
        if (password is null) Console.WriteLine($"One-time password: {created.TemporaryPassword}  (change it after signing in: Account → Password)");
        return 0;
    }

    private static async Task<int> VerifyAudit(WebApplication app, string[] rest)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TrellisDbContext>().ActAs(AccessScope.System, Actor.System("cli"));
        var checkpoints = Option(rest, "--checkpoints") ?? scope.ServiceProvider.GetRequiredService<AuditSettings>().CheckpointPath;
        if (checkpoints is not null && !File.Exists(checkpoints))
            Console.WriteLine($"No checkpoint file at {checkpoints} yet; the chain alone is checked.");
        var result = await AuditVerifier.VerifyAsync(db, scope.ServiceProvider.GetRequiredService<AuditKey>(), checkpoints);
        (result.Intact ? Console.Out : Console.Error).WriteLine(result.Describe());
        return result.Intact ? 0 : 1;
    }

    /// <summary>Most differences a verify prints; the count says how many more there were.</summary>
    public const int ShownDifferences = 50;

    private static async Task<int> VerifySummaries(WebApplication app)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TrellisDbContext>().ActAs(AccessScope.System, Actor.System("cli"));
        var differences = await Trellis.Web.Features.Outcomes.Summaries.OutcomeSummaries.VerifyAsync(db);
        if (differences.Count == 0)
        {
            Console.WriteLine("The outcome summaries agree with the records.");
            return 0;
        }
        Console.Error.WriteLine($"The outcome summaries differ from the records in {differences.Count} place(s):");
        foreach (var d in differences.Take(ShownDifferences)) Console.Error.WriteLine("  " + d);
        if (differences.Count > ShownDifferences) Console.Error.WriteLine($"  … and {differences.Count - ShownDifferences} more.");
        Console.Error.WriteLine("Run `summaries rebuild` to recompute them, and report how they came to differ.");
        return 1;
    }

    private static async Task<int> RebuildSummaries(WebApplication app)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TrellisDbContext>().ActAs(AccessScope.System, Actor.System("cli"));
        var count = await Trellis.Web.Features.Outcomes.Summaries.OutcomeSummaries.RebuildAsync(db);
        var left = await Trellis.Web.Features.Outcomes.Summaries.OutcomeSummaries.VerifyAsync(db);
        Console.WriteLine($"Outcome summaries rebuilt for {count} participant(s).");
        if (left.Count == 0) return 0;
        // Records saved while it ran can leave a difference; a second verify settles it.
        Console.Error.WriteLine($"{left.Count} difference(s) remain (records changed while it ran?); run `summaries verify` again.");
        return 1;
    }

    private static async Task<int> GenerateDemo(WebApplication app, string[] rest)
    {
        if (!int.TryParse(Option(rest, "--participants"), out var participants) || participants is < 1 or > 1_000_000
            || !int.TryParse(Option(rest, "--years"), out var years) || years is < 1 or > 20)
        {
            Console.Error.WriteLine("error: give --participants N (1 to 1,000,000) and --years Y (1 to 20)");
            return 2;
        }
        await DatabaseStartup.PrepareAsync(app, seedDemo: false);
        using var scope = app.Services.CreateScope();
        var generator = scope.ServiceProvider.GetRequiredService<Trellis.Web.Features.Outcomes.Demo.DemoGenerator>();
        if (await generator.WhyNotEmptyAsync() is { } why) { Console.Error.WriteLine($"error: {why}."); return 2; }
        Console.WriteLine($"Generating {participants} fictional participants over {years} year(s)…");
        var summary = await generator.GenerateAsync(participants, years, Console.WriteLine);
        Console.WriteLine($"Generated {summary}. Sign in as {Trellis.Web.Features.Demo.DemoSeeder.EmailFor("programdirector")} / {Trellis.Web.Features.Demo.DemoSeeder.Password}.");
        return 0;
    }
}
