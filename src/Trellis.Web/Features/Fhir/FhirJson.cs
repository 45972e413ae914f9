using System.Globalization;
using System.Text.Json;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using Hl7.Fhir.Serialization;

namespace Trellis.Web.Features.Fhir;

/// <summary>FHIR JSON as Firely's SDK writes and reads it (R4, strict: an unknown element is an error, not a silent drop).</summary>
public static class FhirJson
{
    public const string MediaType = "application/fhir+json";
    public const string FhirVersion = "4.0.1";

    public static JsonSerializerOptions Options { get; } = new JsonSerializerOptions().ForFhir();

    public static string Serialize(Resource resource) => JsonSerializer.Serialize(resource, resource.GetType(), Options);
}

/// <summary>
/// A FHIR answer: the resource as application/fhir+json with its status, and for a stored record its
/// version as a weak ETag (W/"3", the FHIR convention) and Last-Modified.
/// </summary>
public sealed class FhirResult(Resource resource, int status = StatusCodes.Status200OK) : IResult, IStatusCodeHttpResult
{
    public Resource Resource => resource;
    public int? StatusCode => status;

    public async Task ExecuteAsync(HttpContext http)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = FhirJson.MediaType + "; charset=utf-8";
        if (resource is not Bundle and not OperationOutcome && resource.Meta?.VersionId is { } version)
            http.Response.Headers.ETag = FhirVersions.ETag(version);
        if (resource is not Bundle and not OperationOutcome && resource.Meta?.LastUpdated is { } updated)
            http.Response.Headers.LastModified = updated.ToString("R", CultureInfo.InvariantCulture);
        await JsonSerializer.SerializeAsync(http.Response.Body, resource, resource.GetType(), FhirJson.Options, http.RequestAborted);
    }
}

/// <summary>304 for a conditional read whose If-None-Match names the current version.</summary>
public sealed class FhirNotModified(string versionId) : IResult, IStatusCodeHttpResult
{
    public int? StatusCode => StatusCodes.Status304NotModified;

    public Task ExecuteAsync(HttpContext http)
    {
        http.Response.StatusCode = StatusCodes.Status304NotModified;
        http.Response.Headers.ETag = FhirVersions.ETag(versionId);
        return Task.CompletedTask;
    }
}

public static class FhirVersions
{
    public static string ETag(string versionId) => $"W/\"{versionId}\"";

    /// <summary>Whether If-None-Match names this version (W/"3", "3" or *).</summary>
    public static bool Matches(string? ifNoneMatch, string versionId) =>
        !string.IsNullOrWhiteSpace(ifNoneMatch) && ifNoneMatch.Split(',').Select(t => t.Trim()).Any(tag =>
            tag == "*" || (ETags.TryParse(tag, out var v) && v.ToString(CultureInfo.InvariantCulture) == versionId));
}
