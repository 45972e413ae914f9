using System.Security.Cryptography;

namespace Trellis.Web.Features.Audit;

/// <summary>
/// The secret that keys the audit chain. It must live outside the database and outside the data
/// folder (configuration, a secret store, or a file in the service account's configuration
/// directory), or a person who can copy the data folder could recompute every hash after rewriting history.
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

    /// <summary>A key for another purpose (checkpoints), derived so that no text signed for one can pass for the other.</summary>
    public AuditKey Derive(string purpose) => new(HMACSHA256.HashData(key, System.Text.Encoding.UTF8.GetBytes("trellis:" + purpose)));

    /// <summary>
    /// Audit:Key (base64) if set; otherwise the file Audit:KeyFile, by default audit.key in the service
    /// account's configuration directory (~/.config/trellis), created with a fresh random key (0600) on
    /// first start. A key made by an earlier version inside the data folder is still used, with a
    /// warning, and refused in Production unless Audit:AllowKeyInDataDirectory is true.
    /// </summary>
    public static AuditKey Load(IConfiguration config, string dataDirectory, IHostEnvironment env, ILogger? log = null)
    {
        var configured = config["Audit:Key"];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            try { return new AuditKey(Convert.FromBase64String(configured.Trim())); }
            catch (FormatException) { throw new InvalidOperationException("Audit:Key is not valid base64. Generate one with: openssl rand -base64 32"); }
        }
        var path = KeyFilePath(config, dataDirectory);
        if (IsInside(path, dataDirectory))
        {
            var message = $"The audit key {path} is inside the data folder {dataDirectory}: anyone who can copy that folder can rewrite "
                + $"the audit trail and recompute its chain. Stop the app, move the key out (mv {path} {DefaultKeyFile()}, or to another "
                + "volume and set Audit__KeyFile to it, or put its contents in Audit__Key from a secret store), keep a backup of it, and start again.";
            if (env.IsProduction() && !config.GetValue<bool>("Audit:AllowKeyInDataDirectory"))
                throw new InvalidOperationException(message + " (To run like this anyway, set Audit__AllowKeyInDataDirectory=true.)");
            log?.LogCritical("{Message}", message);
        }
        if (!File.Exists(path))
        {
            CreateKeyFile(path);
            log?.LogWarning("Created a new audit key at {Path}. Back it up: without it the audit trail cannot be verified. Every app node must use the same key.", path);
        }
        return ReadKeyFile(path);
    }

    /// <summary>Audit:KeyFile if set; else a key an earlier version left in the data folder; else the default.</summary>
    public static string KeyFilePath(IConfiguration config, string dataDirectory)
    {
        if (config["Audit:KeyFile"] is { Length: > 0 } configured) return Path.GetFullPath(configured);
        var legacy = Path.Combine(dataDirectory, "audit.key");
        return File.Exists(legacy) ? legacy : DefaultKeyFile();
    }

    /// <summary>The service account's configuration directory ($XDG_CONFIG_HOME or ~/.config), never the data folder.</summary>
    public static string DefaultKeyFile()
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData);
        if (string.IsNullOrEmpty(home))
            throw new InvalidOperationException("The service account has no home or configuration directory for the audit key. Set Audit__KeyFile to a file outside the data folder, or Audit__Key.");
        return Path.Combine(home, "trellis", "audit.key");
    }

    public static bool IsInside(string path, string directory)
    {
        var dir = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory)) + Path.DirectorySeparatorChar;
        return Path.GetFullPath(path).StartsWith(dir, OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
    }

    /// <summary>
    /// Created exclusively (O_EXCL) with 0600 from the start, so two processes starting together end
    /// up with one key, never each their own, and no other user ever sees it.
    /// </summary>
    private static void CreateKeyFile(string path)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(dir);
        else Directory.CreateDirectory(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        try
        {
            using var file = new FileStream(path, options);
            file.Write(System.Text.Encoding.ASCII.GetBytes(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))));
            file.Flush(flushToDisk: true);
        }
        catch (IOException) when (File.Exists(path)) { } // another process made it first: use theirs
    }

    private static AuditKey ReadKeyFile(string path)
    {
        // A key another process is writing this instant reads short for a moment.
        for (var attempt = 0; ; attempt++)
        {
            var text = File.ReadAllText(path).Trim();
            try { return new AuditKey(Convert.FromBase64String(text)); }
            catch (Exception e) when (e is FormatException or ArgumentException && attempt < 20) { Thread.Sleep(50); }
            catch (Exception e) when (e is FormatException or ArgumentException)
            {
                throw new InvalidOperationException($"The audit key file {path} does not hold a base64 key of at least 32 bytes.");
            }
        }
    }
}
