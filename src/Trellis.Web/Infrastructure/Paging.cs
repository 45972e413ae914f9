namespace Trellis.Web.Infrastructure;

/// <summary>
/// The API's paging convention (<c>?page=1&amp;pageSize=50</c>, answered as <c>{items, page, pageSize, total}</c>):
/// reads the two query values, or names the bad one as a ProblemDetails field.
/// </summary>
public static class Paging
{
    public const int DefaultSize = 50, MaxSize = 200;

    public static Result<(int Page, int PageSize)> Read(string? page, string? pageSize)
    {
        var p = page is null ? 1 : QueryText.Int(page) ?? 0;
        var size = pageSize is null ? DefaultSize : QueryText.Int(pageSize) ?? 0;
        if (p < 1) return Refusal.Invalid("page", "page is a whole number from 1.");
        if (size is < 1 or > MaxSize) return Refusal.Invalid("pageSize", $"pageSize is a whole number from 1 to {MaxSize}.");
        return (p, size);
    }
}
