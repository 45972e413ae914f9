using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Trellis.Tests.Support;
using Trellis.Web.Data;
using Trellis.Web.Features.Audit;
using Trellis.Web.Features.Organization;

namespace Trellis.Tests.Foundation;

/// <summary>
/// Issue 15, "nothing is lost": the built app as its own process, killed with SIGKILL while 16
/// clients create charts and read them. After a restart every acknowledged write is there with its
/// audit entry, every acknowledged read has its entry (reads are audited before they are answered),
/// and `audit verify` finds the chain intact.
/// </summary>
[Long]
public sealed class CrashRecoveryTests : IAsyncLifetime
{
    private const string Email = "crash.admin@clinic.example.org";
    private const string Password = "Crash-test-passphrase-1";
    private AppProcess app = null!;

    public async Task InitializeAsync() => app = await AppProcess.CreateAsync();

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task Every_acknowledged_write_and_read_survives_kill_9_with_its_audit_entries()
    {
        var (code, output) = await app.RunAsync("admin", "create", "--email", Email, "--password", Password);
        Assert.True(code == 0, output);
        var programId = await AddProgramAsync();

        var baseUrl = await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(20) };
        var login = await http.PostAsJsonAsync("/api/auth/login", new { email = Email, password = Password });
        Assert.True(login.IsSuccessStatusCode, await login.Content.ReadAsStringAsync());
        var token = (string)(await Json.ReadAsync(login))["accessToken"]!;
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        // 16 clients, each creating a chart and reading it back, until the app dies under them.
        var written = new ConcurrentBag<Guid>();
        var reads = new ConcurrentDictionary<Guid, int>();
        using var stop = new CancellationTokenSource();
        var clients = Enumerable.Range(0, 16).Select(i => Task.Run(async () =>
        {
            var mine = new List<Guid>();
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                try
                {
                    if (mine.Count == 0 || n % 2 == 0)
                    {
                        using var created = await http.PostAsJsonAsync("/api/participants", Demo.NewParticipant(programId, $"Crash{i}x{n}"), stop.Token);
                        if (created.StatusCode != HttpStatusCode.Created) continue;
                        var id = Guid.Parse((string)(await Json.ReadAsync(created))["id"]!);
                        written.Add(id);
                        mine.Add(id);
                    }
                    else
                    {
                        var id = mine[n % mine.Count];
                        using var read = await http.GetAsync($"/api/participants/{id}", stop.Token);
                        if (read.StatusCode == HttpStatusCode.OK) reads.AddOrUpdate(id, 1, (_, c) => c + 1);
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException) { }
            }
        })).ToList();

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((written.Count < 150 || reads.Values.Sum() < 150) && DateTime.UtcNow < deadline) await Task.Delay(100);
        await app.KillAsync();
        await Task.Delay(500);
        await stop.CancelAsync();
        await Task.WhenAll(clients);
        Assert.True(written.Count >= 150 && reads.Values.Sum() >= 150, $"only {written.Count} writes and {reads.Values.Sum()} reads acknowledged in a minute");

        await app.StartAsync();
        await using (var db = app.Context())
        {
            var ids = written.ToList();
            var found = await db.Participants.Where(p => ids.Contains(p.Id)).Select(p => p.Id).ToListAsync();
            var lost = ids.Except(found).ToList();
            Assert.True(lost.Count == 0, $"{lost.Count} of {ids.Count} acknowledged writes were lost");
            var texts = ids.Select(id => id.ToString()).ToList();
            var audit = await db.AuditEntries.AsNoTracking()
                .Where(e => e.RecordType == "Participant" && e.RecordId != null && texts.Contains(e.RecordId))
                .Select(e => new { e.RecordId, e.Action }).ToListAsync();
            var createdEntries = audit.Where(e => e.Action == AuditActions.Create).Select(e => e.RecordId).ToHashSet();
            var unaudited = texts.Count(t => !createdEntries.Contains(t));
            Assert.True(unaudited == 0, $"{unaudited} acknowledged writes have no audit entry");
            var readEntries = audit.Where(e => e.Action == AuditActions.Read).GroupBy(e => e.RecordId!).ToDictionary(g => g.Key, g => g.Count());
            var unauditedReads = reads.Sum(r => Math.Max(0, r.Value - readEntries.GetValueOrDefault(r.Key.ToString())));
            Assert.True(unauditedReads == 0, $"{unauditedReads} of {reads.Values.Sum()} acknowledged reads have no audit entry");
        }
        await app.KillAsync();

        (code, output) = await app.RunAsync("audit", "verify");
        Assert.True(code == 0, output);
        Assert.Contains("intact", output);
    }

    /// <summary>The one program the charts go into; there is no API for programs, so it is added as setup would.</summary>
    private async Task<Guid> AddProgramAsync()
    {
        await using var db = app.Context();
        var org = new Organization { Name = "Crash Test Clinic", TimeZoneId = "America/Los_Angeles" };
        var program = new TreatmentProgram
        {
            OrganizationId = org.Id, Name = "Adult IOP", Population = Population.Adult,
            MinimumWeeklyHours = 9m, TimeZoneId = "America/Los_Angeles",
        };
        db.Organizations.Add(org);
        db.Programs.Add(program);
        await db.SaveChangesAsync();
        return program.Id;
    }
}
