using Npgsql;
using RecoStreams.Postgres.Rows;
using RecoStreams.Postgres.Upserts;

namespace RecoStreams.Postgres.History;

/// <summary>
/// Reads the mirrored engagement events of a time range (occurred_at from <c>start</c> inclusive to <c>end</c>
/// exclusive; either open), oldest first, streamed row by row. At most <c>maxRows</c> are returned: a longer
/// range throws rather than fill the reader's memory.
/// </summary>
public sealed class PostgresEngagementHistory(NpgsqlDataSource dataSource)
{
    private const string Sql = """
        SELECT user_id, event_id, item_id, event_type, occurred_at, rating, watch_seconds, item_duration_seconds, session_id
        FROM engagement_events
        WHERE (@start::timestamptz IS NULL OR occurred_at >= @start) AND (@end::timestamptz IS NULL OR occurred_at < @end)
        ORDER BY occurred_at, user_id, event_id
        LIMIT @limit
        """;

    public async Task<IReadOnlyList<EngagementEventRow>> ReadAsync(DateTimeOffset? start, DateTimeOffset? end, int maxRows, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxRows);
        await using var command = dataSource.CreateCommand(Sql);
        command.Parameters.Add(new NpgsqlParameter<DateTime?>("start", NpgsqlTypes.NpgsqlDbType.TimestampTz) { TypedValue = PostgresTimestamp.ToStored(start) });
        command.Parameters.Add(new NpgsqlParameter<DateTime?>("end", NpgsqlTypes.NpgsqlDbType.TimestampTz) { TypedValue = PostgresTimestamp.ToStored(end) });
        command.Parameters.Add(new NpgsqlParameter<long>("limit", NpgsqlTypes.NpgsqlDbType.Bigint) { TypedValue = maxRows + 1L });
        var rows = new List<EngagementEventRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (rows.Count == maxRows)
            {
                throw new InvalidOperationException($"The range holds more than {maxRows} events; read a shorter range or raise the limit.");
            }

            rows.Add(new EngagementEventRow(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3),
                new DateTimeOffset(reader.GetFieldValue<DateTime>(4), TimeSpan.Zero),
                reader.IsDBNull(5) ? null : reader.GetDouble(5),
                reader.IsDBNull(6) ? null : reader.GetDouble(6),
                reader.IsDBNull(7) ? null : reader.GetDouble(7),
                reader.IsDBNull(8) ? null : reader.GetString(8)));
        }

        return rows;
    }
}
