using Microsoft.AspNetCore.Http.HttpResults;

namespace Trellis.Web.Infrastructure;

/// <summary>
/// Why an action was refused, said once for both doors: the API answers it as a ProblemDetails
/// (<see cref="ToProblem"/>, field errors keyed by JSON path under "errors"), a page shows
/// <see cref="Detail"/> above the form and each field error beside its field (<see cref="FormErrors"/>).
/// Every sentence is one a person can act on.
/// </summary>
public sealed record Refusal(int Status, string Title, string Detail,
    IReadOnlyDictionary<string, string[]>? Errors = null, IReadOnlyDictionary<string, object?>? Extensions = null)
{
    public static Refusal Invalid(string field, string message) =>
        new(400, "Invalid", message, new Dictionary<string, string[]> { [field] = [message] });

    public static Refusal Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        new(400, "Invalid", string.Join(" ", errors.SelectMany(e => e.Value).Distinct()), errors);

    public static Refusal Conflict(string title, string detail, IReadOnlyDictionary<string, object?>? extensions = null) =>
        new(409, title, detail, null, extensions);

    public static Refusal Conflict(string detail, IReadOnlyDictionary<string, object?>? extensions = null) =>
        new(409, "Conflict", detail, null, extensions);

    public static Refusal Forbidden(string detail) => new(403, "Not allowed", detail);

    /// <summary>Missing, or outside the caller's scope: the two answer alike, so neither reveals the other.</summary>
    public static Refusal NotFound(string what) =>
        new(404, "Not found", $"No {what} with that id exists, or it is outside your care team's programs.");

    public static Refusal PreconditionRequired() =>
        new(428, "If-Match required",
            "Send the If-Match header with the ETag from your last GET of this record, so a change made meanwhile by someone else is not overwritten.");

    public static Refusal Stale(long current) =>
        new(412, "Changed by someone else",
            "This record was changed after you loaded it. Nothing was saved: load it again, reapply your change and save.",
            null, new Dictionary<string, object?> { ["currentETag"] = ETags.Format(current) });

    public bool IsValidation => Errors is not null;

    /// <summary>The ProblemDetails answer; field errors travel as "errors", as in a validation problem.</summary>
    public ProblemHttpResult ToProblem()
    {
        var problem = Errors is null
            ? new Microsoft.AspNetCore.Mvc.ProblemDetails()
            : new HttpValidationProblemDetails(Errors.ToDictionary(e => e.Key, e => e.Value));
        problem.Status = Status;
        problem.Title = Title;
        problem.Detail = Detail;
        foreach (var (key, value) in Extensions ?? new Dictionary<string, object?>()) problem.Extensions[key] = value;
        return TypedResults.Problem(problem);
    }
}

/// <summary>
/// What an action gives back: its value, or the <see cref="Refusal"/> that says why not. The one
/// result type of the app's actions (pages and endpoints are thin adapters over it).
/// </summary>
public readonly record struct Result<T>
{
    private Result(T? value, Refusal? refusal) { Value = value; Refusal = refusal; }

    public T? Value { get; }
    public Refusal? Refusal { get; }
    public bool Succeeded => Refusal is null;

    public static implicit operator Result<T>(T value) => new(value, null);
    public static implicit operator Result<T>(Refusal refusal) => new(default, refusal);

    /// <summary>Deconstructs as (value, refusal): <c>var (note, refused) = await SignNote.RunAsync(…)</c>.</summary>
    public void Deconstruct(out T? value, out Refusal? refusal) { value = Value; refusal = Refusal; }
}
