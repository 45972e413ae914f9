using Microsoft.EntityFrameworkCore;
using Trellis.Tests.Support;
using Trellis.Web.Data;

namespace Trellis.Tests.Foundation;

/// <summary>
/// Issue 16: the generated audit key never sits in the data folder (whoever copies that folder could
/// otherwise rewrite the trail and recompute its chain), and the data the app creates is private.
/// The app runs as its own process in Production, as an operator would start it.
/// </summary>
[Long]
public sealed class AuditKeyPlacementTests : IAsyncLifetime
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode PrivateFolder = Private | UnixFileMode.UserExecute;
    private AppProcess app = null!;

    public async Task InitializeAsync()
    {
        app = await AppProcess.CreateAsync();
        app.Settings["Audit__Key"] = null;
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task Without_a_configured_key_it_is_made_private_in_the_config_directory_and_the_data_folder_is_private_too()
    {
        var (code, output) = await app.RunAsync("migrate");
        Assert.True(code == 0, output);

        var key = Path.Combine(app.ConfigDirectory, "trellis", "audit.key");
        Assert.True(File.Exists(key), output);
        Assert.Equal(Private, AppProcess.ModeOf(key));
        Assert.Equal(PrivateFolder, AppProcess.ModeOf(Path.GetDirectoryName(key)!));
        Assert.Equal(44, (await File.ReadAllTextAsync(key)).Trim().Length); // 32 random bytes in base64
        Assert.False(File.Exists(Path.Combine(app.DataDirectory, "audit.key")));

        if (app.Provider == DatabaseProvider.Sqlite)
        {
            await app.StartAsync(); // while it serves, the -wal and -shm files exist too
            Assert.Equal(PrivateFolder, AppProcess.ModeOf(app.DataDirectory));
            foreach (var name in new[] { "trellis.db", "trellis.db-wal", "trellis.db-shm" })
            {
                var file = Path.Combine(app.DataDirectory, name);
                Assert.True(File.Exists(file), name);
                Assert.Equal(Private, AppProcess.ModeOf(file));
            }
            await app.KillAsync();
        }

        (code, output) = await app.RunAsync("audit", "verify");
        Assert.True(code == 0, output);
    }

    [Fact]
    public async Task A_key_left_in_the_data_folder_is_refused_in_production_with_how_to_move_it()
    {
        Directory.CreateDirectory(app.DataDirectory);
        var inside = Path.Combine(app.DataDirectory, "audit.key");
        await File.WriteAllTextAsync(inside, Convert.ToBase64String(app.Key));

        var (code, output) = await app.RunAsync("migrate");
        Assert.Equal(2, code);
        Assert.Contains("inside the data folder", output);
        Assert.Contains($"mv {inside} {Path.Combine(app.ConfigDirectory, "trellis", "audit.key")}", output);

        app.Settings["Audit__KeyFile"] = inside;
        (code, output) = await app.RunAsync("migrate");
        Assert.Equal(2, code);
        Assert.Contains("inside the data folder", output);

        // An operator who must run like this for now can, and is told at every start.
        app.Settings["Audit__AllowKeyInDataDirectory"] = "true";
        (code, output) = await app.RunAsync("migrate");
        Assert.True(code == 0, output);
        Assert.Contains("inside the data folder", output);
        await using var db = app.Context();
        Assert.True(await db.Database.CanConnectAsync());
    }
}
