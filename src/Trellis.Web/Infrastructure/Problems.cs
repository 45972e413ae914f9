using Microsoft.AspNetCore.Http.HttpResults;

namespace Trellis.Web.Infrastructure;

/// <summary>The ProblemDetails answers the API gives, each with a sentence a person can act on.</summary>
public static class Problems
{
    public static ProblemHttpResult NotFound(string what) =>
        TypedResults.Problem(title: "Not found", detail: $"No {what} with that id exists, or it is outside your care team's programs.", statusCode: 404);

    public static ProblemHttpResult Unauthorized(string detail, Dictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(title: "Sign-in failed", detail: detail, statusCode: 401, extensions: extensions);

    public static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(title: "Not allowed", detail: detail, statusCode: 403);

    public static ProblemHttpResult Conflict(string detail, Dictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(title: "Conflict", detail: detail, statusCode: 409, extensions: extensions);

    public static ProblemHttpResult PreconditionRequired() =>
        TypedResults.Problem(title: "If-Match required",
            detail: "Send the If-Match header with the ETag from your last GET of this record, so a change made meanwhile by someone else is not overwritten.",
            statusCode: 428);

    public static ProblemHttpResult Stale(long current) =>
        TypedResults.Problem(title: "Changed by someone else",
            detail: "This record was changed after you loaded it. Nothing was saved: load it again, reapply your change and save.",
            statusCode: 412, extensions: new Dictionary<string, object?> { ["currentETag"] = ETags.Format(current) });

    public static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    public static ValidationProblem Invalid(IDictionary<string, string[]> errors) => TypedResults.ValidationProblem(errors);
}
