using System.Text.Json;
using System.Text.Json.Serialization;

namespace Trellis.Web.Features.Clinical;

/// <summary>Reads a JSON null id as "none yet" (Guid.Empty): a client adding a goal sends no id, or null, and the server assigns one.</summary>
public sealed class EmptyGuidWhenNull : JsonConverter<Guid>
{
    public override bool HandleNull => true;

    public override Guid Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null) return Guid.Empty;
        if (reader.TokenType == JsonTokenType.String && reader.GetString() is { } s && Guid.TryParse(s, out var g)) return g;
        throw new JsonException("An id is a GUID such as \"0195f3c2-…\", or null for a new item.");
    }

    public override void Write(Utf8JsonWriter writer, Guid value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
