using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Trellis.Web.Infrastructure;

/// <summary>
/// The OpenAPI document lists a member under "required" only when the API refuses a body without it:
/// the strict reader requires it (<see cref="StrictJson"/>), or the action's validation does ([Required]).
/// The generator would otherwise mark every constructor parameter of a record required, although a
/// missing one simply reads as null.
/// </summary>
internal sealed class HonestRequiredTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken ct)
    {
        if (context.JsonPropertyInfo is not null || context.JsonTypeInfo.Kind != JsonTypeInfoKind.Object || schema.Required is not { Count: > 0 } required)
            return Task.CompletedTask;
        var enforced = context.JsonTypeInfo.Properties
            .Where(p => p.IsRequired || (p.AttributeProvider as MemberInfo)?.GetCustomAttribute<RequiredAttribute>() is not null)
            .Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var name in required.Where(r => !enforced.Contains(r)).ToList()) required.Remove(name);
        return Task.CompletedTask;
    }
}
