using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Trellis.Web.Features.Audit;

/// <summary>
/// Signed checkpoints of the chain's head (last sequence and hash), appended to a file outside the
/// database. The chain alone cannot show that its newest entries were removed; a checkpoint can:
/// the chain must still reach every checkpoint's entry, with the same hash.
/// </summary>
public static class AuditCheckpoints
{
    public sealed record Checkpoint(int Line, DateTimeOffset At, long Sequence, string Hash);

    /// <summary>What a checkpoint file holds, or the first line that is not a checkpoint signed with this key.</summary>
    public sealed record Set(IReadOnlyList<Checkpoint> Checkpoints, AuditChain.Finding? Problem)
    {
        public static readonly Set None = new([], null);
        public HashSet<long> Sequences { get; } = [.. Checkpoints.Select(c => c.Sequence)];
    }

    private static AuditKey SigningKey(AuditKey key) => key.Derive("audit-checkpoint");

    private static string Mac(AuditKey key, DateTimeOffset at, long sequence, string hash) =>
        Convert.ToHexStringLower(SigningKey(key).Sign(Encoding.UTF8.GetBytes(
            string.Join('\u001f', "checkpoint", at.UtcTicks.ToString(CultureInfo.InvariantCulture), sequence.ToString(CultureInfo.InvariantCulture), hash))));

    /// <summary>One line of JSON: readable by people and log shippers, signed with a key derived from the audit key.</summary>
    public static string Format(AuditKey key, DateTimeOffset at, long sequence, string hash)
    {
        at = AuditChain.Normalize(at);
        return JsonSerializer.Serialize(new Line(at.ToString("O", CultureInfo.InvariantCulture), sequence, hash, Mac(key, at, sequence, hash)));
    }

    public static Set Parse(AuditKey key, IEnumerable<string> lines, string source)
    {
        var list = new List<Checkpoint>();
        var number = 0;
        foreach (var text in lines)
        {
            number++;
            if (string.IsNullOrWhiteSpace(text)) continue;
            Line? line = null;
            try { line = JsonSerializer.Deserialize<Line>(text); } catch (JsonException) { }
            if (line is null || !DateTimeOffset.TryParse(line.At, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at)
                || line.Hash is null || line.Mac is null)
                return new Set(list, new AuditChain.Finding(0, $"line {number} of the checkpoint file {source} is not a checkpoint"));
            if (!string.Equals(Mac(key, at, line.Sequence, line.Hash), line.Mac, StringComparison.Ordinal))
                return new Set(list, new AuditChain.Finding(line.Sequence, $"line {number} of the checkpoint file {source} is not signed with this audit key"));
            list.Add(new Checkpoint(number, at, line.Sequence, line.Hash));
        }
        return new Set(list, null);
    }

    /// <summary>Reads the file if it exists; a checkpoint file not written yet holds no checkpoints.</summary>
    public static Set Read(AuditKey key, string path) =>
        File.Exists(path) ? Parse(key, File.ReadLines(path), path) : Set.None;

    /// <summary>
    /// Names the first checkpoint the chain no longer matches. <paramref name="hashes"/> holds the
    /// chain's hash at each checkpointed sequence it still has; <paramref name="lastSequence"/> its end.
    /// </summary>
    public static AuditChain.Finding? Check(Set set, IReadOnlyDictionary<long, string> hashes, long lastSequence)
    {
        foreach (var c in set.Checkpoints.OrderBy(c => c.Sequence))
        {
            var when = c.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            if (!hashes.TryGetValue(c.Sequence, out var hash))
                return new AuditChain.Finding(c.Sequence, lastSequence < c.Sequence
                    ? $"the chain ends at entry {lastSequence}, but a checkpoint written {when} UTC records entry {c.Sequence}: the newest entries were removed"
                    : $"entry {c.Sequence}, recorded by a checkpoint written {when} UTC, is missing");
            if (!string.Equals(hash, c.Hash, StringComparison.Ordinal))
                return new AuditChain.Finding(c.Sequence, $"entry {c.Sequence} differs from the checkpoint written {when} UTC: the chain was rewritten from there on");
        }
        return null;
    }

    /// <summary>Appends one line and flushes it to disk; the file is created private (0600).</summary>
    public static void Append(string path, string line)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        var options = new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write, Share = FileShare.ReadWrite };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using var file = new FileStream(path, options);
        // One write per line, so nodes appending to one file never interleave within a line.
        file.Write(Encoding.UTF8.GetBytes(line + "\n"));
        file.Flush(flushToDisk: true);
    }

    private sealed record Line(
        [property: System.Text.Json.Serialization.JsonPropertyName("at")] string At,
        [property: System.Text.Json.Serialization.JsonPropertyName("sequence")] long Sequence,
        [property: System.Text.Json.Serialization.JsonPropertyName("hash")] string? Hash,
        [property: System.Text.Json.Serialization.JsonPropertyName("mac")] string? Mac);
}
