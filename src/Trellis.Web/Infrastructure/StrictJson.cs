using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Trellis.Web.Infrastructure;

/// <summary>
/// Lets an input accept the members of the record's own representation (what GET answered) and ignore
/// them, so a client may GET a record, change a field and PUT it back. Any other unknown member is still
/// refused (see <see cref="StrictJson"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class AcceptsRepresentationAttribute(Type representation) : Attribute
{
    public Type Representation { get; } = representation;
}

/// <summary>
/// Request bodies are read strictly: a member the endpoint does not know is refused (a typo such as
/// "dne" must not pass as "done not given"), and a [Required] value-type member (true/false, a number)
/// must be present, since its default would otherwise pass for an answer. Both refusals are a 400
/// ProblemDetails naming the member, and nothing is changed.
/// </summary>
public static class StrictJson
{
    public static void Apply(JsonSerializerOptions options)
    {
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.Converters.Add(new NoNulStrings());
        var resolver = options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver();
        options.TypeInfoResolver = resolver.WithAddedModifier(Modify);
    }

    /// <summary>
    /// The member a strict read refused, and a sentence that names it; null for any other JSON problem.
    /// The serializer's own message names .NET types, which mean nothing to a client.
    /// </summary>
    public static (string Path, string Message)? Explain(JsonException json)
    {
        var text = json.Message;
        var path = string.IsNullOrEmpty(json.Path) || json.Path == "$" ? "" : json.Path.TrimStart('$', '.');
        if (System.Text.RegularExpressions.Regex.Match(text, "^The JSON property '([^']*)' could not be mapped") is { Success: true } unknown)
        {
            var name = Short(unknown.Groups[1].Value);
            var at = path.Length == 0 ? name : path.EndsWith(name, StringComparison.Ordinal) ? path : $"{path}.{name}";
            return (at, $"'{at}' is not a member this endpoint accepts. Remove it, or check its spelling against the API reference (/api/reference).");
        }
        if (System.Text.RegularExpressions.Regex.Match(text, "missing required properties including: (.*)\\.?$") is { Success: true } missing)
        {
            var names = missing.Groups[1].Value.Replace("'", "").TrimEnd('.');
            var first = names.Split(',')[0].Trim();
            var at = path.Length == 0 ? first : $"{path}.{first}";
            return (at, $"'{names}' is required here: send {(names.Contains(',') ? "each of them" : "it")} explicitly (a missing value is not taken as false or 0).");
        }
        if (text.StartsWith(NoNulStrings.Refused, StringComparison.Ordinal))
        {
            var at = path.Length == 0 ? "body" : path;
            return (at, $"'{at}' contains a NUL character (\\u0000), which text cannot hold. Remove it and send again.");
        }
        return null;
    }

    /// <summary>
    /// A string with U+0000 is refused: PostgreSQL text cannot hold it (SQLite can), so it would be saved on one
    /// database and fail on the other. Refused on both, as a 400 naming the member.
    /// </summary>
    private sealed class NoNulStrings : JsonConverter<string>
    {
        public const string Refused = "NUL character in a string";

        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var value = reader.GetString();
            return value is not null && value.Contains('\0') ? throw new JsonException(Refused) : value;
        }

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

        public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            Read(ref reader, typeToConvert, options) ?? "";

        public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WritePropertyName(value);
    }

    /// <summary>
    /// A list declared not nullable reads JSON null as empty, as its initializer would have it: otherwise null
    /// reaches code the compiler promised it never would (the fuzzer's 500s on "needs": null, "claimIds": null).
    /// A list that may be null on purpose is declared nullable, and [Required] then refuses it.
    /// </summary>
    private static Func<object>? EmptyListFor(MemberInfo? member, Type type)
    {
        if (member is not PropertyInfo property) return null;
        var element = type.IsArray ? type.GetElementType()
            : type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>) ? type.GetGenericArguments()[0] : null;
        if (element is null || new NullabilityInfoContext().Create(property).WriteState != NullabilityState.NotNull) return null;
        return type.IsArray ? () => Array.CreateInstance(element, 0) : () => Activator.CreateInstance(type)!;
    }

    private static string Short(string name) => name.Length <= 60 ? name : name[..60] + "…";

    private static void Modify(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object) return;
        foreach (var property in info.Properties)
        {
            var member = property.AttributeProvider as MemberInfo;
            var type = property.PropertyType;
            if (member?.GetCustomAttribute<RequiredAttribute>() is not null && type.IsValueType && Nullable.GetUnderlyingType(type) is null)
                property.IsRequired = true;
            if (property.Set is { } set && EmptyListFor(member, type) is { } empty)
                property.Set = (target, value) => set(target, value ?? empty());
        }
        if (info.Type.GetCustomAttribute<AcceptsRepresentationAttribute>() is not { } accepts) return;
        var known = info.Properties.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var p in accepts.Representation.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var name = info.Options.PropertyNamingPolicy?.ConvertName(p.Name) ?? p.Name;
            if (!known.Add(name)) continue;
            // Read and thrown away: a representation-only member (id, version, createdAt…) changes nothing.
            var ignored = info.CreateJsonPropertyInfo(typeof(JsonElement), name);
            ignored.Set = static (_, _) => { };
            info.Properties.Add(ignored);
        }
    }
}
