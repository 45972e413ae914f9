using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using Microsoft.EntityFrameworkCore;

namespace Trellis.Web.Features.Fhir;

/// <summary>A search parameter a resource type serves, as the CapabilityStatement lists it.</summary>
public sealed record FhirSearchParam(string Name, SearchParamType Type, string Documentation);

/// <summary>One resource the server hands out, with what the audit trail records of it (null type: a definition, not a record).</summary>
public sealed record FhirEntry(Resource Resource, string? RecordType, Guid RecordId, Guid? ParticipantId);

public sealed record FhirSearchPage(IReadOnlyList<FhirEntry> Entries, int Total);

/// <summary>
/// An _include a type serves ("Observation:patient"): the type it reaches and where the references are in the
/// resource. No selector: the record's participant (a patient or subject include).
/// </summary>
public sealed record FhirInclude(string Name, string Target, Func<Resource, IEnumerable<ResourceReference?>>? References = null)
{
    /// <summary>The search parameter the include follows (the part after the colon).</summary>
    public string Parameter => Name[(Name.IndexOf(':') + 1)..];

    /// <summary>The ids of the target type the resource references.</summary>
    public IEnumerable<Guid> Ids(FhirEntry entry) => References is null
        ? entry.ParticipantId is { } p ? [p] : []
        : References(entry.Resource).Select(r => r?.Reference is { } value ? FhirSearchValues.ReferenceId(value, Target) : Guid.Empty).Where(id => id != Guid.Empty);
}

/// <summary>
/// One resource type /fhir serves: who may read it, what it can be searched by, and how a record becomes
/// the resource. The CapabilityStatement is built from these, so it lists exactly what exists.
/// </summary>
public interface IFhirType
{
    string Name { get; }
    /// <summary>The permission a caller's role needs (<see cref="Auth.Permissions"/>); the records are scoped by the context's filters.</summary>
    string Permission { get; }
    string Documentation { get; }
    IReadOnlyList<FhirSearchParam> SearchParams { get; }
    /// <summary>The _include values served, e.g. Observation:patient.</summary>
    IReadOnlyList<FhirInclude> Includes { get; }
    /// <summary>Whether the resources carry a record's version (meta.versionId), so vread is served.</summary>
    bool Versioned { get; }
    Task<FhirEntry?> ReadAsync(FhirContext fx, string id, CancellationToken ct);
    Task<Result<FhirSearchPage>> SearchAsync(FhirContext fx, FhirSearch search, CancellationToken ct);
    Task<IReadOnlyList<FhirEntry>> ReadManyAsync(FhirContext fx, IReadOnlyCollection<Guid> ids, CancellationToken ct);
    /// <summary>Whether the type's resources belong to charts, so $export at Patient and Group level includes them.</summary>
    bool InPatientCompartment { get; }
    /// <summary>
    /// $export: every resource of the type the caller may read (the same rows, scope and mapping as a search), in
    /// batches of the selection's size read by keyset (id order), so an export of any size holds one batch at a time.
    /// </summary>
    IAsyncEnumerable<IReadOnlyList<FhirEntry>> ExportAsync(FhirContext fx, FhirExportSelection selection, CancellationToken ct);
}

/// <summary>
/// What an export reads of each type: records changed after <see cref="Since"/> (when given) and not after
/// <see cref="Until"/> (the export's transactionTime, so the next export's _since picks up what changed during this
/// one); with <see cref="Compartment"/>, chart types only, and with <see cref="Patients"/> (a query of the context, so
/// its scope applies too) the records of those participants only.
/// </summary>
public sealed record FhirExportSelection(DateTimeOffset? Since, DateTimeOffset Until, bool Compartment, IQueryable<Guid>? Patients, int BatchSize = 1000);

/// <summary>What one /fhir request shares between the types it touches: the context, the base URL, the Part 2 programs.</summary>
public sealed class FhirContext(TrellisDbContext db, string baseUrl)
{
    private HashSet<Guid>? part2;

    public TrellisDbContext Db => db;
    public string BaseUrl => baseUrl;

    /// <summary>What a type read for mapping a batch of rows (by key, e.g. "npi"), kept for the request.</summary>
    public Dictionary<string, object> Loaded { get; } = [];

    /// <summary>The caller's programs that are under 42 CFR Part 2 (read through the scope, like everything else).</summary>
    public async Task<HashSet<Guid>> Part2ProgramsAsync(CancellationToken ct) =>
        part2 ??= [.. await db.Programs.Where(p => p.IsPart2).Select(p => p.Id).ToListAsync(ct)];

    public static FhirContext For(HttpContext http, TrellisDbContext db) => new(db, BaseUrlOf(http));

    public static string BaseUrlOf(HttpContext http) => $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/fhir";
}

/// <summary>The types /fhir serves, by name (registered by <see cref="FhirFeature"/>).</summary>
public sealed class FhirTypes(IEnumerable<IFhirType> types)
{
    public IReadOnlyList<IFhirType> All { get; } = [.. types.OrderBy(t => t.Name, StringComparer.Ordinal)];

    /// <summary>Resource type names are case-sensitive in FHIR: "patient" is not "Patient".</summary>
    public IFhirType? Find(string name) => All.FirstOrDefault(t => t.Name == name);

    /// <summary>
    /// The _revinclude values a type serves: every other type's include that reaches it along a parameter that
    /// type can also be searched by ("EpisodeOfCare:patient" for Patient), so the reverse is one search.
    /// </summary>
    public IReadOnlyList<FhirInclude> RevIncludesOf(string target) =>
        [.. All.Where(t => t.Name != target).SelectMany(t => t.Includes.Where(i => i.Target == target && t.SearchParams.Any(p => p.Name == i.Parameter)))];
}
