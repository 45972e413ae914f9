namespace Trellis.Tests.Security;

/// <summary>Who a route serves: anyone (no sign-in), holders of a feed's secret URL, signed-in callers, or not probed (with the reason).</summary>
public enum RouteAccess { Public, Feed, SignedIn, NotProbed }

/// <summary>
/// Every route of the app, classified (RouteMatrixTests). A new route fails the matrix until it is added
/// here, so nobody ships a route whose audience was never decided.
/// </summary>
public static class RouteTable
{
    /// <summary>Values for route parameters that are not record ids, by the segment before them.</summary>
    public static string ValueFor(string before, string parameter) => before switch
    {
        "give" or "instruments" => "phq-9",
        "versions" => "1",
        "status" => "403",
        "orientation" => "schedule",
        "openapi" => "v1",
        _ when parameter.Contains("token", StringComparison.OrdinalIgnoreCase) => "not-a-feed-token",
        _ => "x",
    };

    public static readonly Dictionary<string, RouteAccess> Access = new()
    {
    };
}
