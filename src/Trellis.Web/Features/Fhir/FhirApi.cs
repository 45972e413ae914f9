using Trellis.Web.Features.Audit;
using System.Text.Json;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using Hl7.Fhir.Serialization;
using Microsoft.AspNetCore.Authorization;
using Trellis.Web.Features.Auth;

namespace Trellis.Web.Features.Fhir;

/// <summary>
/// The /fhir endpoints: metadata, read, vread, search. Callers present the bearer token of POST /api/auth/login;
/// what they see is their care team's records (a participant: their own), through the context's filters,
/// and every record handed out is audited as a read before it leaves.
/// </summary>
public static class FhirApi
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var fhir = app.MapGroup("/fhir")
            // Any signed-in role: each type names the permission it needs (Billing reads Patient and Coverage, nothing clinical).
            .RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = Smart.SmartTokenHandler.FhirScheme })
            .AddEndpointFilter<AuditFailedAccess>()
            .ExcludeFromDescription();
        fhir.MapGet("/metadata", Metadata).AllowAnonymous();
        Export.FhirExportApi.Map(fhir);
        fhir.MapGet("/{type}", Search);
        fhir.MapGet("/{type}/{id}", Read);
        fhir.MapGet("/{type}/{id}/_history/{vid}", VersionRead);
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

    /// <summary>
    /// vread. Trellis keeps the content of a record's current version only (the audit trail records which fields
    /// changed, not what they held), so the current version is served and an earlier one is 410 Gone.
    /// </summary>
    public static async Task<IResult> VersionRead(string type, string id, string vid, TrellisDbContext db, HttpContext http, FhirTypes types, CancellationToken ct)
    {
        if (Allowed(type, db, types) is not { } t) return Refused(type, types);
        if (!t.Versioned)
            return FhirOutcomes.Error(404, OperationOutcome.IssueType.NotSupported, $"{type} resources are definitions without versions; read /fhir/{type}/{id}.");
        if (await t.ReadAsync(FhirContext.For(http, db), id, ct) is not { } entry) return FhirOutcomes.NotFound(type, id);
        var current = entry.Resource.Meta!.VersionId!;
        if (vid == current)
        {
            await AuditAsync(db, [entry], "FHIR vread", ct);
            return new FhirResult(entry.Resource);
        }
        if (long.TryParse(vid, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var asked) && asked >= 1 && asked < long.Parse(current, System.Globalization.CultureInfo.InvariantCulture))
            return FhirOutcomes.Error(410, OperationOutcome.IssueType.Deleted,
                $"Version {vid} of {type}/{id} was replaced by version {current}. This server keeps the content of the current version only; read /fhir/{type}/{id}/_history/{current}.");
        return FhirOutcomes.Error(404, OperationOutcome.IssueType.NotFound, $"{type}/{id} has no version '{vid}'; its current version is {current}.");
    }

    public static async Task<IResult> Search(string type, HttpContext http, TrellisDbContext db, FhirTypes types, CancellationToken ct)
    {
        if (Allowed(type, db, types, 's') is not { } t) return Refused(type, types);
        var (search, invalid) = FhirSearch.Parse(http.Request.Query, t, types.RevIncludesOf(t.Name), FhirSearch.IsStrict(http));
        if (invalid is not null) return FhirOutcomes.Invalid(invalid.Detail);
        var fx = FhirContext.For(http, db);
        var (page, refused) = await t.SearchAsync(fx, search!, ct);
        if (refused is not null) return FhirOutcomes.Invalid(refused.Detail);
        var included = await IncludedAsync(fx, search!, page!, db, types, ct);
        await AuditAsync(db, [.. page!.Entries, .. included], "FHIR search", ct);
        return new FhirResult(FhirBundles.Searchset(fx.BaseUrl, t.Name, search!, page, included));
    }

    /// <summary>
    /// What _include and _revinclude reach from the page's matches, each read through its own type (its permission,
    /// and the context's scope, as a read of it would be): an include never reveals what a read of it would not.
    /// A record already in the bundle is not repeated.
    /// </summary>
    private static async Task<IReadOnlyList<FhirEntry>> IncludedAsync(FhirContext fx, FhirSearch search, FhirSearchPage page, TrellisDbContext db, FhirTypes types, CancellationToken ct)
    {
        var included = new List<FhirEntry>();
        foreach (var group in search.Include.GroupBy(i => i.Target))
        {
            if (Allowed(group.Key, db, types) is not { } target) continue;
            var ids = group.SelectMany(i => page.Entries.SelectMany(i.Ids)).Distinct().ToList();
            if (ids.Count > 0) included.AddRange(await target.ReadManyAsync(fx, ids, ct));
        }
        foreach (var rev in search.RevInclude)
        {
            if (page.Entries.Count == 0 || Allowed(rev.Name[..rev.Name.IndexOf(':')], db, types, 's') is not { } source) continue;
            var value = string.Join(',', page.Entries.Select(e => $"{rev.Target}/{e.Resource.Id}"));
            for (var offset = 0; ; offset += FhirSearch.MaxCount)
            {
                var (found, refused) = await source.SearchAsync(fx, FhirSearch.Matching(rev.Parameter, value, offset, FhirSearch.MaxCount), ct);
                if (refused is not null || found!.Entries.Count == 0) break;
                included.AddRange(found.Entries);
                if (offset + found.Entries.Count >= found.Total) break;
            }
        }
        var seen = page.Entries.Select(Key).ToHashSet();
        return [.. included.Where(e => seen.Add(Key(e)))];
    }

    private static string Key(FhirEntry e) => $"{e.Resource.TypeName}/{e.Resource.Id}";

    /// <summary>
    /// Writes. A body is read first, so a client learns what is wrong with what it sent (invalid JSON, an unknown element,
    /// a resource of another type) before anything else. Served: POST QuestionnaireResponse (answers to an instrument,
    /// scored on the server into the chart: <see cref="Actions.RecordQuestionnaireResponse"/>), and POST Patient / PUT
    /// Patient/{id} (a referral from another system and changes to the person's details: <see cref="FhirPatientWrites"/>);
    /// everything else is read-only, as the CapabilityStatement says.
    /// </summary>
    public static async Task<IResult> Write(string type, HttpContext http, TrellisDbContext db, FhirTypes types, CancellationToken ct)
    {
        if (types.Find(type) is null) return Refused(type, types);
        Resource? resource;
        try { resource = await JsonSerializer.DeserializeAsync<Resource>(http.Request.Body, FhirJson.Options, ct); }
        catch (DeserializationFailedException e) { return FhirOutcomes.Unreadable(e); }
        catch (JsonException e) { return FhirOutcomes.Invalid($"The body is not valid JSON: {e.Message}"); }
        if (resource is null) return FhirOutcomes.Invalid("The body is empty; send a FHIR resource as application/fhir+json.");
        if (resource.TypeName != type)
            return FhirOutcomes.Invalid($"The body is a {resource.TypeName}, but the address is for {type}; send it to /fhir/{resource.TypeName}.");
        var id = http.Request.RouteValues["id"] as string;
        return resource switch
        {
            QuestionnaireResponse response when id is null => await RecordResponseAsync(response, http, db, types, ct),
            Patient patient when id is null => await FhirPatientWrites.CreateAsync(patient, http, db, types, ct),
            Patient patient => await FhirPatientWrites.UpdateAsync(id, patient, http, db, types, ct),
            _ => Unsupported(http),
        };
    }

    private static async Task<IResult> RecordResponseAsync(QuestionnaireResponse response, HttpContext http, TrellisDbContext db, FhirTypes types, CancellationToken ct)
    {
        if (Allowed(response.TypeName, db, types, 'c') is not { } t) return Refused(response.TypeName, types);
        var (given, refused) = await Actions.RecordQuestionnaireResponse.RunAsync(db, response, ct);
        if (refused is not null)
            return refused.Status == 404
                ? FhirOutcomes.Error(404, OperationOutcome.IssueType.NotFound, $"There is no Patient with id '{response.Subject?.Reference}' that you may write to.")
                : FhirOutcomes.Error(refused.Status, FhirOutcomes.TypeFor(refused.Status), refused.Detail);
        return await CreatedAsync(t, given!.Administration.Id, http, db, ct);
    }

    /// <summary>201 with the created resource as a read of it gives it, its ETag and Location (…/_history/{version}), audited as handed out.</summary>
    internal static async Task<IResult> CreatedAsync(IFhirType t, Guid id, HttpContext http, TrellisDbContext db, CancellationToken ct)
    {
        var entry = (await t.ReadAsync(FhirContext.For(http, db), id.ToString(), ct))!;
        await AuditAsync(db, [entry], "FHIR create", ct);
        http.Response.Headers.Location = $"{FhirContext.BaseUrlOf(http)}/{t.Name}/{entry.Resource.Id}/_history/{entry.Resource.Meta!.VersionId}";
        return new FhirResult(entry.Resource, StatusCodes.Status201Created);
    }

    /// <summary>What the writes are, for a 405's Allow header and its sentence.</summary>
    public static FhirResult Unsupported(HttpContext http)
    {
        var type = http.Request.RouteValues["type"] as string;
        var instance = http.Request.RouteValues.ContainsKey("id");
        http.Response.Headers.Allow = (type, instance) switch
        {
            ("QuestionnaireResponse" or "Patient", false) => "GET, POST",
            ("Patient", true) => "GET, PUT",
            _ => "GET",
        };
        return FhirOutcomes.Error(405, OperationOutcome.IssueType.NotSupported,
            $"This server is read-only but for POST QuestionnaireResponse, POST Patient and PUT Patient/{{id}}: {http.Request.Method} is not supported here. GET /fhir/metadata lists what is.");
    }

    /// <summary>
    /// The one rule for what a caller may do with a type, on /fhir and in $export: their role reads it and (a SMART token)
    /// a granted scope allows the interaction: 'r' read, 's' search (a bulk export is a search), 'c' create, 'u' update.
    /// </summary>
    internal static bool Permits(TrellisDbContext db, IFhirType t, char interaction) =>
        db.Me.May(t.Permission) && Smart.SmartScope.Permits(db.Me.Principal, t.Name, interaction);

    internal static IFhirType? Allowed(string type, TrellisDbContext db, FhirTypes types, char interaction = 'r') =>
        types.Find(type) is { } t && Permits(db, t, interaction) ? t : null;

    internal static FhirResult Refused(string type, FhirTypes types) => types.Find(type) is null
        ? FhirOutcomes.Error(404, OperationOutcome.IssueType.NotSupported,
            $"This server does not serve '{type}'. It serves {string.Join(", ", types.All.Select(t => t.Name))} (names are case-sensitive).")
        : FhirOutcomes.Error(403, OperationOutcome.IssueType.Forbidden, $"Your role, or your token's scopes, do not allow this on {type} resources.");

    internal static async Task AuditAsync(TrellisDbContext db, IReadOnlyList<FhirEntry> entries, string detail, CancellationToken ct)
    {
        if (Smart.SmartScope.ClientOf(db.Me.Principal) is { } client) detail = $"{detail} (SMART client {client})";
        // 42 CFR Part 2: a disclosure to an outside recipient is logged for the participant, before the records leave.
        if (db.Me.IsOutsideRecipient)
            await Disclosures.Part2Disclosures.RecordAsync(db, [.. entries.Where(e => e.ParticipantId is not null && FhirSecurity.IsPart2(e.Resource)).Select(e => (e.ParticipantId!.Value, e.Resource.TypeName))], detail, ct);
        foreach (var group in entries.Where(e => e.RecordType is not null).GroupBy(e => e.RecordType!))
            await db.AuditReadAsync(group.Key, group.Select(e => ((object)e.RecordId, e.ParticipantId)), detail, ct);
    }
}
