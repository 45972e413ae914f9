using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace Trellis.Bench;

/// <summary>
/// What one app node costs per request, through the whole pipeline (session check, scoping filters,
/// the read audit entry each chart read writes, JSON) against the demo clinic on SQLite. In memory:
/// no network, no TLS, one request at a time.
/// </summary>
[MemoryDiagnoser]
public class RequestBenchmarks
{
    private WebApplicationFactory<Program> app = null!;
    private HttpClient api = null!;
    private string dataDirectory = "";
    private Guid participant;

    [GlobalSetup]
    public void Setup()
    {
        dataDirectory = Path.Combine(Path.GetTempPath(), "trellis-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDirectory);
        app = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseContentRoot(WebProject.Folder());
            b.UseEnvironment("Production");
            b.UseSetting("Trellis:DemoMode", "true");
            b.UseSetting("Trellis:DataDirectory", dataDirectory);
            b.UseSetting("Database:Provider", "Sqlite");
            b.UseSetting("ConnectionStrings:Trellis", $"Data Source={Path.Combine(dataDirectory, "trellis.db")}");
            b.UseSetting("Audit:Key", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
            b.UseSetting("Security:SecureCookies", "false");
            b.UseSetting("RateLimits:SignInPerMinute", "10000");
            b.ConfigureLogging(l => l.ClearProviders());
        });
        api = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        var login = api.PostAsJsonAsync("/api/auth/login", new { email = "clinician@demo.trellis.test", password = "Trellis!demo1" }).GetAwaiter().GetResult();
        var token = JsonDocument.Parse(login.Content.ReadAsStringAsync().GetAwaiter().GetResult()).RootElement.GetProperty("accessToken").GetString();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var list = JsonDocument.Parse(api.GetStringAsync("/api/participants?status=Active").GetAwaiter().GetResult()).RootElement;
        var items = list.ValueKind == JsonValueKind.Array ? list : list.GetProperty("items");
        participant = items[0].GetProperty("id").GetGuid();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        api.Dispose();
        app.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(dataDirectory, recursive: true); } catch (IOException) { }
    }

    private async Task<int> GetAsync(string url)
    {
        using var response = await api.GetAsync(url);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{url}: {(int)response.StatusCode}");
        return (await response.Content.ReadAsByteArrayAsync()).Length;
    }

    /// <summary>The caseload list (scoped to the clinician's program).</summary>
    [Benchmark] public Task<int> ParticipantList() => GetAsync("/api/participants");

    /// <summary>One chart: the participant with diagnoses and enrollment.</summary>
    [Benchmark] public Task<int> Chart() => GetAsync($"/api/participants/{participant}");

    /// <summary>The chart's notes, newest first.</summary>
    [Benchmark] public Task<int> Notes() => GetAsync($"/api/participants/{participant}/notes");

    /// <summary>The treatment plan in effect with its goals.</summary>
    [Benchmark] public Task<int> TreatmentPlan() => GetAsync($"/api/participants/{participant}/treatment-plan");

    /// <summary>Planned and attended hours per week over five weeks, computed from sessions and attendance.</summary>
    [Benchmark] public Task<int> WeeklyHours() => GetAsync($"/api/participants/{participant}/weekly-hours");

    /// <summary>The chart's payer authorizations, each with its use counted from attendance in the same query.</summary>
    [Benchmark] public Task<int> Authorizations() => GetAsync($"/api/participants/{participant}/authorizations");

    /// <summary>A write: a draft note, with its audit entry chained in the same transaction.</summary>
    [Benchmark]
    public async Task<int> CreateDraftNote()
    {
        using var response = await api.PostAsJsonAsync($"/api/participants/{participant}/notes", new
        {
            kind = "individual", format = "dap", serviceDate = DateTime.UtcNow.ToString("yyyy-MM-dd"), minutes = 50,
            sections = new Dictionary<string, string> { ["data"] = "Reports a steadier week.", ["assessment"] = "Improving.", ["plan"] = "Continue weekly." },
        });
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"note: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (int)response.StatusCode;
    }
}
