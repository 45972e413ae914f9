using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;

namespace Trellis.Web.Hosting;

public static class ApiSetup
{
    public static IServiceCollection AddTrellisApi(this IServiceCollection services)
    {
        services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
            StrictJson.Apply(o.SerializerOptions);
        });
        // Bad requests raise BadHttpRequestException so they reach the handler below and answer
        // a ProblemDetails that says what was wrong, instead of an empty 400.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            // After an exception the request has been re-executed at /error; name the path that failed.
            ctx.ProblemDetails.Instance = ctx.HttpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? ctx.HttpContext.Request.Path;
            ctx.ProblemDetails.Extensions["traceId"] = ctx.HttpContext.TraceIdentifier;
            if (ctx.ProblemDetails.Status == 401 && string.IsNullOrEmpty(ctx.ProblemDetails.Detail))
            {
                ctx.ProblemDetails.Title = "Sign-in required";
                ctx.ProblemDetails.Detail = BearerTokenHandler.FailureReason(ctx.HttpContext)
                    ?? "Sign in with POST /api/auth/login and send the access token as 'Authorization: Bearer <token>'.";
            }
            else if (ctx.ProblemDetails.Status == 403 && string.IsNullOrEmpty(ctx.ProblemDetails.Detail))
            {
                ctx.ProblemDetails.Title = "Not allowed";
                ctx.ProblemDetails.Detail = "Your role does not allow this.";
            }
            else if (ctx.ProblemDetails.Status == 404 && string.IsNullOrEmpty(ctx.ProblemDetails.Detail))
                ctx.ProblemDetails.Detail = "There is nothing at this address.";
            else if (ctx.ProblemDetails.Status == 415 && string.IsNullOrEmpty(ctx.ProblemDetails.Detail))
                ctx.ProblemDetails.Detail = "Send the request body as JSON with the header Content-Type: application/json.";
            else if (ctx.ProblemDetails.Status == 405 && string.IsNullOrEmpty(ctx.ProblemDetails.Detail))
                ctx.ProblemDetails.Detail = $"{ctx.HttpContext.Request.Method} is not supported here.";
        });
        services.AddExceptionHandler<ExceptionToProblem>();
        return services;
    }
}

/// <summary>Turns the exceptions a bad request can cause into a 4xx ProblemDetails; anything else is a logged 500.</summary>
internal sealed class ExceptionToProblem(IProblemDetailsService problems, ILogger<ExceptionToProblem> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        if (Outages.IsDatabaseOutage(exception))
        {
            log.LogWarning(exception, "Database unavailable on {Method} {Path}", http.Request.Method, FailedPath(http));
            http.Response.Headers.RetryAfter = Outages.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!IsApi(http)) { await Outages.WritePageAsync(http); return true; }
            http.Response.StatusCode = 503;
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                Exception = exception,
                ProblemDetails =
                {
                    Status = 503, Title = "Temporarily unavailable",
                    Detail = $"The database cannot be reached just now. Nothing was saved by this request; try again in a few seconds (Retry-After: {Outages.RetryAfterSeconds}).",
                },
            });
        }
        var member = exception is BadHttpRequestException { InnerException: JsonException j } ? StrictJson.Explain(j) : null;
        var (status, title, detail) = exception switch
        {
            _ when member is not null => (400, "Invalid", member.Value.Message),
            BadHttpRequestException bad => (bad.StatusCode, bad.StatusCode == 415 ? "Unsupported content type" : "Bad request", Explain(bad)),
            DbUpdateConcurrencyException => (412, "Changed by someone else",
                "This record was changed after you loaded it. Nothing was saved: load it again, reapply your change and save."),
            _ => (500, "Something went wrong", "The server could not finish this request. Nothing you had saved before was changed. The error was logged."),
        };
        if (status >= 500) log.LogError(exception, "Unhandled exception on {Method} {Path}", http.Request.Method, FailedPath(http));
        if (!IsApi(http) && status >= 500)
            return false; // pages show the error page
        http.Response.StatusCode = status;
        var problem = member is { } m
            ? new HttpValidationProblemDetails(new Dictionary<string, string[]> { [m.Path] = [m.Message] })
            : new Microsoft.AspNetCore.Mvc.ProblemDetails();
        (problem.Status, problem.Title, problem.Detail) = (status, title, detail);
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, Exception = exception, ProblemDetails = problem });
    }

    // By now a page request has been re-executed at /error; the path that failed is in the feature.
    private static PathString FailedPath(HttpContext http) =>
        http.Features.Get<IExceptionHandlerPathFeature>()?.Path is { } failed ? new PathString(failed) : http.Request.Path;

    private static bool IsApi(HttpContext http) => FailedPath(http) is var path && (path.StartsWithSegments("/api") || path.StartsWithSegments("/fhir"));

    private static string Explain(BadHttpRequestException bad)
    {
        // The framework's messages name the parameter; the JSON reader's inner message names the place.
        if (bad.InnerException is JsonException json)
            return $"The request body is not valid JSON for this endpoint: {json.Message}";
        return bad.Message;
    }
}
