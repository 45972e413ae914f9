using System.Text.RegularExpressions;

namespace Trellis.Tests.Foundation;

/// <summary>
/// Guards of the one shape (docs/architecture.md): each fails the moment a second way of doing
/// something comes back into the source, and names the file.
/// </summary>
[Trait("Category", "Unit")]
public class OneShapeTests
{
    private static readonly string Src = Path.Combine(Root(), "src", "Trellis.Web");

    private static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Trellis.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Trellis.slnx not found above the test binaries.");
    }

    private static IEnumerable<(string Path, string Text)> Sources(params string[] extensions) =>
        Directory.EnumerateFiles(Src, "*", SearchOption.AllDirectories)
            .Where(f => extensions.Contains(Path.GetExtension(f)) && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}") && !f.Contains("Migrations"))
            .Select(f => (Path.GetRelativePath(Src, f), File.ReadAllText(f)));

    private static void NoneMatch(string pattern, IEnumerable<(string Path, string Text)> files, string why, params string[] allowed)
    {
        var found = files.Where(f => !allowed.Any(a => f.Path.Replace('\\', '/').StartsWith(a, StringComparison.Ordinal)) && Regex.IsMatch(f.Text, pattern))
            .Select(f => f.Path).ToList();
        Assert.True(found.Count == 0, $"{why} Found in: {string.Join(", ", found)}");
    }

    [Fact]
    public void No_feature_writes_a_program_scope_condition() =>
        NoneMatch(@"Scope\.ProgramIds|Scope\.All\b|ProgramIds\.Contains\(", Sources(".cs", ".razor").Where(f => !f.Path.Contains("StaffForm")),
            "Program scope belongs in the context's query filters (IProgramOwned); ask db.Scope.Covers(programId) to act on a program.", "Data/");

    [Fact]
    public void Success_messages_never_come_from_a_link() =>
        NoneMatch(@"[?&]done=", Sources(".cs", ".razor"), "Use StatusMessage.Set before navigating: a query string lets a link claim something was saved.");

    [Fact]
    public void Pages_load_in_one_lifecycle() =>
        NoneMatch(@"override\s+(async\s+)?(Task|void)\s+OnInitialized(Async)?\(", Sources(".razor", ".cs"),
            "Load in TrellisPage.LoadAsync (it finishes before the first render).",
            "Components/Pages/Error.razor", "Components/Shared/RedirectToLogin.razor", "Components/Layout/MainLayout.razor",
            "Features/Auth/Pages/Login.razor", "Features/Participants/Pages/ChartNotFound.razor");

    [Fact]
    public void Roles_are_named_only_in_permissions() =>
        NoneMatch(@"Authorize\(Roles\s*=|AuthorizeView Roles=|RequireRole\(", Sources(".cs", ".razor"),
            "Name a policy from Permissions instead of listing roles.", "Features/Auth/Permissions.cs");

    [Fact]
    public void Claims_are_read_only_by_the_current_user() =>
        NoneMatch(@"FindFirst(Value)?\(\s*(TrellisClaims|ClaimTypes)\.", Sources(".cs", ".razor"),
            "Ask CurrentUser (db.Me, Me) who is calling.", "Data/CurrentUser.cs", "Features/Auth/");

    [Fact]
    public void Validation_has_one_path() =>
        NoneMatch(@"\bAddValidation\(|\.DisableValidation\(", Sources(".cs"),
            "Validate in the action with Validation.Check(input): the framework's minimal-API validation would be a second path that pages never take.",
            // OpenIddict's AddValidation is its access-token validation (Features/Smart), not input validation.
            "Features/Smart/SmartFeature.cs");

    [Fact]
    public void Shared_helpers_use_no_feature() =>
        NoneMatch(@"Trellis\.Web\.Features\.|\bFeatures\.[A-Z]\w+\.", Sources(".cs").Where(f => f.Path.Replace('\\', '/').StartsWith("Infrastructure/", StringComparison.Ordinal)),
            "Infrastructure/ holds helpers every feature may use, so it depends on none: code that wires features together belongs in Hosting/.");

    [Fact]
    public void A_range_on_a_number_wider_than_an_int_has_bounds_of_its_width()
    {
        // [Range(0, 60)] on a decimal converts the value to an int to compare it: 1e20 then throws instead of being
        // refused (the fuzzer found a 500 this way). Bounds written as doubles compare any decimal or long.
        var wide = new[] { typeof(decimal), typeof(long), typeof(double), typeof(float) };
        var found = typeof(Program).Assembly.GetTypes().SelectMany(t => t.GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.DeclaredOnly))
            .Where(p => wide.Contains(Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType)
                && p.GetCustomAttributes(typeof(System.ComponentModel.DataAnnotations.RangeAttribute), true).Cast<System.ComponentModel.DataAnnotations.RangeAttribute>().Any(r => r.OperandType == typeof(int)))
            .Select(p => $"{p.DeclaringType!.FullName}.{p.Name}").ToList();
        Assert.True(found.Count == 0, "An int range on a wider number (write the bounds as doubles, e.g. Range(0.0, 60.0)): " + string.Join(", ", found));
    }
}
