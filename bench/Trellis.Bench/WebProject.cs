namespace Trellis.Bench;

/// <summary>
/// The app's source folder, for <c>UseContentRoot</c>: WebApplicationFactory's own guess looks for a folder named after
/// the project beside the solution file, and Trellis keeps it under src/.
/// </summary>
internal static class WebProject
{
    public static string Folder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (Directory.Exists(Path.Combine(dir.FullName, "src", "Trellis.Web"))) return Path.Combine(dir.FullName, "src", "Trellis.Web");
        return Directory.GetCurrentDirectory();
    }
}
