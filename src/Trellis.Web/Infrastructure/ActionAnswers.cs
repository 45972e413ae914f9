using Microsoft.AspNetCore.Http.HttpResults;

namespace Trellis.Web.Infrastructure;

/// <summary>
/// How an endpoint answers an action's <see cref="Result{T}"/>: the refusal as its ProblemDetails, or the
/// record as its DTO with the record's ETag. Keeps endpoints the thin adapters the one shape asks for.
/// </summary>
public static class ActionAnswers
{
    public static Results<Ok<TDto>, ProblemHttpResult> Ok<T, TDto>(Result<T> result, Func<T, TDto> dto, HttpContext? http = null, Func<T, long>? etag = null)
    {
        if (result.Refusal is { } refused) return refused.ToProblem();
        if (http is not null && etag is not null) ETags.Set(http, etag(result.Value!));
        return TypedResults.Ok(dto(result.Value!));
    }

    public static Results<Created<TDto>, ProblemHttpResult> Created<T, TDto>(Result<T> result, Func<T, string> location, Func<T, TDto> dto,
        HttpContext? http = null, Func<T, long>? etag = null)
    {
        if (result.Refusal is { } refused) return refused.ToProblem();
        if (http is not null && etag is not null) ETags.Set(http, etag(result.Value!));
        return TypedResults.Created(location(result.Value!), dto(result.Value!));
    }
}
