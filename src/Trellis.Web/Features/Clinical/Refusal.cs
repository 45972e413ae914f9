using Microsoft.AspNetCore.Http.HttpResults;

namespace Trellis.Web.Features.Clinical;

/// <summary>
/// Why a clinical action was refused, said once for both doors: a page shows <see cref="Detail"/>
/// (and field messages beside their fields), the API answers the matching ProblemDetails.
/// </summary>
public sealed record Refusal(int Status, string Title, string Detail,
    IReadOnlyDictionary<string, string[]>? Errors = null, IReadOnlyDictionary<string, object?>? Extensions = null)
{
    public static Refusal Invalid(string field, string message) =>
        new(400, "Invalid", message, new Dictionary<string, string[]> { [field] = [message] });

    public static Refusal Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        new(400, "Invalid", string.Join(" ", errors.SelectMany(e => e.Value)), errors);

    public static Refusal Conflict(string title, string detail, IReadOnlyDictionary<string, object?>? extensions = null) =>
        new(409, title, detail, null, extensions);

    public static Refusal Forbidden(string detail) => new(403, "Not allowed", detail);

    public static Refusal NotFound(string what) =>
        new(404, "Not found", $"No {what} with that id exists, or it is outside your care team's programs.");

    public bool IsValidation => Errors is not null;

    public ValidationProblem ToValidation() =>
        TypedResults.ValidationProblem(Errors!.ToDictionary(e => e.Key, e => e.Value), detail: Detail);

    public ProblemHttpResult ToProblem() =>
        TypedResults.Problem(title: Title, detail: Detail, statusCode: Status,
            extensions: Extensions?.ToDictionary(e => e.Key, e => e.Value));
}
