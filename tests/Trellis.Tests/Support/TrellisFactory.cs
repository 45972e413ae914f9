using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Reflection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Trellis.Web.Data;
using Trellis.Web.Features.Demo;

namespace Trellis.Tests.Support;

/// <summary>
/// The real app over the real HTTP pipeline, on a database of its own (a SQLite file, or a fresh
/// PostgreSQL database where the app connects as a role that does not own the tables), seeded with
/// the fictional demo clinic: a copy of the run's <see cref="DemoTemplate"/>, or seeded by the app
/// itself when the class changes what seeding would make.
/// </summary>
public class TrellisFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public TrellisFactory() { }

    /// <summary>An app that migrates and seeds its database itself (the template is made this way).</summary>
    internal TrellisFactory(bool seedsItsOwn) => this.seedsItsOwn = seedsItsOwn;

    public DatabaseProvider Provider { get; } = TestDatabase.Provider;
    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "trellis-tests", Guid.NewGuid().ToString("N"));
    public string AuditKeyBase64 => DemoTemplate.AuditKeyBase64;
    public string AppConnection { get; private set; } = "";
    /// <summary>The owner's connection: what a person with write access to the database could do.</summary>
    public string OwnerConnection { get; private set; } = "";
    private string? database;
    private readonly bool seedsItsOwn;
    private readonly Dictionary<string, string> tokens = [];

    /// <summary>The PostgreSQL database's name; null on SQLite.</summary>
    internal string? DatabaseName => database;

    /// <summary>Settings a test class can change (a lower rate limit, a shorter idle time…).</summary>
    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    /// <summary>Services a test class can replace (a fake clock…).</summary>
    protected virtual void ConfigureServices(IServiceCollection services) { }

    /// <summary>
    /// Whether this app starts from a copy of the run's seeded demo database. Not when the class
    /// replaces services (a fake clock seeds a demo around another day) or sets demo mode itself
    /// (an empty database): then the app seeds, or not, as it would in production.
    /// </summary>
    protected virtual bool StartsFromTemplate =>
        !seedsItsOwn
        && GetType().GetMethod(nameof(ConfigureServices), BindingFlags.Instance | BindingFlags.NonPublic)!.DeclaringType == typeof(TrellisFactory)
        && !Settings.ContainsKey("Trellis:DemoMode");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(DataDirectory);
        if (Provider == DatabaseProvider.Postgres)
        {
            if (StartsFromTemplate) database = await DemoTemplate.TakePostgresCopyAsync();
            else await TestDatabase.CreateAsync(database = "trellis_t_" + Guid.NewGuid().ToString("N")[..16]);
            AppConnection = TestDatabase.ConnectionFor(database, TestDatabase.AppRole);
            OwnerConnection = TestDatabase.ConnectionFor(database, TestDatabase.OwnerRole);
        }
        else
        {
            var file = Path.Combine(DataDirectory, "trellis.db");
            if (StartsFromTemplate) await DemoTemplate.CopySqliteToAsync(file);
            AppConnection = OwnerConnection = $"Data Source={file}";
        }
        // Start the app now, so migrations and demo data exist before any test touches the database.
        _ = Services;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // Outside Development the build-time map of wwwroot (fingerprinted CSS) must be asked for.
        builder.UseStaticWebAssets();
        var settings = new Dictionary<string, string?>
        {
            ["Trellis:DemoMode"] = "true",
            ["Trellis:DataDirectory"] = DataDirectory,
            ["Database:Provider"] = Provider.ToString(),
            ["ConnectionStrings:Trellis"] = AppConnection,
            ["ConnectionStrings:TrellisAdmin"] = Provider == DatabaseProvider.Postgres ? OwnerConnection : null,
            ["Audit:Key"] = AuditKeyBase64,
            ["Security:SecureCookies"] = "false",
            ["RateLimits:SignInPerMinute"] = "10000",
            ["RateLimits:PublicFormPerHour"] = "10000",
            ["Logging:LogLevel:Default"] = "Warning",
            // Tests run the reminder round themselves, at the hour they choose (ReminderTests); in the background it would
            // mail the demo participant or not depending on the hour the suite runs at.
            ["Reminders:InBackground"] = "false",
        };
        foreach (var (k, v) in Settings) settings[k] = v;
        foreach (var (k, v) in settings) builder.UseSetting(k, v);
        builder.ConfigureLogging(l => l.AddProvider(new ErrorLogProvider()));
        builder.ConfigureServices(ConfigureServices);
    }

    /// <summary>An API client signed in as the demo account of a role, e.g. "Clinician".</summary>
    public async Task<HttpClient> ApiAsync(string role)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        if (!tokens.TryGetValue(role, out var token))
        {
            token = await LoginAsync(client, DemoSeeder.EmailFor(role), DemoSeeder.Password);
            tokens[role] = token;
        }
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public HttpClient Anonymous() => CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });

    public static async Task<string> LoginAsync(HttpClient client, string email, string password, string? code = null)
    {
        var response = await client.PostAsJsonAsync("/api/auth/login", new { email, password, twoFactorCode = code });
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"Sign-in as {email} failed: {(int)response.StatusCode} {body}");
        return System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("accessToken").GetString()!;
    }

    /// <summary>A browser-like client (cookies, no automatic redirects) signed in through the sign-in page.</summary>
    public async Task<PageClient> PagesAsync(string? role)
    {
        var client = new PageClient(CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false }));
        if (role is not null) await client.SignInAsync(DemoSeeder.EmailFor(role), DemoSeeder.Password);
        return client;
    }

    /// <summary>A database context outside any request, seeing everything (for arranging and checking).</summary>
    public AsyncServiceScopeWithDb Db()
    {
        var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TrellisDbContext>().ActAs(AccessScope.System, Actor.System("test"));
        return new AsyncServiceScopeWithDb(scope, db);
    }

    public override ValueTask DisposeAsync() => DisposeAsync(keepDatabase: false);

    internal async ValueTask DisposeAsync(bool keepDatabase)
    {
        await base.DisposeAsync();
        if (database is not null && !keepDatabase) await TestDatabase.DropAsync(database);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { }
        GC.SuppressFinalize(this);
    }

    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();
}

public sealed class AsyncServiceScopeWithDb(AsyncServiceScope scope, TrellisDbContext db) : IAsyncDisposable
{
    public TrellisDbContext Context { get; } = db;
    public IServiceProvider Services => scope.ServiceProvider;
    public ValueTask DisposeAsync() => scope.DisposeAsync();
}
