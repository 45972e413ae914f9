using System.Buffers.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Trellis.Web.Features.Admissions.SelfCheck;

/// <summary>
/// Everything answered so far, carried from one step of the self-check to the next inside the
/// form post itself (one hidden field), because the server keeps nothing. It is the person's own
/// data in their own browser; if they send an inquiry with their results it is read once more,
/// re-scored (never trusted as scored) and only then stored.
/// </summary>
public sealed record SelfCheckCarry(SelfCheckInput Input, Dictionary<string, string?[]> Answers)
{
    public const int MaxLength = 8000;

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault,
    };

    public string Encode() => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(this, Options));

    /// <summary>The carried answers, or null when the token is missing, too long or not one of ours.</summary>
    public static SelfCheckCarry? Decode(string? token)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > MaxLength) return null;
        try
        {
            var carry = JsonSerializer.Deserialize<SelfCheckCarry>(Base64Url.DecodeFromChars(token.Trim()), Options);
            if (carry?.Input is null) return null;
            // Only the length rules matter here: a carried self-check may be unfinished.
            if (carry.Input.LedInOwnWords is { Length: > 500 } || carry.Input.GoalsInOwnWords is { Length: > 500 } || carry.Input.Sex is { Length: > 10 }) return null;
            if (carry.Input.Phq9Difficulty is < 0 or > 3) carry.Input.Phq9Difficulty = null;
            // A hand-made token could hold anything: keep only the offered screens, at their real length.
            var answers = new Dictionary<string, string?[]>();
            foreach (var code in SelfCheckEvaluation.Offered)
                if (carry.Answers?.TryGetValue(code, out var values) == true && values is not null)
                    answers[code] = values.Take(Instruments.InstrumentCatalog.Get(code)!.ScoredItems.Count).Select(v => v is { Length: <= 10 } ? v : null).ToArray();
            return carry with { Answers = answers };
        }
        catch (Exception e) when (e is JsonException or FormatException or NotSupportedException)
        {
            return null;
        }
    }
}
