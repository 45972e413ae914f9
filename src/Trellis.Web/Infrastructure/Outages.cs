using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;

namespace Trellis.Web.Infrastructure;

/// <summary>
/// Tells a database that cannot be reached (stopped, restarting, out of connections, failing over) from a
/// fault in the app. During an outage the API answers 503 with Retry-After and pages a calm
/// "temporarily unavailable" page: nothing was saved, and trying again shortly is the right thing to do.
/// </summary>
public static class Outages
{
    public const int RetryAfterSeconds = 5;

    /// <summary>
    /// The page a browser gets during an outage, written straight to the response: rendering the app's
    /// error page would run the session check and the layout again, which need the database that is away.
    /// </summary>
    public static Task WritePageAsync(HttpContext http)
    {
        http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        http.Response.ContentType = "text/html; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        var again = HttpMethods.IsGet(http.Request.Method) ? System.Net.WebUtility.HtmlEncode(http.Request.Path + http.Request.QueryString) : "/";
        return http.Response.WriteAsync($$"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" />
            <title>Temporarily unavailable · Trellis</title><link rel="stylesheet" href="/css/app.css" /></head>
            <body><main id="main" style="max-width:40rem;margin:3rem auto;padding:0 1rem">
            <h1>Temporarily unavailable</h1>
            <p>Trellis cannot reach its database just now. Nothing was saved by this request, and nothing you had already saved was changed.</p>
            <p>Try again in a few seconds. If you were typing a note, your browser keeps the draft on this device until it is saved.</p>
            <p><a href="{{again}}">Try again</a></p>
            <p>In crisis? Call or text <a href="tel:988">988</a> (Suicide &amp; Crisis Lifeline), or call 911 in an emergency.</p>
            </main></body></html>
            """);
    }

    public static bool IsDatabaseOutage(Exception? e)
    {
        for (var x = e; x is not null; x = x.InnerException)
        {
            switch (x)
            {
                case Npgsql.NpgsqlException npgsql when npgsql.IsTransient || npgsql.InnerException is SocketException or IOException or TimeoutException:
                case Npgsql.PostgresException { SqlState: "57P01" or "57P02" or "57P03" or "53300" or "08006" or "08001" or "08004" }:
                case SocketException:
                case TimeoutException:
                case Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 5 or 6 or 14 }: // busy, locked, cannot open
                    return true;
                case Microsoft.EntityFrameworkCore.Storage.RetryLimitExceededException:
                    return true;
            }
        }
        return false;
    }
}
