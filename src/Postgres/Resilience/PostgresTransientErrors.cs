using System.Net.Sockets;
using Npgsql;

namespace RecoStreams.Postgres.Resilience;

/// <summary>
/// Which failures mean "the database is (temporarily) unreachable or busy" and are worth retrying without
/// limit, as opposed to errors in the data or the schema, which retrying will not fix.
/// </summary>
public static class PostgresTransientErrors
{
    // SQLSTATE classes: 08 connection exception, 53 insufficient resources (too many connections, disk full).
    private static readonly string[] TransientClasses = ["08", "53"];

    private static readonly HashSet<string> TransientStates =
    [
        PostgresErrorCodes.AdminShutdown,         // 57P01: pg_ctl stop -m fast, failover
        PostgresErrorCodes.CrashShutdown,         // 57P02
        PostgresErrorCodes.CannotConnectNow,      // 57P03: server starting up or shutting down
        PostgresErrorCodes.SerializationFailure,  // 40001
        PostgresErrorCodes.DeadlockDetected,      // 40P01: two writers upserting overlapping keys
    ];

    public static bool IsTransient(Exception error) => error switch
    {
        PostgresException postgres =>
            postgres.IsTransient
            || TransientStates.Contains(postgres.SqlState)
            || TransientClasses.Any(c => postgres.SqlState.StartsWith(c, StringComparison.Ordinal)),

        // Npgsql marks socket, stream and timeout failures (refused connection, broken pooled connection) as transient.
        NpgsqlException npgsql => npgsql.IsTransient || npgsql.InnerException is SocketException or IOException or TimeoutException,
        SocketException or IOException or TimeoutException => true,
        _ => false,
    };
}
