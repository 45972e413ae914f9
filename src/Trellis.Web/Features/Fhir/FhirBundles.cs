using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace Trellis.Web.Features.Fhir;

public static class FhirBundles
{
    /// <summary>A searchset: the total over every page (through the same filters), the page's matches, the includes, and paging links.</summary>
    public static Bundle Searchset(string baseUrl, string type, FhirSearch search, FhirSearchPage page, IReadOnlyList<FhirEntry> included)
    {
        var bundle = new Bundle { Type = Bundle.BundleType.Searchset, Total = page.Total };
        bundle.Link.Add(new Bundle.LinkComponent { Relation = "self", Url = search.Link(baseUrl, type, search.Offset) });
        if (!search.SummaryCount && search.Count > 0)
        {
            if (search.Offset + search.Count < page.Total)
                bundle.Link.Add(new Bundle.LinkComponent { Relation = "next", Url = search.Link(baseUrl, type, search.Offset + search.Count) });
            if (search.Offset > 0)
                bundle.Link.Add(new Bundle.LinkComponent { Relation = "previous", Url = search.Link(baseUrl, type, Math.Max(0, search.Offset - search.Count)) });
        }
        foreach (var entry in page.Entries) bundle.Entry.Add(Entry(baseUrl, entry, Bundle.SearchEntryMode.Match));
        foreach (var entry in included) bundle.Entry.Add(Entry(baseUrl, entry, Bundle.SearchEntryMode.Include));
        // 42 CFR Part 2 records disclosed to an outside recipient: the § 2.32 notice goes with the Bundle too.
        if (page.Entries.Concat(included).Any(e => e.Resource.Meta?.Extension.Any(x => x.Url == FhirSecurity.NoticeExtension) == true))
            bundle.Entry.Add(new Bundle.EntryComponent { Resource = FhirSecurity.Notice(), Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Outcome } });
        return bundle;
    }

    private static Bundle.EntryComponent Entry(string baseUrl, FhirEntry entry, Bundle.SearchEntryMode mode) => new()
    {
        FullUrl = $"{baseUrl}/{entry.Resource.TypeName}/{entry.Resource.Id}",
        Resource = entry.Resource,
        Search = new Bundle.SearchComponent { Mode = mode },
    };
}
