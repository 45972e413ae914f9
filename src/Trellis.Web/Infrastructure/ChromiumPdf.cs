using System.Diagnostics;

namespace Trellis.Web.Infrastructure;

/// <summary>
/// Prints an HTML page to PDF with headless Chromium (MACHINE-NOTES: QuestPDF and MigraDoc are not served; Chromium prints
/// what the print stylesheet shows). <c>Pdf:Chromium</c> names the executable (default /usr/bin/chromium when present);
/// without one, <see cref="PrintAsync"/> answers null and callers keep the text they would have printed.
/// </summary>
public sealed class ChromiumPdf(IConfiguration config, ILogger<ChromiumPdf> log)
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    public string? Executable { get; } = config["Pdf:Chromium"] is { Length: > 0 } path ? path : File.Exists("/usr/bin/chromium") ? "/usr/bin/chromium" : null;

    public async Task<byte[]?> PrintAsync(string html, CancellationToken ct = default)
    {
        if (Executable is null || !File.Exists(Executable)) return null;
        var dir = Directory.CreateTempSubdirectory("trellis-pdf-");
        try
        {
            var page = Path.Combine(dir.FullName, "page.html");
            var pdf = Path.Combine(dir.FullName, "page.pdf");
            await File.WriteAllTextAsync(page, html, ct);
            var start = new ProcessStartInfo(Executable) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            // Each print gets its own profile, so two at once never share Chromium's lock.
            foreach (var a in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                         "--no-first-run", "--no-pdf-header-footer", $"--user-data-dir={Path.Combine(dir.FullName, "profile")}", $"--print-to-pdf={pdf}", new Uri(page).AbsoluteUri })
                start.ArgumentList.Add(a);
            using var process = Process.Start(start)!;
            _ = process.StandardOutput.ReadToEndAsync(ct);
            _ = process.StandardError.ReadToEndAsync(ct);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(Limit);
            try { await process.WaitForExitAsync(timeout.Token); }
            catch (OperationCanceledException) { process.Kill(entireProcessTree: true); throw new TimeoutException($"Chromium did not print within {Limit.TotalSeconds} s."); }
            if (!File.Exists(pdf)) { log.LogWarning("Chromium exited {Code} without printing a PDF", process.ExitCode); return null; }
            return await File.ReadAllBytesAsync(pdf, ct);
        }
        finally
        {
            try { dir.Delete(recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
