using Trellis.Web.Features.Audit;
using System.Text.Json;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using Hl7.Fhir.Serialization;
using Microsoft.AspNetCore.Authorization;
using Trellis.Web.Features.Auth;

namespace Trellis.Web.Features.Fhir;

/// <summary>
/// The /fhir endpoints: metadata, read, search. Callers present the bearer token of POST /api/auth/login;
/// what they see is their care team's records (a participant: their own), through the context's filters,
/// and every record handed out is audited as a read before it leaves.
/// </summary>
public static class FhirApi
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var fhir = app.MapGroup("/fhir")
            .RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = BearerTokenHandler.SchemeName, Policy = Permissions.Anyone })
            .AddEndpointFilter<AuditFailedAccess>()
            .ExcludeFromDescription();
        fhir.MapGet("/metadata", Metadata).AllowAnonymous();
        fhir.MapGet("/{type}", Search);
        fhir.MapGet("/{type}/{id}", Read);
        fhir.MapPost("/{type}", Write);
        fhir.MapPut("/{type}/{id}", Write);
        fhir.MapMethods("/{type}/{id}", ["DELETE", "PATCH"], Unsupported);
    }

    public static FhirResult Metadata(HttpContext http, FhirTypes types) => new(FhirCapability.Build(FhirContext.BaseUrlOf(http), types));

    public static async Task<IResult> Read(string type, string id, HttpContext http, TrellisDbContext db, FhirTypes types, CancellationToken ct)
    {
        if (Allowed(type, db, types) is not { } t) return Refused(type, types);
        if (await t.ReadAsync(FhirContext.For(http, db), id, ct) is not { } entry) return FhirOutcomes.NotFound(type, id);
        await AuditAsync(db, [entry], "FHIR read", ct);
        var version = entry.Resource.Meta?.VersionId;
        if (version is not null && FhirVersions.Matches(http.Request.Headers.IfNoneMatch, version)) return new FhirNotModified(version);
        return new FhirResult(entry.Resource);
    }

    public static async Task<IResult> Search(string type, HttpContext http, TrellisDbContext db, FhirTypes types, CancellationToken ct)
    {
        if (Allowed(type, db, types) is not { } t) return Refused(type, types);
        var (search, invalid) = FhirSearch.Parse(http.Request.Query, t, FhirSearch.IsStrict(http));
        if (invalid is not null) return FhirOutcomes.Invalid(invalid.Detail);
        var fx = FhirContext.For(http, db);
        var (page, refused) = await t.SearchAsync(fx, search!, ct);
        if (refused is not null) return FhirOutcomes.Invalid(refused.Detail);
        var included = await IncludedAsync(fx, search!, page!, db, types, ct);
        await AuditAsync(db, [.. page!.Entries, .. included], "FHIR search", ct);
        return new FhirResult(FhirBundles.Searchset(fx.BaseUrl, t.Name, search!, page, included));
    }

    /// <summary>
    /// The participants the page's records belong to, read through the Patient type (so through the scope,
    /// as a read of their own would be): an include never reveals what a read of it would not.
    /// </summary>
    private static async Task<IReadOnlyList<FhirEntry>> IncludedAsync(FhirContext fx, FhirSearch search, FhirSearchPage page, TrellisDbContext db, FhirTypes types, CancellationToken ct)
    {
        if (search.Include.Count == 0 || Allowed("Patient", db, types) is not { } patients) return [];
        var ids = page.Entries.Select(e => e.ParticipantId).OfType<Guid>().Distinct().ToList();
        return ids.Count == 0 ? [] : await patients.ReadManyAsync(fx, ids, ct);
    }

    /// <summary>
    /// The server is read-only (the CapabilityStatement lists no write). A body is still read first, so a client
    /// learns what is wrong with what it sent (invalid JSON, a resource of another type) before it learns that.
    /// </summary>
    public static async Task<IResult> Write(string type, HttpContext http, FhirTypes types, CancellationToken ct)
    {
        if (types.Find(type) is null) return Refused(type, types);
        Resource? resource;
        try { resource = await JsonSerializer.DeserializeAsync<Resource>(http.Request.Body, FhirJson.Options, ct); }
        catch (DeserializationFailedException e) { return FhirOutcomes.Invalid($"The body is not a valid FHIR R4 resource: {e.Message}"); }
        catch (JsonException e) { return FhirOutcomes.Invalid($"The body is not valid JSON: {e.Message}"); }
        if (resource is null) return FhirOutcomes.Invalid("The body is empty; send a FHIR resource as application/fhir+json.");
        if (resource.TypeName != type)
            return FhirOutcomes.Invalid($"The body is a {resource.TypeName}, but the address is for {type}; send it to /fhir/{resource.TypeName}.");
        return Unsupported(http);
    }

    public static FhirResult Unsupported(HttpContext http)
    {
        http.Response.Headers.Allow = "GET";
        return FhirOutcomes.Error(405, OperationOutcome.IssueType.NotSupported,
            $"This server is read-only: {http.Request.Method} is not supported. GET /fhir/metadata lists what is.");
    }

    private static IFhirType? Allowed(string type, TrellisDbContext db, FhirTypes types) =>
        types.Find(type) is { } t && db.Me.May(t.Permission) ? t : null;

    private static FhirResult Refused(string type, FhirTypes types) => types.Find(type) is null
        ? FhirOutcomes.Error(404, OperationOutcome.IssueType.NotSupported,
            $"This server does not serve '{type}'. It serves {string.Join(", ", types.All.Select(t => t.Name))} (names are case-sensitive).")
        : FhirOutcomes.Error(403, OperationOutcome.IssueType.Forbidden, $"Your role does not allow reading {type} resources.");

    private static async Task AuditAsync(TrellisDbContext db, IReadOnlyList<FhirEntry> entries, string detail, CancellationToken ct)
    {
        foreach (var group in entries.Where(e => e.RecordType is not null).GroupBy(e => e.RecordType!))
            await db.AuditReadAsync(group.Key, group.Select(e => ((object)e.RecordId, e.ParticipantId)), detail, ct);
    }
}
