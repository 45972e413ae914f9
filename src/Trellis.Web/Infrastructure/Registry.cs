using System.Collections.Immutable;

namespace Trellis.Web.Infrastructure;

/// <summary>
/// A list that features add to at start-up (menu items, chart tabs, home cards). Adding the same
/// item twice is a no-op, because the test suite builds the app many times in one process, and
/// readers get an immutable snapshot, so a page can never see the list mid-change.
/// </summary>
public sealed class Registry<T>(IEnumerable<T>? initial = null, IEqualityComparer<T>? comparer = null)
{
    private ImmutableArray<T> items = [.. initial ?? []];
    private readonly IEqualityComparer<T> comparer = comparer ?? EqualityComparer<T>.Default;
    private readonly Lock gate = new();

    public ImmutableArray<T> Items => items;

    public void Add(T item)
    {
        lock (gate)
        {
            if (!items.Contains(item, comparer)) items = items.Add(item);
        }
    }
}
