using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Trellis.Web.Infrastructure;

/// <summary>Describes the bearer token in the OpenAPI document so the reference page can send it.</summary>
internal sealed class BearerSecurityTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        document.Info.Title = "Trellis API";
        document.Info.Description = "Intensive outpatient program records. Sign in with POST /api/auth/login and send 'Authorization: Bearer <accessToken>'. Errors are RFC 9457 ProblemDetails. Updates need If-Match with the ETag from a GET.";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["Bearer"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http, Scheme = "bearer", Description = "Access token from POST /api/auth/login",
        };
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("Bearer", document)] = [] });
        return Task.CompletedTask;
    }
}
