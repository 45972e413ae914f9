using System.Diagnostics;

namespace Trellis.Tests.Operations;

/// <summary>
/// nginx (Debian's) in front of app nodes, running the repository's deploy/nginx/trellis.conf with the
/// test's ports in place of 5081/5082 and plain HTTP on its own port in place of the TLS lines.
/// </summary>
public sealed class Nginx : IAsyncDisposable
{
    private readonly string dir = Path.Combine(Path.GetTempPath(), "trellis-ops-nginx-" + Guid.NewGuid().ToString("N")[..10]);
    private Process? process;
    public int Port { get; } = PgCluster.FreePort();
    public string Url => $"http://127.0.0.1:{Port}";

    public static string Binary => File.Exists("/usr/sbin/nginx") ? "/usr/sbin/nginx"
        : throw new InvalidOperationException("nginx is not installed (./test.sh installs Debian's nginx).");

    public static string RepositoryFile(string path)
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Trellis.slnx"))) return Path.Combine(d.FullName, path);
        throw new InvalidOperationException("The repository root (Trellis.slnx) is not above the test's folder.");
    }

    /// <summary>The shipped configuration with these nodes and this port, and nothing else changed.</summary>
    public string Configuration(params string[] nodes)
    {
        var shipped = File.ReadAllText(RepositoryFile("deploy/nginx/trellis.conf"));
        Assert.Equal(2, nodes.Length);
        var lines = shipped.Replace("127.0.0.1:5081", nodes[0]).Replace("127.0.0.1:5082", nodes[1])
            .Replace("listen 443 ssl;", $"listen 127.0.0.1:{Port};")
            .Split('\n').Where(l => !l.TrimStart().StartsWith("ssl_", StringComparison.Ordinal) && !l.Contains("listen 80;"));
        return string.Join('\n', lines);
    }

    public async Task StartAsync(params string[] nodes)
    {
        Directory.CreateDirectory(dir);
        await File.WriteAllTextAsync(Path.Combine(dir, "trellis.conf"), Configuration(nodes));
        await File.WriteAllTextAsync(Path.Combine(dir, "nginx.conf"), $$"""
            worker_processes 1;
            daemon off;
            pid {{dir}}/nginx.pid;
            error_log {{dir}}/error.log warn;
            events { worker_connections 1024; }
            http {
                access_log off;
                client_body_temp_path {{dir}}/body;
                proxy_temp_path {{dir}}/proxy;
                include {{dir}}/trellis.conf;
            }
            """);
        process = Process.Start(new ProcessStartInfo(Binary, ["-e", Path.Combine(dir, "error.log"), "-p", dir, "-c", Path.Combine(dir, "nginx.conf")])
            { RedirectStandardOutput = true, RedirectStandardError = true })!;
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        for (var deadline = DateTime.UtcNow.AddSeconds(30); DateTime.UtcNow < deadline; await Task.Delay(200))
        {
            Assert.False(process.HasExited, "nginx stopped: " + await process.StandardError.ReadToEndAsync() + ErrorLog());
            try { if ((await probe.GetAsync(Url + "/health")).IsSuccessStatusCode) return; }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { }
        }
        throw new InvalidOperationException("nginx did not pass requests to the nodes: " + ErrorLog());
    }

    public string ErrorLog() => File.Exists(Path.Combine(dir, "error.log")) ? File.ReadAllText(Path.Combine(dir, "error.log")) : "";

    public async ValueTask DisposeAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process?.Dispose();
        try { Directory.Delete(dir, true); } catch (IOException) { }
    }
}
