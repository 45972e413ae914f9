using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Trellis.Tests.Billing;

/// <summary>
/// Runs tests/Trellis.Tests/Billing/x12check/check.js (node-x12, installed by ./test.sh with npm ci) on an 837
/// file: a parser that shares no code with the app's writer. Missing node or node-x12 fails the test.
/// </summary>
public static class X12Check
{
    public static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Trellis.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Trellis.slnx not found above the test binaries.");
    }

    public static async Task<JsonNode> RunAsync(string x12, bool envelopeOnly = false)
    {
        var folder = Path.Combine(Root(), "tests", "Trellis.Tests", "Billing", "x12check");
        Assert.True(Directory.Exists(Path.Combine(folder, "node_modules", "node-x12")), "node-x12 is not installed: run ./test.sh, or npm ci --prefix tests/Trellis.Tests/Billing/x12check");
        var file = Path.Combine(Path.GetTempPath(), $"trellis-837-{Guid.NewGuid():N}.x12");
        await File.WriteAllTextAsync(file, x12);
        try
        {
            var start = new ProcessStartInfo("node", envelopeOnly ? [Path.Combine(folder, "check.js"), file, "--envelope"] : [Path.Combine(folder, "check.js"), file]) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var process = Process.Start(start)!;
            var output = await process.StandardOutput.ReadToEndAsync();
            var error = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, $"check.js failed: {error}");
            return JsonNode.Parse(output)!;
        }
        finally { File.Delete(file); }
    }
}
