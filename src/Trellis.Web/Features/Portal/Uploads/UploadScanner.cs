using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;

namespace Trellis.Web.Features.Portal.Uploads;

/// <summary>What a scan found: clean, a named virus, or no answer (the scanner is configured but could not scan).</summary>
public sealed record ScanResult(bool Clean, string? Virus, string? Failure)
{
    public static ScanResult Ok => new(true, null, null);
}

/// <summary>
/// The upload limits and the virus scan with ClamAV's daemon (clamd) over TCP, when <c>Uploads:ClamAv</c> names it (<c>host:port</c>): the
/// INSTREAM command of clamd's protocol (the file in length-prefixed chunks, a zero length to end, one answer line:
/// <c>stream: OK</c> or <c>stream: &lt;name&gt; FOUND</c>). No NuGet client is in the offline feed, and the protocol is
/// these few lines. Not configured: <see cref="Configured"/> is false and uploads are kept unscanned (docs/security.md).
/// </summary>
public sealed class UploadScanner(IConfiguration config, ILogger<UploadScanner> log)
{
    /// <summary>The largest file accepted, <c>Uploads:MaxBytes</c> (default 10 MiB).</summary>
    public long MaxBytes { get; } = config.GetValue("Uploads:MaxBytes", 10L * 1024 * 1024);

    private const int Chunk = 64 * 1024;
    private readonly string? address = config["Uploads:ClamAv"] is { Length: > 0 } a ? a.Trim() : null;
    private readonly TimeSpan timeout = TimeSpan.FromSeconds(config.GetValue("Uploads:ClamAvTimeoutSeconds", 30));

    public bool Configured => address is not null;

    /// <summary>Scans the bytes; null when no scanner is configured.</summary>
    public async Task<ScanResult?> ScanAsync(byte[] bytes, CancellationToken ct = default)
    {
        if (address is null) return null;
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
        try
        {
            var colon = address.LastIndexOf(':');
            if (colon <= 0 || !int.TryParse(address[(colon + 1)..], out var port)) return new(false, null, $"Uploads:ClamAv is '{address}', not host:port.");
            using var client = new TcpClient();
            await client.ConnectAsync(address[..colon], port, limit.Token);
            await using var stream = client.GetStream();
            await stream.WriteAsync("zINSTREAM\0"u8.ToArray(), limit.Token);
            var size = new byte[4];
            for (var at = 0; at < bytes.Length; at += Chunk)
            {
                var n = Math.Min(Chunk, bytes.Length - at);
                BinaryPrimitives.WriteUInt32BigEndian(size, (uint)n);
                await stream.WriteAsync(size, limit.Token);
                await stream.WriteAsync(bytes.AsMemory(at, n), limit.Token);
            }
            BinaryPrimitives.WriteUInt32BigEndian(size, 0);
            await stream.WriteAsync(size, limit.Token);
            var answer = new MemoryStream();
            var buffer = new byte[256];
            int read;
            while ((read = await stream.ReadAsync(buffer, limit.Token)) > 0)
            {
                answer.Write(buffer, 0, read);
                if (buffer[read - 1] == 0) break;
            }
            var line = Encoding.ASCII.GetString(answer.ToArray()).TrimEnd('\0', '\n').Trim();
            if (line.EndsWith(": OK", StringComparison.Ordinal)) return ScanResult.Ok;
            if (line.EndsWith(" FOUND", StringComparison.Ordinal)) return new(false, line[(line.IndexOf(": ", StringComparison.Ordinal) + 2)..^" FOUND".Length], null);
            log.LogWarning("ClamAV at {Address} answered {Answer}", address, line);
            return new(false, null, $"ClamAV answered '{line}'.");
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            log.LogWarning(e, "ClamAV at {Address} could not scan", address);
            return new(false, null, e.Message);
        }
    }
}
