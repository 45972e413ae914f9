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
    IReadOnlyList<string> Includes { get; }
    Task<FhirEntry?> ReadAsync(FhirContext fx, string id, CancellationToken ct);
    Task<Result<FhirSearchPage>> SearchAsync(FhirContext fx, FhirSearch search, CancellationToken ct);
    Task<IReadOnlyList<FhirEntry>> ReadManyAsync(FhirContext fx, IReadOnlyCollection<Guid> ids, CancellationToken ct);
}

/// <summary>What one /fhir request shares between the types it touches: the context, the base URL, the Part 2 programs.</summary>
public sealed class FhirContext(TrellisDbContext db, string baseUrl)
{
    private HashSet<Guid>? part2;

    public TrellisDbContext Db => db;
    public string BaseUrl => baseUrl;

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
}
