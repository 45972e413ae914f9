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

    /// <summary>Set on the request when an outage ended it, for the error page.</summary>
    public const string ItemKey = "trellis:outage";

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
