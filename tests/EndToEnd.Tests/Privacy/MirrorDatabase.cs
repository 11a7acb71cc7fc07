using Npgsql;
using RecoStreams.Postgres.Tests.Harness;

namespace RecoStreams.EndToEnd.Tests.Privacy;

/// <summary>
/// A fresh database for the Postgres mirror: on the server RECOSTREAMS_TEST_POSTGRES names (scripts/test.sh
/// starts one), else on a throwaway server started here; when neither is possible, <see cref="SkipReason"/> says why.
/// </summary>
internal sealed class MirrorDatabase : IAsyncDisposable
{
    private const string EnvironmentVariable = "RECOSTREAMS_TEST_POSTGRES";

    private readonly ThrowawayPostgresServer? _server;

    private MirrorDatabase(string? connectionString, string? skipReason, ThrowawayPostgresServer? server)
    {
        ConnectionString = connectionString;
        SkipReason = skipReason;
        _server = server;
    }

    public string? ConnectionString { get; }

    public string? SkipReason { get; }

    public static async Task<MirrorDatabase> StartAsync(string name, CancellationToken cancellationToken)
    {
        var admin = Environment.GetEnvironmentVariable(EnvironmentVariable);
        ThrowawayPostgresServer? server = null;
        if (string.IsNullOrWhiteSpace(admin))
        {
            if (ThrowawayPostgresServer.UnavailableReason() is { } reason)
            {
                return new MirrorDatabase(null, $"{EnvironmentVariable} is not set and {reason}", null);
            }

            server = await ThrowawayPostgresServer.StartNewAsync(cancellationToken);
            admin = server.AdminConnectionString;
        }

        await using (var source = NpgsqlDataSource.Create(admin))
        {
            await source.CreateCommand($"DROP DATABASE IF EXISTS {name}").ExecuteNonQueryAsync(cancellationToken);
            await source.CreateCommand($"CREATE DATABASE {name}").ExecuteNonQueryAsync(cancellationToken);
        }

        return new MirrorDatabase(new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString, null, server);
    }

    /// <summary>Rows of the mirror that name <paramref name="userId"/> anywhere (key or JSON), as "table:user_id".</summary>
    public async Task<List<string>> RowsMentioningAsync(string userId, CancellationToken cancellationToken)
    {
        await using var db = NpgsqlDataSource.Create(ConnectionString!);
        await using var command = db.CreateCommand("""
            SELECT 'recommendations:' || user_id FROM recommendations WHERE strpos(user_id || items::text, @u) > 0
            UNION ALL
            SELECT 'user_features:' || user_id FROM user_features
            WHERE strpos(user_id || genre_scores::text || creator_scores::text, @u) > 0
            UNION ALL
            SELECT 'engagement_events:' || user_id FROM engagement_events WHERE strpos(user_id || coalesce(session_id, ''), @u) > 0
            UNION ALL
            SELECT 'erasure_watermarks:' || user_id_hash FROM erasure_watermarks WHERE strpos(user_id_hash, @u) > 0
            """);
        command.Parameters.AddWithValue("u", userId);
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    public async Task<long> ListCountAsync(CancellationToken cancellationToken)
    {
        await using var db = NpgsqlDataSource.Create(ConnectionString!);
        return (long)(await db.CreateCommand("SELECT count(*) FROM recommendations").ExecuteScalarAsync(cancellationToken))!;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
