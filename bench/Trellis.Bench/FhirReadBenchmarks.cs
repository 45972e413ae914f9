using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Trellis.Bench;

/// <summary>
/// Issue 12: GET /fhir/Patient/{id} on the real app (bearer session check, scope filters, the read's audit
/// entry fsynced, Firely serialisation) against a bare Kestrel endpoint that reads the same participant row
/// from the same SQLite file and answers JSON: both over loopback HTTP on Kestrel, one request at a time,
/// in one run.
/// </summary>
[MemoryDiagnoser]
public class FhirReadBenchmarks
{
    private WebApplicationFactory<Program> app = null!;
    private WebApplication bare = null!;
    private HttpClient fhir = null!, baseline = null!;
    private string dataDirectory = "";
    private Guid participant;

    [GlobalSetup]
    public void Setup()
    {
        dataDirectory = Path.Combine(Path.GetTempPath(), "trellis-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDirectory);
        var database = Path.Combine(dataDirectory, "trellis.db");
        app = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Production");
            // In process (--inProcess) the factory's guess of the content root is the repository root; name the app's folder.
            b.UseContentRoot(WebProject.Folder());
            b.UseSetting("Trellis:DemoMode", "true");
            b.UseSetting("Trellis:DataDirectory", dataDirectory);
            b.UseSetting("Database:Provider", "Sqlite");
            b.UseSetting("ConnectionStrings:Trellis", $"Data Source={database}");
            b.UseSetting("Audit:Key", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
            b.UseSetting("Security:SecureCookies", "false");
            b.UseSetting("RateLimits:SignInPerMinute", "10000");
            b.ConfigureLogging(l => l.ClearProviders());
        });
        app.UseKestrel(0);
        app.StartServer();
        fhir = new HttpClient { BaseAddress = app.ClientOptions.BaseAddress };
        var login = fhir.PostAsJsonAsync("/api/auth/login", new { email = "clinician@demo.trellis.test", password = "Trellis!demo1" }).GetAwaiter().GetResult();
        var token = JsonDocument.Parse(login.Content.ReadAsStringAsync().GetAwaiter().GetResult()).RootElement.GetProperty("accessToken").GetString();
        fhir.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var search = JsonDocument.Parse(fhir.GetStringAsync("/fhir/Patient?_count=1").GetAwaiter().GetResult()).RootElement;
        participant = Guid.Parse(search.GetProperty("entry")[0].GetProperty("resource").GetProperty("id").GetString()!);

        bare = Bare($"Data Source={database};Pooling=True");
        bare.StartAsync().GetAwaiter().GetResult();
        var address = bare.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        baseline = new HttpClient { BaseAddress = new Uri(address) };
    }

    /// <summary>The least a read by id can do: one row by primary key, as JSON, on bare Kestrel.</summary>
    private static WebApplication Bare(string connection)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var bare = builder.Build();
        bare.MapGet("/row/{id:guid}", async (Guid id) =>
        {
            await using var db = new SqliteConnection(connection);
            await db.OpenAsync();
            await using var read = db.CreateCommand();
            read.CommandText = "SELECT Id, LegalFirstName, LegalLastName, Mrn, DateOfBirth, Version FROM Participants WHERE Id = $id";
            read.Parameters.AddWithValue("$id", id.ToString().ToUpperInvariant());
            await using var r = await read.ExecuteReaderAsync();
            if (!await r.ReadAsync()) return Results.NotFound();
            return Results.Json(new Dictionary<string, object>
            {
                ["id"] = r.GetString(0), ["first"] = r.GetString(1), ["last"] = r.GetString(2),
                ["mrn"] = r.GetString(3), ["birthDate"] = r.GetString(4), ["version"] = r.GetInt64(5),
            });
        });
        return bare;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        fhir.Dispose();
        baseline.Dispose();
        bare.StopAsync().GetAwaiter().GetResult();
        app.Dispose();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(dataDirectory, recursive: true); } catch (IOException) { }
    }

    private static async Task<int> GetAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{url}: {(int)response.StatusCode}");
        return (await response.Content.ReadAsByteArrayAsync()).Length;
    }

    [Benchmark(Baseline = true)] public Task<int> BareRow() => GetAsync(baseline, $"/row/{participant}");

    [Benchmark] public Task<int> FhirPatientRead() => GetAsync(fhir, $"/fhir/Patient/{participant}");
}
