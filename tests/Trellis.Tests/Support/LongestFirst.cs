using System.Reflection;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestCollectionOrderer("Trellis.Tests.Support.LongestFirst", "Trellis.Tests")]

namespace Trellis.Tests.Support;

/// <summary>
/// Marks a test class that takes tens of seconds (it starts app processes of its own, or walks every route):
/// <see cref="LongestFirst"/> starts it before the short ones.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class LongAttribute : Attribute;

/// <summary>
/// Starts the long test classes first. xunit runs one class per core at a time in the order it is given; in its own
/// order a one-minute class could start last and leave the other core idle until it ended (the route matrix did,
/// in both database runs). Long ones first, the many short ones fill in around them and end together.
/// </summary>
public sealed class LongestFirst : ITestCollectionOrderer
{
    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.OrderBy(c => IsLong(c) ? 0 : 1).ThenBy(c => c.UniqueID);

    // Each class is its own collection here ("Test collection for <class>"); a named collection has its definition.
    private static bool IsLong(ITestCollection collection)
    {
        const string prefix = "Test collection for ";
        var name = collection.CollectionDefinition?.Name
            ?? (collection.DisplayName.StartsWith(prefix, StringComparison.Ordinal) ? collection.DisplayName[prefix.Length..] : null);
        return name is not null && typeof(LongestFirst).Assembly.GetType(name)?.GetCustomAttribute<LongAttribute>() is not null;
    }
}
