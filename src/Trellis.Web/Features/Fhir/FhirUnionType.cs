using System.Runtime.CompilerServices;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace Trellis.Web.Features.Fhir;

/// <summary>
/// A resource type served from several kinds of record (DocumentReference: signed notes, discharge summaries
/// and signed portal documents). Each part is a <see cref="FhirEntityType{T}"/> of its own (its rows, scope,
/// mapping and parameters); the parts serve the same parameters and includes, and their ids (Guids) never
/// collide. A search counts each part and pages across them in order, so totals and links stay exact. A part
/// can ask more of the caller than the type does (notes: clinical staff); for a caller without it the part's
/// records do not exist (a read is a 404, a search and a count leave them out).
/// </summary>
public abstract class FhirUnionType : IFhirType
{
    public abstract string Name { get; }
    public abstract string Permission { get; }
    public abstract string Documentation { get; }
    protected abstract IReadOnlyList<IFhirType> Parts { get; }

    public IReadOnlyList<FhirSearchParam> SearchParams => Parts[0].SearchParams;
    public IReadOnlyList<FhirInclude> Includes => Parts[0].Includes;
    public bool Versioned => true;
    public bool InPatientCompartment => Parts.Any(p => p.InPatientCompartment);

    private IEnumerable<IFhirType> ReadableBy(FhirContext fx) => Parts.Where(p => fx.Db.Me.May(p.Permission));

    public async Task<FhirEntry?> ReadAsync(FhirContext fx, string id, CancellationToken ct)
    {
        foreach (var part in ReadableBy(fx))
            if (await part.ReadAsync(fx, id, ct) is { } entry) return entry;
        return null;
    }

    public async Task<IReadOnlyList<FhirEntry>> ReadManyAsync(FhirContext fx, IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        var entries = new List<FhirEntry>();
        foreach (var part in ReadableBy(fx)) entries.AddRange(await part.ReadManyAsync(fx, ids, ct));
        return entries;
    }

    public async IAsyncEnumerable<IReadOnlyList<FhirEntry>> ExportAsync(FhirContext fx, FhirExportSelection selection, [EnumeratorCancellation] CancellationToken ct)
    {
        foreach (var part in ReadableBy(fx))
            await foreach (var batch in part.ExportAsync(fx, selection, ct)) yield return batch;
    }

    public async Task<Result<FhirSearchPage>> SearchAsync(FhirContext fx, FhirSearch search, CancellationToken ct)
    {
        var parts = ReadableBy(fx).ToList();
        var totals = new List<int>(parts.Count);
        foreach (var part in parts)
        {
            var (counted, refused) = await part.SearchAsync(fx, search.Window(0, 0, summaryCount: true), ct);
            if (refused is not null) return refused;
            totals.Add(counted!.Total);
        }
        var total = totals.Sum();
        if (search.SummaryCount) return new FhirSearchPage([], total);
        var entries = new List<FhirEntry>();
        var (skip, wanted) = (search.Offset, search.Count);
        for (var i = 0; i < parts.Count && wanted > 0; i++)
        {
            if (skip >= totals[i]) { skip -= totals[i]; continue; }
            var (page, refused) = await parts[i].SearchAsync(fx, search.Window(skip, wanted, summaryCount: false), ct);
            if (refused is not null) return refused;
            entries.AddRange(page!.Entries);
            wanted -= page.Entries.Count;
            skip = 0;
        }
        return new FhirSearchPage(entries, total);
    }
}
