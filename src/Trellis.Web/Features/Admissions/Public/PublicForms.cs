using System.Net;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;

namespace Trellis.Web.Features.Admissions.Public;

/// <summary>
/// The public inquiry form's protection. The form posts to its own address (<see cref="SendPath"/>),
/// a page that carries the per-client <c>RateLimits.PublicForm</c> limit, so reading the form costs
/// nothing and only sending counts. A person who reaches the limit gets a calm page that says what
/// happened and how else to reach the clinic, not an error made for programs.
/// </summary>
public static class PublicForms
{
    public const string FormPath = "/iop/talk";
    public const string SendPath = "/iop/talk/send";

    /// <summary>Wraps the app's rejection answer: pages under /iop get HTML, everything else what it got before.</summary>
    public static void UseFriendlyRejection(RateLimiterOptions options)
    {
        var inner = options.OnRejected;
        options.OnRejected = async (ctx, ct) =>
        {
            var http = ctx.HttpContext;
            if (!http.Request.Path.StartsWithSegments("/iop"))
            {
                if (inner is not null) await inner(ctx, ct);
                return;
            }
            http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            http.Response.Headers.RetryAfter = "3600";
            http.Response.ContentType = "text/html; charset=utf-8";
            var phone = await http.RequestServices.GetRequiredService<TrellisDbContext>().Clinic.AsNoTracking()
                .Select(o => o.Phone).FirstOrDefaultAsync(ct);
            await http.Response.WriteAsync(Page(phone), ct);
        };
    }

    public const string LimitMessage = "We have received several messages from your connection in the last hour.";

    private static string Page(string? phone)
    {
        var call = string.IsNullOrWhiteSpace(phone) ? "" :
            $"<p>You can also call us at <a href=\"tel:{WebUtility.HtmlEncode(phone)}\">{WebUtility.HtmlEncode(phone)}</a> during opening hours.</p>";
        return $$"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Please try again later · Trellis</title><link rel="stylesheet" href="/css/app.css"></head>
            <body><main id="main"><div class="card" style="max-width:40rem;margin:2rem auto">
            <h1>Your message was not sent</h1>
            <p>{{LimitMessage}} To keep this service working for everyone, we can't accept another one from it right now.</p>
            <p>If you already sent us a message, it has reached our intake team and someone will contact you. Otherwise, please try again in an hour.</p>
            {{call}}
            <div class="crisis" role="note"><strong>If you are in crisis or thinking about suicide</strong>, call or text <a href="tel:988">988</a> (Suicide &amp; Crisis Lifeline) now, or call 911 in an emergency.</div>
            <p><a href="/iop">Back to the program pages</a></p>
            </div></main></body></html>
            """;
    }
}
