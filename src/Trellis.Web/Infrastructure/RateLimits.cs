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
        var signInPerMinute = config.GetValue("RateLimits:SignInPerMinute", 20);
        var publicPerHour = config.GetValue("RateLimits:PublicFormPerHour", 5);
        var scoringPerMinute = config.GetValue("RateLimits:ScoringPerMinute", 120);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(SignIn, http => RateLimitPartition.GetFixedWindowLimiter(Client(http),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = signInPerMinute, Window = TimeSpan.FromMinutes(1) }));
            o.AddPolicy(PublicForm, http => RateLimitPartition.GetFixedWindowLimiter(Client(http),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = publicPerHour, Window = TimeSpan.FromHours(1) }));
            o.AddPolicy(Scoring, http => RateLimitPartition.GetFixedWindowLimiter(Client(http),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = scoringPerMinute, Window = TimeSpan.FromMinutes(1) }));
            o.OnRejected = async (ctx, ct) =>
            {
                ctx.HttpContext.Response.Headers.RetryAfter = ctx.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after)
                    ? ((int)after.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture) : "60";
                var problems = ctx.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = ctx.HttpContext,
                    ProblemDetails = { Status = 429, Title = "Too many requests", Detail = "Too many requests from this address. Wait a while and try again." },
                });
            };
        });
        return services;
    }

    private static string Client(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
