using Microsoft.AspNetCore.Http.HttpResults;

namespace Trellis.Web.Infrastructure;

/// <summary>
/// The two answers that are not a <see cref="Refusal"/>: a failed sign-in (401, before anyone is known) and
/// the framework's validation-problem type some endpoints declare. Everything else is a Refusal's ToProblem().
/// </summary>
public static class Problems
{
    public static ProblemHttpResult Unauthorized(string detail, Dictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(title: "Sign-in failed", detail: detail, statusCode: 401, extensions: extensions);

    public static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    public static ValidationProblem Invalid(IDictionary<string, string[]> errors) => TypedResults.ValidationProblem(errors);
}
