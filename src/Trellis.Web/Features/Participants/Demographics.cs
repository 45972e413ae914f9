using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;

namespace Trellis.Web.Features.Participants;

/// <summary>
/// The person's administrative gender, as FHIR's administrative-gender code system has it (male, female, other,
/// unknown): what registration and outside systems exchange. It is not the sex a health plan has on file (billing's
/// <c>Coverage.Sex</c>, sent on claims) and not the pronouns the person asked us to use (<see cref="Participant.Pronouns"/>).
/// </summary>
public enum AdministrativeGender { Male, Female, Other, Unknown }

/// <summary>
/// Languages: a participant's preferred language is a BCP-47 tag (en, es, vi, zh-Hant, es-MX). The rule for a tag, once:
/// a primary language subtag Trellis knows (the languages US clinics most often need, and American Sign Language), an
/// optional four-letter script and an optional region (two letters or three digits). Written in the standard case
/// (<c>zh-Hant-TW</c>). A clinic that serves a language not listed adds it to <see cref="Known"/>.
/// </summary>
public static partial class Languages
{
    /// <summary>The longest tag the rule allows (yue-Hant-419), with room to spare.</summary>
    public const int MaxLength = 20;

    /// <summary>The system FHIR codes a BCP-47 tag with.</summary>
    public const string System = "urn:ietf:bcp:47";

    /// <summary>Primary subtags and their English names, in the order a clinic's picker lists them.</summary>
    public static readonly IReadOnlyList<(string Code, string Name)> Known =
    [
        ("en", "English"), ("es", "Spanish"), ("zh", "Chinese"), ("yue", "Cantonese"), ("vi", "Vietnamese"), ("tl", "Tagalog"),
        ("ar", "Arabic"), ("ko", "Korean"), ("ru", "Russian"), ("uk", "Ukrainian"), ("fr", "French"), ("ht", "Haitian Creole"),
        ("pt", "Portuguese"), ("de", "German"), ("hi", "Hindi"), ("ur", "Urdu"), ("pa", "Punjabi"), ("bn", "Bengali"),
        ("gu", "Gujarati"), ("fa", "Persian"), ("prs", "Dari"), ("ps", "Pashto"), ("so", "Somali"), ("am", "Amharic"),
        ("ti", "Tigrinya"), ("sw", "Swahili"), ("ja", "Japanese"), ("km", "Khmer"), ("lo", "Lao"), ("hmn", "Hmong"),
        ("my", "Burmese"), ("ne", "Nepali"), ("ro", "Romanian"), ("pl", "Polish"), ("it", "Italian"), ("el", "Greek"),
        ("chk", "Chuukese"), ("mh", "Marshallese"), ("ase", "American Sign Language"),
    ];

    [GeneratedRegex("^(?<lang>[A-Za-z]{2,3})(-(?<script>[A-Za-z]{4}))?(-(?<region>[A-Za-z]{2}|[0-9]{3}))?$")]
    private static partial Regex Tag();

    /// <summary>The tag in its standard case, or null when it is not one Trellis keeps.</summary>
    public static string? Normalize(string? tag)
    {
        if (string.IsNullOrWhiteSpace(tag) || Tag().Match(tag.Trim()) is not { Success: true } m) return null;
        var lang = m.Groups["lang"].Value.ToLowerInvariant();
        if (!Known.Any(k => k.Code == lang)) return null;
        var script = m.Groups["script"].Value is { Length: 4 } s ? "-" + char.ToUpperInvariant(s[0]) + s[1..].ToLowerInvariant() : "";
        var region = m.Groups["region"].Value is { Length: > 0 } r ? "-" + r.ToUpperInvariant() : "";
        return lang + script + region;
    }

    /// <summary>What a person reads for a tag: "Spanish", "Spanish (MX)"; the tag itself when it is not known.</summary>
    public static string Name(string tag)
    {
        var dash = tag.IndexOf('-');
        var lang = dash < 0 ? tag : tag[..dash];
        var name = Known.FirstOrDefault(k => k.Code == lang).Name;
        return name is null ? tag : dash < 0 ? name : $"{name} ({tag[(dash + 1)..]})";
    }

    public const string Invalid = "Choose a language from the list, or give a BCP-47 code such as en, es, vi or zh-Hant.";

    /// <summary>
    /// The rule for a preferred language and "interpreter needed" as a form gives them, once for every input that asks
    /// (the chart's form, the lead's registration): a known tag, and a language named whenever an interpreter is needed.
    /// </summary>
    public static IEnumerable<ValidationResult> Check(string? preferredLanguage, bool interpreterNeeded, string field = "PreferredLanguage")
    {
        if (preferredLanguage is { } tag && Normalize(tag) is null)
            yield return new($"'{tag}' is not a language Trellis knows. {Invalid}", [field]);
        if (interpreterNeeded && string.IsNullOrWhiteSpace(preferredLanguage))
            yield return new("Say which language the interpreter is for.", [field]);
    }

    /// <summary>
    /// What a roster or list shows for someone who needs an interpreter ("Interpreter: Spanish"), in words so it never
    /// rests on colour alone; null when none is needed.
    /// </summary>
    public static string? InterpreterLabel(bool interpreterNeeded, string? preferredLanguage) =>
        !interpreterNeeded ? null : preferredLanguage is null ? "Interpreter needed" : $"Interpreter: {Name(preferredLanguage)}";
}
