using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Trellis.Tests.Support;

namespace Trellis.Tests.Operations;

/// <summary>
/// Issue 16, point 8: two app nodes (the built app, Production settings) on one PostgreSQL behind
/// nginx with deploy/nginx/trellis.conf, sharing the audit key (data-protection keys and sessions
/// are in the database). Under load from signed-in API and page sessions, one node is killed with
/// SIGKILL: nobody is signed out, only requests in flight at that moment fail, every acknowledged
/// write is kept and `audit verify` finds one linear, intact chain.
/// TRELLIS_OPS_LONG=1 runs the load longer on each side of the kill (docs/operations.md).
/// </summary>
[Trait("Category", "Cluster")]
[Long]
public sealed class TwoNodeTests : IAsyncLifetime
{
    private static readonly int LoadSeconds = Environment.GetEnvironmentVariable("TRELLIS_OPS_LONG") is "1" ? 30 : 3;
    private const int ApiClients = 4, PageClients = 2;
    private PgCluster pg = null!;
    private AppProcess node1 = null!, node2 = null!;
    private readonly Nginx nginx = new();

    public async Task InitializeAsync()
    {
        pg = await PgCluster.StartNewAsync();
        await pg.CreateDatabaseAsync("trellis");
        var key = RandomNumberGenerator.GetBytes(32);
        node1 = Node(key);
        node2 = Node(key);
    }

    private AppProcess Node(byte[] key)
    {
        var node = AppProcess.OnPostgres(pg.Connection("trellis", "trellis_app"), pg.Connection("trellis", "trellis_owner"), key);
        node.Settings["Trellis__KnownProxies__0"] = "127.0.0.1";
        return node;
    }

    public async Task DisposeAsync()
    {
        await nginx.DisposeAsync();
        await node1.DisposeAsync();
        await node2.DisposeAsync();
        await pg.DisposeAsync();
    }

    [Fact]
    public async Task Killing_one_node_under_load_signs_nobody_out_and_keeps_one_intact_chain()
    {
        var programId = await Kept.PrepareAsync(node1);
        await node1.StartAsync();
        await node2.StartAsync();
        await nginx.StartAsync(Address(node1), Address(node2));

        // A page session and an API token made on node 1 directly, used on node 2 once node 1 is dead.
        var cookies = new CookieContainer();
        var direct = new PageClient(new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies }) { BaseAddress = new Uri(node1.Url!) });
        await direct.SignInAsync(Kept.Email, Kept.Password);
        using var login = await direct.Http.PostAsJsonAsync("/api/auth/login", new { email = Kept.Email, password = Kept.Password });
        var token = (string)(await Json.ReadAsync(login))["accessToken"]!;

        var traffic = new Traffic(nginx.Url, programId);
        await traffic.AddApiClientsAsync(ApiClients, Kept.Email, Kept.Password);
        await traffic.AddPageClientsAsync(PageClients, Kept.Email, Kept.Password);
        await Traffic.WaitForAsync(() => traffic.Written.Count >= 20, 60, "20 charts written through nginx");
        await Task.Delay(TimeSpan.FromSeconds(LoadSeconds));

        var killed = DateTime.UtcNow;
        await node1.KillAsync();
        var clients = Enumerable.Range(0, ApiClients).Select(i => $"api{i}").Concat(Enumerable.Range(0, PageClients).Select(i => $"page{i}")).ToList();
        await Traffic.WaitForAsync(() => clients.All(c => traffic.OkSince(killed.AddSeconds(1), c) >= 3), 60, "every client served again after the kill");
        await Task.Delay(TimeSpan.FromSeconds(LoadSeconds));
        await traffic.StopAsync();

        var answers = traffic.Answers.ToList();
        var signedOut = answers.Where(a => a.SignedOut).ToList();
        Assert.True(signedOut.Count == 0, $"signed out:\n{string.Join("\n", signedOut.Take(10))}");
        var failed = answers.Where(a => !a.Ok).ToList();
        // At most one request per client was in flight when the node died; nothing else may fail.
        Assert.True(failed.Count <= clients.Count && failed.All(a => a.At >= killed && a.At < killed.AddSeconds(10)),
            $"{failed.Count} failed requests (at most {clients.Count} in flight at the kill):\n{string.Join("\n", failed.Take(10))}");

        using var onNode2 = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies }) { BaseAddress = new Uri(node2.Url!) };
        using (var page = await onNode2.GetAsync("/participants"))
            Assert.True(page.StatusCode == HttpStatusCode.OK, $"the cookie made on node 1 answered {(int)page.StatusCode} {page.Headers.Location} on node 2");
        onNode2.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using (var api = await onNode2.GetAsync($"/api/participants/{traffic.Written.First()}"))
            Assert.True(api.StatusCode == HttpStatusCode.OK, $"the token made on node 1 answered {(int)api.StatusCode} on node 2");

        await Kept.AssertWrittenAsync(node2, traffic.Written.ToList());
        await node2.KillAsync();
        await Kept.AssertChainIntactAsync(node2);
    }

    private static string Address(AppProcess node) => new Uri(node.Url!).Authority;
}
