using System.Text.Json;

namespace Trellis.Web.Infrastructure;

/// <summary>Enum values as the API writes them (snake_case) and as people type them.</summary>
public static class EnumText
{
    public static string ToApi<T>(T value) where T : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    /// <summary>Accepts "on_hold", "OnHold", "on hold" or "onhold".</summary>
    public static bool TryParse<T>(string? text, out T value) where T : struct, Enum
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var key = text.Replace("_", "").Replace(" ", "").Replace("-", "");
        return !int.TryParse(key, out _) && Enum.TryParse(key, ignoreCase: true, out value) && Enum.IsDefined(value);
    }

    public static string Allowed<T>() where T : struct, Enum => string.Join(", ", Enum.GetValues<T>().Select(ToApi));

    /// <summary>"OnHold" → "On hold", for screens.</summary>
    public static string Label<T>(T value) where T : struct, Enum
    {
        var words = ToApi(value).Replace('_', ' ');
        return char.ToUpperInvariant(words[0]) + words[1..];
    }
}
