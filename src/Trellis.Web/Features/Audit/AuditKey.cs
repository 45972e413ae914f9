using System.Security.Cryptography;

namespace Trellis.Web.Features.Audit;

/// <summary>
/// The secret that keys the audit chain. It must live outside the database (configuration,
/// an environment variable or a file beside the app), or a person who can write to the database
/// could recompute every hash after rewriting history.
/// </summary>
public sealed class AuditKey
{
    private readonly byte[] key;

    public AuditKey(byte[] key)
    {
        if (key.Length < 32) throw new ArgumentException("The audit key must be at least 32 bytes.", nameof(key));
        this.key = key;
    }

    public static AuditKey Random() => new(RandomNumberGenerator.GetBytes(32));

    public byte[] Sign(ReadOnlySpan<byte> data) => HMACSHA256.HashData(key, data);

    /// <summary>
    /// Audit:Key (base64) if set; otherwise the file Audit:KeyFile (default data/audit.key),
    /// created with a fresh random key on first start.
    /// </summary>
    public static AuditKey Load(IConfiguration config, string dataDirectory, ILogger? log = null)
    {
        var configured = config["Audit:Key"];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            try { return new AuditKey(Convert.FromBase64String(configured.Trim())); }
            catch (FormatException) { throw new InvalidOperationException("Audit:Key is not valid base64. Generate one with: openssl rand -base64 32"); }
        }
        var path = config["Audit:KeyFile"] is { Length: > 0 } p ? p : Path.Combine(dataDirectory, "audit.key");
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            var fresh = RandomNumberGenerator.GetBytes(32);
            File.WriteAllText(path, Convert.ToBase64String(fresh));
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            log?.LogWarning("Created a new audit key at {Path}. Back it up: without it the audit trail cannot be verified. Every app node must use the same key.", path);
        }
        return new AuditKey(Convert.FromBase64String(File.ReadAllText(path).Trim()));
    }
}
