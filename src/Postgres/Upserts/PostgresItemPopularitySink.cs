using Npgsql;
using RecoStreams.Postgres.Rows;

namespace RecoStreams.Postgres.Upserts;

/// <summary>Upserts windowed item popularity; per (item, window, window start) a newer updated_at wins.</summary>
public sealed class PostgresItemPopularitySink : ITableUpsert<ItemPopularityRow>
{
    private const string Sql = """
        INSERT INTO item_popularity AS p (item_id, "window", score, window_start, window_end, updated_at)
        SELECT * FROM unnest(@item_id, @window, @score, @window_start, @window_end, @updated_at)
        ON CONFLICT (item_id, "window", window_start) DO UPDATE SET
            score = EXCLUDED.score,
            window_end = EXCLUDED.window_end,
            updated_at = EXCLUDED.updated_at
        WHERE EXCLUDED.updated_at > p.updated_at
        """;

    public async Task<int> UpsertAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction transaction,
        IReadOnlyCollection<ItemPopularityRow> rows,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return 0;
        }

        var newest = NewestPerKey.Reduce(
            rows,
            r => (r.ItemId, r.Window, PostgresTimestamp.ToStored(r.WindowStart)),
            r => PostgresTimestamp.ToStored(r.UpdatedAt));
        await using var command = new NpgsqlCommand(Sql, connection, transaction);
        command.Parameters.Add(UnnestParameters.Text("item_id", newest.Select(r => r.ItemId)));
        command.Parameters.Add(UnnestParameters.Text("window", newest.Select(r => r.Window)));
        command.Parameters.Add(UnnestParameters.Double("score", newest.Select(r => r.Score)));
        command.Parameters.Add(UnnestParameters.TimestampTz("window_start", newest.Select(r => r.WindowStart)));
        command.Parameters.Add(UnnestParameters.TimestampTz("window_end", newest.Select(r => r.WindowEnd)));
        command.Parameters.Add(UnnestParameters.TimestampTz("updated_at", newest.Select(r => r.UpdatedAt)));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
