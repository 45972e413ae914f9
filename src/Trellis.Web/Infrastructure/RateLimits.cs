using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Trellis.Web.Infrastructure;

/// <summary>Per-client limits on the doors that anyone can knock on.</summary>
public static class RateLimits
{
    public const string SignIn = "sign-in";
    public const string PublicForm = "public-form";

    /// <summary>Anonymous instrument scoring: cheap and stores nothing, so far looser than <see cref="PublicForm"/>.</summary>
    public const string Scoring = "scoring";

    public static IServiceCollection AddTrellisRateLimits(this IServiceCollection services, IConfiguration config)
    {
        // Per client address. A whole clinic may share one address behind its router, so the
        // sign-in limit is generous; guessing one account's password is stopped by lockout.
        var signInPerMinute = config.GetValue("RateLimits:SignInPerMinute", 30);
        var publicPerHour = config.GetValue("RateLimits:PublicFormPerHour", 5);
        var scoringPerMinute = config.GetValue("RateLimits:ScoringPerMinute", 120);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Only submissions count: reading the sign-in page or a public form is free.
            o.AddPolicy(SignIn, http => HttpMethods.IsGet(http.Request.Method) ? RateLimitPartition.GetNoLimiter("read")
                : RateLimitPartition.GetFixedWindowLimiter(Client(http),
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = signInPerMinute, Window = TimeSpan.FromMinutes(1) }));
            o.AddPolicy(PublicForm, http => HttpMethods.IsGet(http.Request.Method) ? RateLimitPartition.GetNoLimiter("read")
                : RateLimitPartition.GetFixedWindowLimiter(Client(http),
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = publicPerHour, Window = TimeSpan.FromHours(1) }));
            o.AddPolicy(Scoring, http => RateLimitPartition.GetFixedWindowLimiter(Client(http),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = scoringPerMinute, Window = TimeSpan.FromMinutes(1) }));
            o.OnRejected = async (ctx, ct) =>
            {
                var http = ctx.HttpContext;
                var seconds = ctx.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? (int)after.TotalSeconds : 60;
                http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                const string message = "Too many requests from this address. Wait a while and try again.";
                if (!http.Request.Path.StartsWithSegments("/api"))
                {
                    // A person at a browser gets a page, not JSON.
                    http.Response.ContentType = "text/html; charset=utf-8";
                    await http.Response.WriteAsync($"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Please wait · Trellis</title><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"></head><body style=\"font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem\"><main><h1>Please wait a moment</h1><p>{message}</p><p>In crisis? Call or text <a href=\"tel:988\">988</a>, or call 911 in an emergency.</p></main></body></html>", ct);
                    return;
                }
                var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails = { Status = 429, Title = "Too many requests", Detail = message },
                });
            };
        });
        return services;
    }

    private static string Client(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
